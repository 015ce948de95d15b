/**
 * Word handling for the dialogue: lowercase words, apostrophes dropped ("don't" → "dont"),
 * dashes and punctuation split words (".NET" → "net", "multi-tenant" → "multi tenant"),
 * and each word stemmed so plurals and verb forms meet ("GPUs" → "gpu", "scaling" → "scale").
 * Stemming is the NLU's, with its cache.
 */
import { stem } from '../nlu/tokenize.js';

export { stem };

// The dialogue reads one message several times (control words, preamble, question, phrases): its last few
// texts' words are kept. Callers get a shared, read-only array.
const recentWords = new Map<string, readonly string[]>();
const RECENT_LIMIT = 64;

/** Lowercase words of a text, punctuation removed. */
export function words(text: string): readonly string[] {
  let found = recentWords.get(text);
  if (found === undefined) {
    found = text
      .toLowerCase()
      .replace(/[\u2018\u2019']/g, '')
      .split(/[^a-z0-9+#]+/)
      .filter((w) => w.length > 0);
    if (recentWords.size >= RECENT_LIMIT) recentWords.clear();
    recentWords.set(text, found);
  }
  return found;
}

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
