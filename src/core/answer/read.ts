import type { Knowledge } from '../knowledge/load.js';
import type { Nlu, NluResult } from '../nlu/index.js';
import type { FactHit, Retriever } from '../retrieve/index.js';
import type { Fact } from '../knowledge/fact-schema.js';
import { areNeighbours, isProduct as isProductIn } from '../knowledge/relations.js';
import { contentWords } from '../retrieve/terms.js';
import { tokenText } from '../nlu/tokenize.js';
import { directionOf, inDirection } from './direction.js';
import { nameOf } from './compose.js';
import { definitionOf, fuse, preferFacets, type Reading } from './fuse.js';
import { scopeSignals, type ScopeLexicon, type ScopeSignals } from './scope.js';
import type { QuestionForms } from './question-form.js';
import { askedAndContext, piecesOf, withoutInterjection, type Piece } from './parts.js';

export interface ReadDeps {
  kb: Knowledge;
  nlu: Nlu;
  retriever: Retriever;
  scope: ScopeLexicon;
  threshold: number;
  /** Wordings that ask for a kind of answer; without them, the ranking alone decides. */
  forms?: QuestionForms;
}

const MAX_FOREIGN_ADVICE_WORDS = 1;
const MIN_FOREIGN_HELP_WORDS = 2;
// Intents people hit by accident with a question ("compose logs follow" heard as goodbye): a fact may answer instead.
const SMALL_TALK_AND_HELP = new Set(['help', 'tour_start', 'greeting', 'thanks', 'goodbye', 'about_bot', 'complaint']);
// "what is kvm", "podman??": no word besides the name (and question words).
const BARE_QUESTION_WORDS = 0;
const BARE_QUESTION_MAX_WORDS = 5;
// Stems that only say "compare these" ("docker vs podman", "difference kvm xen").
const COMPARISON_WORDS = new Set(['vs', 'versu', 'diff', 'differ', 'compar']);
// Stems that only say "define this" ("podman explained", "explain cgroups simply").
const DEFINING_WORDS = new Set(['explain', 'simpli', 'simpl', 'nutshel', 'eli5', 'dummi', 'tldr']);

/** What the bot made of a message, and the scope evidence it used (the turn logic needs it too). */
export interface Understanding {
  reading: Reading;
  scope: ScopeSignals;
  /** The facts ranked for the question, as fusion saw them (for the trace). */
  hits: readonly FactHit[];
  /** The message as it was ranked: typos in names spelled right (see spelledRight). */
  query: string;
}

// Said to the bot about itself or its last answer ("who made you", "that's wrong"): only in words the examples
// use, naming nothing of the domain. "ingress 404 nginx not found" and "keyboard types the wrong characters" are not.
const PERSONAL_ACTS = new Set(['about_bot', 'complaint']);
const MAX_FOREIGN_PERSONAL_WORDS = 2;

/** The classifier's result, with a remark to the bot that names the domain or says more read as its next best intent. */
export function personalOnlyIfSaidSo(nlu: Pick<Nlu, 'foreignWords'>, text: string, result: NluResult): NluResult {
  if (!PERSONAL_ACTS.has(result.intent)) return result;
  if (result.mentions.length === 0 && nlu.foreignWords(text, result.intent) <= MAX_FOREIGN_PERSONAL_WORDS) return result;
  const best = result.ranking.find((r) => !PERSONAL_ACTS.has(r.intent));
  return best ? { ...result, intent: best.intent, confidence: best.confidence } : { ...result, intent: 'out_of_scope', confidence: 0 };
}

/** The message with each typo forgiven for a name spelled right ("hypervisior" → "hypervisor", "contianer" → "Container"). */
function spelledRight(kb: Knowledge, text: string, result: Pick<NluResult, 'mentions'>): string {
  let query = text;
  for (const m of result.mentions) {
    if (!m.fuzzy) continue;
    // "esxi7", "vsphere8": a version glued to the name stays ("VMware ESXi 7").
    const version = /[a-z]\d+(?:\.\d+)?$/i.test(m.text) ? /\d+(?:\.\d+)?$/.exec(m.text)![0] : '';
    query = query.replace(new RegExp(`\\b${m.text.replace(/[^a-z0-9 ]/g, '')}\\b`, 'i'), version ? `${nameOf(kb, m.id)} ${version}` : nameOf(kb, m.id));
  }
  return query;
}

/** The classifier's result and the fact ranking, fused (see answer/fuse.ts). */
export function read(deps: ReadDeps, text: string, result: NluResult): Understanding {
  // A typo forgiven for a name is spelled right for the ranking.
  const query = withoutInterjection(spelledRight(deps.kb, text, result));
  const topics = sureTopic(deps, result);
  const pieces = piecesOf(deps.forms, query);
  const { asked, context } = askedAndContext(pieces, query);
  const askedFacets = deps.forms?.facetsOf(asked) ?? [];
  // "what is runc": every fact about runc matches the name alike; the one that defines it must be among those ranked.
  const definitionsOf = result.entities.length === 1 && namesOnly(result, text) ? result.entities[0] : undefined;
  // "to proxmox from vmware": facts about the opposite move ("proxmox to esxi") do not answer it.
  const hits = inDirection(deps.kb, directionOf(deps.kb, text, result.entities), deps.retriever.search({ text: asked, context, entities: result.entities, topics, definitionsOf }));
  const adviceOnly = result.intent === 'recommend_start' && deps.nlu.foreignWords(text, 'recommend_start') <= MAX_FOREIGN_ADVICE_WORDS;
  // "what are requests and limits" is not a request for help however the classifier hears "what are", nor "compose
  // logs follow" a goodbye: its words are not the ones people use for those.
  const notAskingHelp = SMALL_TALK_AND_HELP.has(result.intent) && deps.nlu.foreignWords(text, result.intent) >= MIN_FOREIGN_HELP_WORDS;
  const isProduct = (id: string) => isProductIn(deps.kb, id);
  const neighbours = (a: string, b: string) => areNeighbours(deps.kb, a, b);
  const named = new Set(result.mentions.flatMap((m) => m.text.split(' ')));
  const said = contentWords(text).filter((w) => !COMPARISON_WORDS.has(w) && !DEFINING_WORDS.has(w)).length;
  const namedWords = contentWords([...named].join(' '));
  // "what is kvm", "podman??"; not "is hyper-v isolation for windows containers a vm", whose names are all it says.
  const bareQuestion = said - namedWords.length <= BARE_QUESTION_WORDS && text.split(/\s+/).length <= BARE_QUESTION_MAX_WORDS;
  const topicOf = (intent: string) => deps.kb.byIntent.get(intent)?.id;
  const comparesNamed = namesBothSides(text, result, isProduct);
  const options = { threshold: deps.threshold, adviceOnly, notAskingHelp, isProduct, neighbours, bareQuestion, topicOf, askedFacets, namedWords, comparesNamed };
  const scope = scopeSignals(query, result, deps.retriever, deps.scope);
  const reading = fuse(result, hits, deps.retriever, scope, options);
  return { reading: reading.kind === 'facts' ? answerEachPart(deps, pieces, context, topics, result, reading) : reading, scope, hits, query };
}

// The classifier is good at the topic of a message even when it names no technology ("can kvm move a running vm
// to another host" is live migration): facts on that topic rank like facts on a named concept.
const SURE_TOPIC = 0.8;
function sureTopic(deps: ReadDeps, result: NluResult): string[] {
  const id = result.confidence >= SURE_TOPIC ? deps.kb.byIntent.get(result.intent)?.id : undefined;
  return id ? [id] : [];
}

/**
 * What a question is about: the technologies it names, or, naming none ("is it free?"), those the message
 * names around it.
 */
function namedIn(result: NluResult, question: string): string[] {
  const inQuestion = mentionsIn(result, question).map((m) => m.id);
  return inQuestion.length > 0 ? [...new Set(inQuestion)] : result.entities;
}

/** The message's mentions that this piece of it contains. */
function mentionsIn(result: Pick<NluResult, 'mentions'>, text: string): NluResult['mentions'] {
  const lower = text.toLowerCase();
  return result.mentions.filter((m) => lower.includes(m.text));
}

const COMPARISON_BREAK = /\b(?:vs\.?|versus|or)\b/;

/**
 * "k8s on vsphere vs bare metal": both names on one side of the "vs" compare something else (where Kubernetes runs),
 * not the two products. Without a "vs" or "or" ("difference between docker and podman"), they are what is compared.
 */
export function namesBothSides(text: string, result: NluResult, isProduct: (id: string) => boolean): boolean {
  // Mentions are spelled as the tokenizer reads them ("hyper v"): look for them in the text read the same way.
  const lower = tokenText(text);
  const split = COMPARISON_BREAK.exec(lower);
  if (!split) return true;
  const at = result.mentions.filter((m) => isProduct(m.id)).map((m) => lower.indexOf(m.text)).filter((p) => p >= 0);
  return at.length < 2 || (at.some((p) => p < split.index) && at.some((p) => p > split.index));
}

/** The stemmed words of the names the text mentions ("k8s"). */
function namedWordsIn(result: NluResult, text: string): readonly string[] {
  return contentWords(mentionsIn(result, text).map((m) => m.text).join(' '));
}

/** True when the text says nothing besides the names it mentions (and question words): "whats gvisor". */
function namesOnly(result: NluResult, text: string): boolean {
  const named = new Set(namedWordsIn(result, text));
  return contentWords(text).every((w) => named.has(w));
}

const PART_MIN_WORDS = 2;
const PART_MIN_COVERAGE = 0.4;
const MAX_PARTS = 3;
const PART_CANDIDATES = 5;
const FOLLOW_ON_MAX_WORDS = 3;

/**
 * A message that asks several things gets the best fact for each part too: the whole message's ranking
 * favours the part with the rarest words. Parts are the questions found at question marks, semicolons,
 * line breaks, list markers and "… and does it …"; each part is ranked with the technologies it names
 * (or, naming none, the message's) and the message's context.
 */
function answerEachPart(
  deps: ReadDeps,
  pieces: readonly Piece[],
  context: string | undefined,
  topics: readonly string[],
  result: NluResult,
  reading: Extract<Reading, { kind: 'facts' }>,
): Reading {
  const parts = pieces
    .filter((p) => p.asks)
    .map((p) => ({ text: p.text, words: contentWords(p.text).length, facets: deps.forms?.facetsOf(p.text) ?? [] }))
    // "whats bhyve", "does anyone use it" are parts: one word is enough when the wording says what is asked, or when
    // it follows another question ("…, and is it slower"), which it is then read with.
    .filter((p, k) => p.words >= PART_MIN_WORDS || (p.words > 0 && (p.facets.length > 0 || k > 0)));
  if (parts.length < 2) return reading;
  // Each part's best fact first, in the order asked; the whole message's facts fill what is left.
  const facts: Fact[] = [];
  let previous: string | undefined;
  for (const part of parts) {
    // A part that names nothing ("does it need a daemon?") is about what the message named.
    const entities = namedIn(result, part.text);
    const nameOnly = entities.length === 1 && namesOnly(result, part.text);
    // A short part that names nothing ("… and does it cost?") is about what the part before it asked.
    const followsOn = previous !== undefined && part.words <= FOLLOW_ON_MAX_WORDS && mentionsIn(result, part.text).length === 0;
    const partContext = followsOn ? [context, previous].filter((t) => t !== undefined).join('\n') : context;
    previous = part.text;
    const ranked = deps.retriever.search({ text: part.text, context: partContext, entities, topics, definitionsOf: nameOnly ? entities[0] : undefined }, PART_CANDIDATES);
    // "what is apptainer and …": a part that only names one thing is answered by the fact that defines it, the one asked
    // for the name typed ("what is k8s": Kubernetes, not kubectl, which names it too).
    const defined = nameOnly ? definitionOf(entities[0]!, namedWordsIn(result, part.text), ranked) : undefined;
    // The part's wording says what kind of fact it wants, as for the whole message (see fuse.ts).
    const top = defined ?? preferFacets(ranked, result.intent, false, part.facets)[0];
    if (top && top.coverage >= PART_MIN_COVERAGE && !facts.includes(top.fact)) facts.push(top.fact);
  }
  if (facts.length < 2) return reading;
  for (const fact of reading.facts) if (!facts.includes(fact)) facts.push(fact);
  facts.splice(MAX_PARTS);
  return { ...reading, facts, next: reading.next.filter((f) => !facts.includes(f)) };
}
