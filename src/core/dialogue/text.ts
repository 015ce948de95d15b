/**
 * Word handling for the dialogue: lowercase words, apostrophes dropped ("don't" → "dont"),
 * dashes and punctuation split words (".NET" → "net", "multi-tenant" → "multi tenant"),
 * and each word stemmed so plurals and verb forms meet ("GPUs" → "gpu", "scaling" → "scale").
 * Stemming is the NLU's, with its cache.
 */
import { stem } from '../nlu/tokenize.js';
import { remembered } from '../text/remembered.js';

export { stem };

/** Lowercase words of a text, punctuation removed (kept for the turn: the dialogue reads one message several times). */
export const words: (text: string) => readonly string[] = remembered((text) =>
  text
    .toLowerCase()
    .replace(/[\u2018\u2019']/g, '')
    .split(/[^a-z0-9+#]+/)
    .filter((w) => w.length > 0),
);

/** Stems of a short text joined by spaces: the key for whole-message comparisons. */
export function key(text: string): string {
  return words(text).map(stem).join(' ');
}

/**
 * Splits a message into clauses of stems: at sentence punctuation and at `breaks` ("but"),
 * so that a negation in one clause does not cancel a phrase in the next.
 */
export function clauses(text: string, breaks: ReadonlySet<string>): string[][] {
  const out: string[][] = [];
  for (const part of text.toLowerCase().split(/[.,;:!?()\n]+|\s-\s/)) {
    let current: string[] = [];
    for (const w of words(part)) {
      if (breaks.has(w)) {
        if (current.length) out.push(current);
        current = [];
      } else current.push(stem(w));
    }
    if (current.length) out.push(current);
  }
  return out;
}

/** Fills "{name}" placeholders. */
export { fill } from '../messages.js';
