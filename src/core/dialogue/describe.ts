import { extractSlots, type Slots } from './extract.js';
import { looksLikeQuestion, opensQuestion } from './input.js';
import { MAX_PHRASE_WORDS, type Flows } from './load.js';
import { remembered } from '../text/remembered.js';
import { clauses, stem, words } from './text.js';

/**
 * Is a message a description of the user's own workload (a request for a verdict), a question
 * about a topic, or both? Someone who says what they run wants to know where to run it, whether or
 * not they add "vm or containers?"; someone who asks how a technology behaves wants an answer.
 * Only answers about the workload itself count here: naming a platform ("we use Kubernetes",
 * "docker volumes") is context, and questions mention platforms all the time.
 *   description: no question in it, and two things said about the workload, or one that points
 *                strongly somewhere (Windows, a dongle, tenants), or one said as a need or with a
 *                request for advice ("we need…", "vm or docker for…")
 *   both:        a question that also describes a workload: answer it, and offer a recommendation
 *                with those answers filled in
 */
export type Reading =
  | { kind: 'description'; slots: Slots; own: boolean; wishes: boolean }
  | { kind: 'both'; slots: Slots }
  | { kind: 'question' }
  /** `slots`: what it says of a workload, too little to read as a description by itself. */
  | { kind: 'none'; slots?: Slots; own?: boolean };

// A message is checked against several phrase lists in a row: its clauses and phrases are computed once.
const clausesOf: (text: string) => readonly string[][] = remembered((text) => clauses(text, new Set()));
const phrasesOf: (text: string) => ReadonlySet<string> = remembered((text) => {
  const found = new Set<string>();
  for (const clause of clausesOf(text)) {
    for (let i = 0; i < clause.length; i++) {
      let key = '';
      for (let n = 1; n <= MAX_PHRASE_WORDS && i + n <= clause.length; n++) found.add((key = n === 1 ? clause[i]! : `${key} ${clause[i + n - 1]!}`));
    }
  }
  return found;
});

/** True when any of `phrases` (stem keys of up to three words) occurs in the text. */
function hasPhrase(text: string, phrases: ReadonlySet<string>): boolean {
  for (const phrase of phrasesOf(text)) if (phrases.has(phrase)) return true;
  return false;
}

/** True when the message's first word as typed (after fillers) is one of `starts`. */
function opensWith(flows: Flows, text: string, starts: ReadonlySet<string>): boolean {
  const first = words(text).find((w) => !flows.fillers.has(stem(w)));
  return first !== undefined && starts.has(first);
}

/** True when the message names both sides of the verdict ("vm or docker") or a move between them ("containerize"). */
export function choosesPlatform(flows: Flows, text: string): boolean {
  const typed = words(text);
  for (let i = 0; i < typed.length; i++) {
    if (flows.describe.platformVerbs.has(typed[i]!) || flows.describe.platformVerbs.has(typed.slice(i, i + 3).join(' '))) return true;
  }
  return hasPhrase(text, flows.describe.vmSide) && hasPhrase(text, flows.describe.containerSide);
}

/** True when the message asks which to use ("vm or docker for this?", "should we containerize it"). */
export function asksForAdvice(flows: Flows, text: string): boolean {
  return hasPhrase(text, flows.describe.advice);
}

/** True when the message asks how two things compare on one measure ("vm or container, which is safer"). */
export function asksComparison(flows: Flows, text: string): boolean {
  return hasPhrase(text, flows.describe.comparatives);
}

/** A question anywhere in the message: a "?", a sentence opening with a question word, or "how does", "vs". */
export function hasQuestion(flows: Flows, text: string): boolean {
  if (text.includes('?') || looksLikeQuestion(flows, text)) return true;
  // Chat questions often lack a "?" and come after some context: "cpu pinning for an audio vm, how and is it worth it".
  const asked = text.split(/[.!;:,()\n]+|\s[-–—]\s/).some((s) => opensQuestion(flows, words(s)));
  return asked || hasPhrase(text, flows.describe.questionPhrases) || closesQuestion(flows, text);
}

/** A sentence that ends in a question word, as keyword searches do: "microvm startup in milliseconds how". */
function closesQuestion(flows: Flows, text: string): boolean {
  for (const clause of clausesOf(text)) {
    let tail = '';
    for (let n = 1; n <= MAX_PHRASE_WORDS && n <= clause.length; n++) {
      tail = n === 1 ? clause[clause.length - 1]! : `${clause[clause.length - n]!} ${tail}`;
      if (flows.describe.questionEnds.has(tail)) return true;
    }
  }
  return false;
}

/** How strongly the named answers point anywhere: each answer's largest weight, summed. */
function strength(flows: Flows, slots: Slots, context: boolean): number {
  let sum = 0;
  for (const q of flows.recommend.questions) {
    const c = !!q.context === context ? q.choices.find((x) => x.id === slots[q.slot]) : undefined;
    if (c) sum += Math.max(0, ...Object.values(c.weights));
  }
  return sum;
}

const SEARCH_MAX_WORDS = 8;

export function readMessage(flows: Flows, text: string): Reading {
  const question = hasQuestion(flows, text);
  // As typed: stemmed, "custom metrics" would be the user's "customers".
  const own = words(text).some((w) => flows.describe.selfWords.has(w));
  const advice = asksForAdvice(flows, text);
  // Most messages are questions about a topic: no need to read a workload out of them (the costly part).
  if (question && !own && !advice) return { kind: 'question' };
  // "run linux and windows containers side by side on one machine": an imperative said of nobody's workload is a how-to.
  if (!own && !advice && opensWith(flows, text, flows.describe.howTo)) return { kind: 'question' };
  const slots = extractSlots(flows, text);
  const workload = flows.recommend.questions.filter((q) => !q.context && slots[q.slot] !== undefined).length;
  const need = hasPhrase(text, flows.describe.need);
  const trait = strength(flows, slots, false);
  if (!question) {
    // A language name alone ("my python script") is too weak: questions about code mention them all the time.
    // One strong trait in a few words said of nobody's workload is a search ("export vm from esxi web ui as ova",
    // "fargate cold start time"), not a description; a sentence about a workload ("ctf platform where every
    // player gets a shell in their own challenge container") is one.
    const search = !own && !need && !advice && words(text).length <= SEARCH_MAX_WORDS;
    const describes =
      workload >= 2 || (trait >= 3 && !search) || (workload >= 1 && (need || advice) && trait >= 2) || (need && strength(flows, slots, true) >= 4);
    return describes ? { kind: 'description', slots, own, wishes: hasPhrase(text, flows.describe.wish) } : { kind: 'none', slots, own };
  }
  if (workload === 0) return { kind: 'question' };
  return (own && workload >= 2) || advice ? { kind: 'both', slots } : { kind: 'question' };
}
