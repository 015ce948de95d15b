import PorterStemmer from 'natural/lib/natural/stemmers/porter_stemmer.js';
import AggressiveTokenizer from 'natural/lib/natural/tokenizers/aggressive_tokenizer.js';

const tokenizer = new AggressiveTokenizer();
// Stemming dominates per-message cost; chat vocabulary is small, so memoise it (bounded).
const stemCache = new Map<string, string>();
const STEM_CACHE_LIMIT = 50_000;

// One turn reads the same text in several places (classifier, ranking, scope, dialogue): the last few
// texts' tokens are kept, so each is tokenised once. Callers get a shared, read-only array.
const recentTokens = new Map<string, readonly string[]>();
const RECENT_LIMIT = 64;

/** Lowercase word tokens; keeps digits ("type 1", "k8s") and splits on everything else, dashes included. */
export function tokenize(text: string): readonly string[] {
  let tokens = recentTokens.get(text);
  if (tokens === undefined) {
    tokens = tokenizer.tokenize(text.toLowerCase().replace(/[-'/]/g, ' ')).filter((t) => t.length > 0);
    if (recentTokens.size >= RECENT_LIMIT) recentTokens.clear();
    recentTokens.set(text, tokens);
  }
  return tokens;
}

// Words the Porter stemmer folds onto a product's name: "tiny" would become "tini", the container init.
const STEM_EXCEPTIONS = new Map([['tiny', 'tiny']]);

export function stem(token: string): string {
  let stemmed = stemCache.get(token);
  if (stemmed === undefined) {
    stemmed = STEM_EXCEPTIONS.get(token) ?? (/\d/.test(token) ? token : PorterStemmer.stem(token));
    if (stemCache.size < STEM_CACHE_LIMIT) stemCache.set(token, stemmed);
  }
  return stemmed;
}
