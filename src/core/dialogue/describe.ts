import { extractSlots, type Slots } from './extract.js';
import { looksLikeQuestion } from './input.js';
import type { Flows } from './load.js';
import { clauses, stem, words } from './text.js';

/**
 * Is a message a description of the user's own workload (a request for a verdict), a question
 * about a topic, or both? Someone who says what they run wants to know where to run it, whether or
 * not they add "vm or containers?"; someone who asks how a technology behaves wants an answer.
 * Only answers about the workload itself count here: naming a platform ("we use Kubernetes",
 * "docker volumes") is context, and questions mention platforms all the time.
 *   description: no question in it, and two things said about the workload, or one said as a need
 *                of their own ("we need…") or with a request for advice ("vm or docker for…")
 *   both:        a question that also describes a workload: answer it, and offer a recommendation
 *                with those answers filled in
 */
export type Reading =
  | { kind: 'description'; slots: Slots }
  | { kind: 'both'; slots: Slots }
  | { kind: 'question' }
  | { kind: 'none' };

/** True when any of `phrases` (stem keys of up to three words) occurs in the text. */
function hasPhrase(text: string, phrases: ReadonlySet<string>): boolean {
  for (const clause of clauses(text, new Set())) {
    for (let i = 0; i < clause.length; i++) {
      for (let n = 1; n <= 3 && i + n <= clause.length; n++) if (phrases.has(clause.slice(i, i + n).join(' '))) return true;
    }
  }
  return false;
}

/** True when the message asks which to use ("vm or docker for this?", "should we containerize it"). */
export function asksForAdvice(flows: Flows, text: string): boolean {
  return hasPhrase(text, flows.describe.advice);
}

/** A question anywhere in the message: a "?", a sentence opening with a question word, or "how does", "vs". */
export function hasQuestion(flows: Flows, text: string): boolean {
  if (text.includes('?') || looksLikeQuestion(flows, text)) return true;
  const opensQuestion = text.split(/[.!;:\n]+|\s[-–—]\s/).some((s) => {
    const first = words(s)[0];
    return first !== undefined && flows.questionStarts.has(stem(first));
  });
  return opensQuestion || hasPhrase(text, flows.describe.questionPhrases);
}

export function readMessage(flows: Flows, text: string): Reading {
  const slots = extractSlots(flows, text);
  const named = (context: boolean) => flows.recommend.questions.filter((q) => !!q.context === context && slots[q.slot] !== undefined).length;
  const workload = named(false);
  const question = hasQuestion(flows, text);
  const own = hasPhrase(text, flows.describe.self);
  const need = own && hasPhrase(text, flows.describe.need);
  // "We want Kubernetes on-prem but keep our VMware tooling" is a plan even with no workload trait.
  if (workload === 0) return !question && need && named(true) >= 2 ? { kind: 'description', slots } : question ? { kind: 'question' } : { kind: 'none' };
  const advice = asksForAdvice(flows, text);
  if (!question) return workload >= 2 || need || advice ? { kind: 'description', slots } : { kind: 'none' };
  return (own && workload >= 2) || advice ? { kind: 'both', slots } : { kind: 'question' };
}
