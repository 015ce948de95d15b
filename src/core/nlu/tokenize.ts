import PorterStemmer from 'natural/lib/natural/stemmers/porter_stemmer.js';
import AggressiveTokenizer from 'natural/lib/natural/tokenizers/aggressive_tokenizer.js';
import { remembered } from '../text/remembered.js';

const tokenizer = new AggressiveTokenizer();
// Stemming dominates per-message cost; chat vocabulary is small, so memoise it (bounded).
const stemCache = new Map<string, string>();
const STEM_CACHE_LIMIT = 50_000;

/**
 * The text as the tokenizer reads it: lowercase, with dashes, apostrophes and slashes as spaces ("hyper-v" → "hyper v"),
 * and "tl;dr" one word (its "dr" is not disaster recovery).
 */
export function tokenText(text: string): string {
  return text.toLowerCase().replace(/\btl;?\s?dr\b/g, 'tldr').replace(/[-'/]/g, ' ');
}

/** Lowercase word tokens; keeps digits ("type 1", "k8s") and splits on everything else, dashes included. */
export const tokenize: (text: string) => readonly string[] = remembered((text) =>
  tokenizer.tokenize(tokenText(text)).filter((t: string) => t.length > 0),
);

// Words the Porter stemmer folds onto a product's name: "tiny" would become "tini", the container init.
const STEM_EXCEPTIONS = new Map([['tiny', 'tiny']]);

/** The stems computed so far, to keep between starts (see app.ts): start-up stems the same few thousand words each time. */
export function stemsSoFar(): [string, string][] {
  return [...stemCache];
}

/** How many stems are known so far (without listing them). */
export function stemCount(): number {
  return stemCache.size;
}

/** Stems computed by an earlier start, for the same stemmer. */
export function rememberStems(entries: readonly (readonly [string, string])[]): void {
  for (const [token, stemmed] of entries) if (stemCache.size < STEM_CACHE_LIMIT && !stemCache.has(token)) stemCache.set(token, stemmed);
}

export function stem(token: string): string {
  let stemmed = stemCache.get(token);
  if (stemmed === undefined) {
    stemmed = STEM_EXCEPTIONS.get(token) ?? (/\d/.test(token) ? token : PorterStemmer.stem(token));
    if (stemCache.size < STEM_CACHE_LIMIT) stemCache.set(token, stemmed);
  }
  return stemmed;
}
