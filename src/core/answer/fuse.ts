import { askWordsOf } from '../retrieve/terms.js';
import type { Fact, Facet } from '../knowledge/fact-schema.js';
import type { NluResult } from '../nlu/index.js';
import type { FactHit, Retriever } from '../retrieve/index.js';
import type { ScopeSignals } from './scope.js';

/**
 * What the bot makes of a message, from the intent classifier and the fact ranking together.
 * - intent: a dialogue act the classifier is good at (greeting, thanks, help, recommend, tour) or,
 *   when no fact fits, the classifier's topic card;
 * - facts: one fact answers it (or several, one per part of a multi-part question);
 * - topic: no fact fits but the topic is clear: its card, saying so;
 * - clarify: two close readings;
 * - out_of_scope: not about VMs and containers, whatever words it shares with them.
 */
export type Reading =
  | { kind: 'intent'; intent: string; confidence: number }
  | { kind: 'facts'; facts: Fact[]; next: Fact[]; confidence: number }
  | { kind: 'topic'; intent: string; confidence: number }
  | { kind: 'clarify'; confidence: number }
  | { kind: 'out_of_scope'; confidence: number };

export const DIALOGUE_ACTS = new Set(['greeting', 'thanks', 'goodbye', 'about_bot', 'complaint', 'help', 'recommend_start', 'tour_start']);
const ENTITY_INTENTS = new Set(['define', 'hypervisor_type', 'vendor', 'license', 'use_case', 'alternatives', 'compare']);
const OUT_OF_SCOPE = 'out_of_scope';
const NEEDS_A_NAME = new Set(['define', 'vendor', 'license', 'use_case', 'alternatives']);
// When the classifier is sure what kind of question it is, facts of that kind rank higher.
const FACETS_OF_INTENT: Record<string, readonly Facet[]> = {
  define: ['what'],
  vendor: ['maker'],
  license: ['licence', 'cost'],
  cost_licensing: ['licence', 'cost'],
  use_case: ['use'],
  alternatives: ['alternatives'],
  hypervisor_type: ['type'],
  compare: ['compare'],
  end_of_life: ['status', 'history'],
};
const ON_FACET = 1.3;

/**
 * Re-ranks facts by the kind of question asked: what the classifier recognised and what the wording asks
 * for ("who makes…"), once, however many say so.
 */
export function preferFacets(hits: readonly FactHit[], intent: string, confident: boolean, asked: readonly Facet[] = []): FactHit[] {
  const facets = [...((confident ? FACETS_OF_INTENT[intent] : undefined) ?? []), ...asked];
  if (facets.length === 0) return [...hits];
  return hits.map((h) => (facets.includes(h.fact.facet) ? { ...h, score: h.score * ON_FACET } : h)).sort((a, b) => b.score - a.score);
}

/** Calibration of the fused decision; see scripts/eval.ts for the figures behind them. */
export interface FuseOptions {
  threshold: number;
  /** True when the message says nothing but what people say to ask for advice ("need help choosing"). */
  adviceOnly: boolean;
  /** True when the classifier heard help, the tour or small talk, but two or more words are foreign to how people say those. */
  notAskingHelp?: boolean;
  /** True when the entry is a product (not a concept): a fact about another product never answers for it. */
  isProduct: (id: string) => boolean;
  /** True when two entries are related or alternatives (Docker and Docker Desktop). */
  neighbours: (a: string, b: string) => boolean;
  /** True when the message says little besides the names it mentions ("what is kvm?", "podman??"). */
  bareQuestion: boolean;
  /** The knowledge entry that answers a topic intent as a whole (its card), if any. */
  topicOf: (intent: string) => string | undefined;
  /** The kinds of fact the wording asks for ("who makes…" asks for the maker). */
  askedFacets?: readonly Facet[];
  /** False when the products named sit on one side of the "vs" ("k8s on vsphere vs bare metal"): not compared with each other. */
  comparesNamed?: boolean;
  /** The stemmed words that named things in the message ("moby"). */
  namedWords?: readonly string[];
}

const MIN_COVERAGE = 0.25; // share of the message's informative words the best fact must match
const MIN_SCORE = 6; // BM25+ floor for the best fact
const MIN_WORDS_WITHOUT_NAME = 2;
const ANCHORED_MIN_COVERAGE = 0.15;
const PART_MIN_NOVEL = 0.1; // a second fact must answer words the first did not...
const PART_MIN_RATIO = 0.35; // ...and rank close enough to the first
const MAX_FACTS = 3;
const ACT_OVER_FACT = 0.8; // a confident dialogue act wins unless a fact covers the message this well
const ACT_OVER_FACT_SOFT = 0.5;
const TOPIC_FACT_COVERAGE = 0.12;
const COMPARE_CLOSE_COVERAGE = 0.6; // a fact about one of the two that answers most of the message
const COMPARE_FIT_COVERAGE = 0.5; // a fact that fits a question which merely mentions two products
// A message anchored only by ordinary words ("container", "pod", "swarm") is ours when few of its words
// are foreign to the knowledge; one with no anchor at all needs a close fact and almost no foreign word.
const WEAK_MAX_UNKNOWN = 0.4;
const WEAK_CLEAN_UNKNOWN = 0.2;
const WEAK_CLEAN_COVERAGE = 0.45;
// The knowledge's vocabulary grows with every fact, so "few foreign words" alone no longer tells a sailor's "at the
// helm in 25 knot winds" from a question: an ordinary-word name also needs a fact that fits a little, or a sure topic.
const WEAK_MIN_COVERAGE = 0.2;
const NONE_MAX_UNKNOWN = 0.2;
const NONE_MIN_COVERAGE = 0.45;
const NONE_JARGON_COVERAGE = 0.75;
const NONE_WHOLE_COVERAGE = 0.95; // every word known and one fact answering nearly all of them...
const NONE_WHOLE_MIN_WORDS = 3;
const NONE_WHOLE_OOS_CERTAIN = 0.99; // ...unless the classifier is all but certain it is off-topic ("how do i build a gaming pc")
const NONE_CLOSE_COVERAGE = 0.85; // a longer message, every word known, that one fact answers closely...
const NONE_CLOSE_MIN_WORDS = 5; // ...is ours unless the classifier says it is not ("error: failed to solve: failed to compute cache key")
const NONE_SURE_TOPIC = 0.85; // the classifier is this sure of a domain topic
const STRONG_OOS_CONFIDENCE = 0.9;
const STRONG_OOS_UNKNOWN = 0.15;
// A name in a request no fact answers ("tell me a joke about kubernetes", "a kubernetes engineer's salary"): leaning
// off-topic is enough.
const OFF_TOPIC_REQUEST_CONFIDENCE = 0.5;
const ADVICE_MIN_SPECIFIC = 0.5; // a request for advice naming nothing must match a fact mostly by the domain's own words

/** The idf-weighted share of the words a fact matched that are not general IT words or ordinary names. */
function specificShare(hit: FactHit, scope: ScopeSignals, retriever: Retriever): number {
  let all = 0;
  let specific = 0;
  for (const w of hit.matched) {
    const weight = retriever.idf(w);
    all += weight;
    if (!scope.general.has(w)) specific += weight;
  }
  return all === 0 ? 0 : specific / all;
}

/** Whether a message is about VMs and containers at all, whatever words it shares with them. */
/**
 * `definition`: the message asks what something is and `top` is a definition whose own questions use its words
 * ("what is a taint and toleration").
 */
export function inScope(result: NluResult, scope: ScopeSignals, top: FactHit | undefined, threshold: number, definition = false): boolean {
  const saysOutOfScope = result.intent === OUT_OF_SCOPE && result.confidence >= threshold;
  // Coverage leaves out words the knowledge never uses; for deciding scope they count against it.
  const coverage = (top?.coverage ?? 0) * (1 - scope.unknown);
  // A sure domain topic, not a sure request for advice ("which pot or container for my peppers").
  const sureTopic = result.confidence >= NONE_SURE_TOPIC && !DIALOGUE_ACTS.has(result.intent);
  switch (scope.anchor) {
    case 'strong':
      // Even "docker" has another sense ("the dockers at the port are on strike"): the classifier sure
      // it is off-topic and many words foreign to the knowledge outweigh one name.
      if (scope.offTopicRequest === true && result.intent === OUT_OF_SCOPE && result.confidence >= OFF_TOPIC_REQUEST_CONFIDENCE) return false;
      // "rancher the tv show, is it based on a true story", "i named my cat docker": the name in another sense, and a
      // classifier that reads it as off-topic at all. (Over 23,028 in-scope probes, no more refusals than with 0.9.)
      if (scope.otherSense && result.intent === OUT_OF_SCOPE) return false;
      return !(result.intent === OUT_OF_SCOPE && result.confidence >= STRONG_OOS_CONFIDENCE && scope.unknown >= STRONG_OOS_UNKNOWN);
    case 'weak':
      // Every word known to the knowledge and a fact that covers it ("why is my pod stuck in pending") is ours
      // whatever the classifier thinks; with a few foreign words ("40ft container from shanghai"), only a fitting
      // fact or a sure domain topic makes it ours.
      // A word only one fact uses ("zsh" in a kubectl completion fact) is no evidence against a classifier sure it is off-topic.
      if (scope.rareJargon === true && result.intent === OUT_OF_SCOPE && result.confidence >= STRONG_OOS_CONFIDENCE) return false;
      if (scope.unknown === 0 && coverage >= WEAK_CLEAN_COVERAGE) return true;
      return (
        !saysOutOfScope &&
        (coverage >= WEAK_MIN_COVERAGE || sureTopic) &&
        (scope.unknown <= WEAK_CLEAN_UNKNOWN || (scope.unknown < WEAK_MAX_UNKNOWN && (coverage >= NONE_MIN_COVERAGE || sureTopic)))
      );
    case 'none':
      // Jargon the classifier never saw ("crashloopbackoff") but a fact covers whole is ours.
      if (scope.unknown === 0 && coverage >= NONE_JARGON_COVERAGE && result.known <= 1) return true;
      // Every word known and one fact that answers all of them ("aws metal instances why", "what version is the api
      // server running") is ours, whatever the classifier guesses from everyday words.
      if (scope.unknown === 0 && coverage >= NONE_WHOLE_COVERAGE && scope.words >= NONE_WHOLE_MIN_WORDS && !(saysOutOfScope && result.confidence >= NONE_WHOLE_OOS_CERTAIN)) return true;
      if (scope.unknown === 0 && coverage >= NONE_CLOSE_COVERAGE && scope.words >= NONE_CLOSE_MIN_WORDS && !saysOutOfScope) return true;
      // Asked what it is, and a definition of exactly those words answers it, unless the classifier is sure it is off-topic.
      if (definition && scope.words > 0 && scope.unknown === 0 && scope.generalIT !== true && coverage >= NONE_WHOLE_COVERAGE && !(saysOutOfScope && result.confidence >= STRONG_OOS_CONFIDENCE)) return true;
      // Words only one fact uses in passing ("mask" of "subnet mask") are no more the domain's than unknown ones.
      return result.intent !== OUT_OF_SCOPE && scope.unknown + (scope.thin ?? 0) <= NONE_MAX_UNKNOWN && (coverage >= NONE_MIN_COVERAGE || sureTopic);
  }
}

/** Facts for each part of the question: greedy on the words not answered yet. */
export function selectFacts(hits: readonly FactHit[], retriever: Retriever): { chosen: Fact[]; rest: Fact[] } {
  const top = hits[0]!;
  const chosen: FactHit[] = [top];
  const covered = new Set(top.matched);
  for (const hit of hits.slice(1)) {
    if (chosen.length >= MAX_FACTS) break;
    if (hit.score < top.score * PART_MIN_RATIO) break;
    const novel = hit.matched.filter((w) => !covered.has(w));
    const all = [...covered, ...hit.matched];
    const novelWeight = novel.reduce((s, w) => s + retriever.idf(w), 0) / Math.max(1e-9, all.reduce((s, w) => s + retriever.idf(w), 0));
    if (novel.length === 0 || novelWeight < PART_MIN_NOVEL) continue;
    chosen.push(hit);
    for (const w of hit.matched) covered.add(w);
  }
  const picked = new Set(chosen.map((h) => h.fact.id));
  return { chosen: chosen.map((h) => h.fact), rest: hits.filter((h) => !picked.has(h.fact.id)).map((h) => h.fact) };
}

/** One fact as the answer, the rest of the ranking offered as follow-ups. */
function single(hit: FactHit, hits: readonly FactHit[], confidence: number): Reading {
  return { kind: 'facts', facts: [hit.fact], next: hits.filter((h) => h !== hit).map((h) => h.fact), confidence };
}

/**
 * "X vs Y" is answered by the best fact about both, a comparison fact about both, a fact about one of them
 * (and no third product) that answers most of the message, or else by the written comparison (or both
 * cards side by side). A bare "X vs Y" wants the comparison itself, not any fact that happens to name both.
 */
function readComparison(named: readonly string[], hits: readonly FactHit[], factFits: boolean, options: FuseOptions, confidence: number): Reading {
  const top = hits[0];
  const aboutBoth = (h: FactHit) => named.filter((id) => h.fact.about.includes(id)).length >= 2;
  const closeToOne = (h: FactHit) =>
    h.coverage >= COMPARE_CLOSE_COVERAGE && named.some((id) => h.fact.about.includes(id)) && h.fact.about.filter(options.isProduct).every((id) => named.includes(id));
  const usable = factFits && top !== undefined && !options.bareQuestion ? top : undefined;
  // A question that only mentions two products ("oracle licensing on vmware vs kvm") is answered by the fact
  // that fits it, not by the products' general comparison.
  const fitsWell = usable && (aboutBoth(usable) || usable.coverage >= COMPARE_FIT_COVERAGE);
  // A bare "esxi vs vsphere" is answered by the best-ranked fact about both that compares or defines them.
  const both = fitsWell
    ? usable
    : (hits.find((h) => (h.fact.facet === 'compare' || h.fact.facet === 'what') && aboutBoth(h)) ?? (usable && closeToOne(usable) ? usable : undefined));
  return both ? single(both, hits, confidence) : { kind: 'intent', intent: 'compare', confidence };
}

/**
 * "what is X?": a fact saying what X is, or else X's own card, not a detail about X; of two definitions, the
 * one that uses the name the user typed.
 */
function readDefinition(id: string, said: readonly string[], hits: readonly FactHit[], confidence: number): Reading {
  const definition = definitionOf(id, said, hits);
  return definition ? single(definition, hits, confidence) : { kind: 'intent', intent: 'define', confidence };
}

/** The fact that defines entry `id`, of those ranked: the one asked for the name the user typed (`said`, stemmed) first. */
export function definitionOf(id: string, said: readonly string[], hits: readonly FactHit[]): FactHit | undefined {
  const usesName = (h: FactHit) => said.every((w) => h.matched.includes(w));
  // "what is k3s" is defined by the fact asked "what is k3s", before one asked "k3d what is it" (k3d names K3s too).
  const asksForName = (h: FactHit) =>
    said.length > 0 &&
    askWordsOf(h.fact).some((words) => words.length > 0 && words.every((w) => said.includes(w)));
  return (
    hits.find((h) => h.defines && h.fact.about[0] === id && asksForName(h)) ??
    hits.find((h) => h.defines && h.fact.about[0] === id && usesName(h)) ??
    hits.find((h) => h.defines && h.fact.about[0] === id)
  );
}

// All the words of a fact's own questions, as one set per fact.
const askedWords = new WeakMap<Fact, ReadonlySet<string>>();

/** The words a fact matched are words its own questions use ("taint" in "what is a taint"), not only its answer's. */
function asksAbout(hit: FactHit): boolean {
  let asked = askedWords.get(hit.fact);
  if (!asked) askedWords.set(hit.fact, (asked = new Set(askWordsOf(hit.fact).flat())));
  return hit.matched.every((w) => asked.has(w));
}

export function fuse(result: NluResult, ranked: readonly FactHit[], retriever: Retriever, scope: ScopeSignals, options: FuseOptions): Reading {
  const { intent, confidence } = result;
  const confident = confidence >= options.threshold;
  const hits = preferFacets(ranked, intent, confident, options.askedFacets);
  const top = hits[0];
  // One ordinary word ("architecture q") is too little to pick a fact by; a name or jargon is enough.
  // Asked what something is, and the best fact is a definition whose own questions use the words it matched.
  const definition = options.askedFacets?.includes('what') === true && top?.fact.facet === 'what' && asksAbout(top);
  // "what is sandboxing": one word asked to be defined, by a fact that defines it, is enough.
  const definedWord = definition && top.coverage >= 1 && scope.words > 0 && scope.generalIT !== true;
  const enoughWords = scope.anchor === 'strong' || scope.words >= MIN_WORDS_WITHOUT_NAME || scope.rareJargon === true || definedWord;
  // Anchored by a name or jargon but read as off-topic, the classifier offers no topic to fall back on: a weaker fact will do.
  const fitBar = scope.anchor === 'strong' && intent === OUT_OF_SCOPE ? ANCHORED_MIN_COVERAGE : MIN_COVERAGE;
  const factFits = top !== undefined && enoughWords && top.score >= MIN_SCORE && top.coverage >= fitBar;

  // Small talk and flow starts are the classifier's; a fact overrides them only for a message about the domain
  // that the fact covers almost entirely ("help me understand cgroups" is a question, "thanks, that helped" is not).
  // "help" and flow starts are often the classifier's guess for a question it has no topic for.
  const overrideAt = intent === 'help' || intent === 'tour_start' ? ACT_OVER_FACT_SOFT : ACT_OVER_FACT;
  // Of the whole message: "we run twenty go services… should we use vms or containers?" is a request for advice
  // even though a fact answers its last sentence.
  const factOverrides = factFits && (scope.anchor === 'strong' || options.notAskingHelp === true) && top.coverageOfMessage >= overrideAt;
  // A request for advice needs the domain in it: "pot or container for tomatoes" is anchored only by an ordinary word among foreign ones.
  const adviceInDomain = scope.anchor === 'strong' || (scope.anchor === 'weak' ? scope.unknown <= WEAK_CLEAN_UNKNOWN : options.adviceOnly);
  if (DIALOGUE_ACTS.has(intent) && confident && !factOverrides && (intent !== 'recommend_start' || adviceInDomain)) {
    return { kind: 'intent', intent, confidence };
  }
  // "postgres or mongodb for our data model?": a sure request for advice that names nothing of the domain, whose best
  // fact matches it mostly by general IT words, asks about something else.
  if (intent === 'recommend_start' && confident && scope.anchor === 'none' && !options.adviceOnly && top && specificShare(top, scope, retriever) < ADVICE_MIN_SPECIFIC) {
    return { kind: 'out_of_scope', confidence };
  }
  // "what is terraform?": a question about a named thing we do not know is not answered with a neighbour's fact.
  const coveredWhole = scope.unknown === 0 && (top?.coverage ?? 0) >= NONE_JARGON_COVERAGE;
  if (NEEDS_A_NAME.has(intent) && confident && result.entities.length === 0 && scope.anchor === 'none' && !coveredWhole) return { kind: 'out_of_scope', confidence };
  if (!inScope(result, scope, top, options.threshold, definition)) return { kind: 'out_of_scope', confidence: intent === OUT_OF_SCOPE ? confidence : 1 - (top?.coverage ?? 0) };
  // Facts about another product than the one named never answer for it: the named product's card does.
  const named = result.entities.filter(options.isProduct);
  const products = factFits ? top.fact.about.filter(options.isProduct) : [];
  const aboutNamed =
    factFits && (named.length === 0 || products.length === 0 || products.some((id) => named.includes(id) || named.some((n) => options.neighbours(n, id))));
  if (factFits && !aboutNamed) return { kind: 'intent', intent: ENTITY_INTENTS.has(intent) ? intent : named.length > 1 ? 'compare' : 'define', confidence };
  if (named.length >= 2 && intent === 'compare' && confident && options.comparesNamed !== false) return readComparison(named, hits, factFits, options, confidence);
  // "what is ksm in kvm" asks about KSM: only a message naming one thing is a definition question about it.
  const definesIt = result.entities.length === 1 && options.bareQuestion && ((intent === 'define' && confident) || !ENTITY_INTENTS.has(intent));
  if (definesIt && named.length === 1) return readDefinition(named[0]!, options.namedWords ?? [], hits, confidence);
  // A concept too, when a fact defines it: "what is a dockerfile" asks for the Dockerfile's definition, not a
  // comparison that uses the word; without one, the ranking below decides.
  const conceptDefinition = definesIt && named.length === 0 ? readDefinition(result.entities[0]!, options.namedWords ?? [], hits, confidence) : undefined;
  if (conceptDefinition?.kind === 'facts') return conceptDefinition;
  if (factFits) {
    const { chosen, rest } = selectFacts(hits, retriever);
    return { kind: 'facts', facts: chosen, next: rest, confidence: Math.min(1, top.coverage) };
  }
  // Not sure it is off-topic, and it names something we know: that thing's card beats a refusal.
  if (intent === OUT_OF_SCOPE && !confident && scope.anchor === 'strong' && result.entities.length > 0) return { kind: 'intent', intent: 'define', confidence };
  if (intent === OUT_OF_SCOPE) return { kind: 'out_of_scope', confidence };
  // The classifier is sure of the topic and the best fact is that topic's: the fact says more than the card.
  const topic = options.topicOf(intent);
  if (confident && top && topic && top.coverage >= TOPIC_FACT_COVERAGE && top.fact.about.includes(topic)) return single(top, hits, confidence);
  // "Did you mean…?" is for a message we cannot place; one that names our subject gets the nearest fact.
  if (!confident && scope.anchor === 'strong' && top && top.coverage >= ANCHORED_MIN_COVERAGE) return single(top, hits, top.coverage);
  if (!confident) return { kind: 'clarify', confidence };
  if (ENTITY_INTENTS.has(intent) || DIALOGUE_ACTS.has(intent)) return { kind: 'intent', intent, confidence };
  return { kind: 'topic', intent, confidence };
}
