import { analyse } from './terms.js';
import { bufferOf, toBase64 } from './packed.js';
import { buildTermTable, termTableFromJson, type TermTable, type TermTableJson } from './term-table.js';

/**
 * A precomputed BM25+ index: every term's postings carry the document's final weight, summed over
 * fields with their boosts, so a query costs one pass over its terms' postings and no allocation
 * besides the result. (MiniSearch, tried first, ranked the same but cost ~300 µs a query here.)
 */
export interface Bm25Index {
  docCount: number;
  /** Term → its number; its postings are docs/weights[offsets[n] .. offsets[n + 1]). */
  terms: TermTable;
  offsets: Uint32Array;
  docs: Uint32Array;
  weights: Float32Array;
}

export type FieldTexts<F extends string> = Record<F, string>;

// BM25+ with the usual constants (the ones MiniSearch uses).
const K1 = 1.2;
const B = 0.5;
const DELTA = 0.5;

/**
 * `sparseField`: a word pair that only this field of one document has is left out. Most of an answer's pairs are
 * its alone and seldom what anyone types; they were half the index's terms, and its start-up and memory with them.
 */
export function buildIndex<F extends string>(docs: readonly FieldTexts<F>[], boosts: Record<F, number>, sparseField?: F): Bm25Index {
  const fields = Object.keys(boosts) as F[];
  const docCount = docs.length;
  const weights = new Map<string, Map<number, number>>();
  const elsewhere = new Set<string>();
  for (const field of fields) {
    const termCounts = docs.map((doc) => {
      const counts = new Map<string, number>();
      for (const term of analyse(doc[field]).terms) counts.set(term, (counts.get(term) ?? 0) + 1);
      return counts;
    });
    const lengths = termCounts.map((c) => [...c.values()].reduce((a, b) => a + b, 0));
    const average = lengths.reduce((a, b) => a + b, 0) / Math.max(1, docCount) || 1;
    const docFrequency = new Map<string, number>();
    for (const counts of termCounts) {
      for (const term of counts.keys()) {
        docFrequency.set(term, (docFrequency.get(term) ?? 0) + 1);
        if (field !== sparseField) elsewhere.add(term);
      }
    }
    termCounts.forEach((counts, doc) => {
      for (const [term, tf] of counts) {
        const n = docFrequency.get(term)!;
        const idf = Math.log(1 + (docCount - n + 0.5) / (n + 0.5));
        const norm = (tf * (K1 + 1)) / (tf + K1 * (1 - B + (B * lengths[doc]!) / average)) + DELTA;
        let byDoc = weights.get(term);
        if (!byDoc) weights.set(term, (byDoc = new Map()));
        byDoc.set(doc, (byDoc.get(doc) ?? 0) + boosts[field] * idf * norm);
      }
    });
  }
  const kept = (term: string) => sparseField === undefined || !term.includes('_') || elsewhere.has(term) || weights.get(term)!.size > 1;
  const terms = [...weights.keys()].filter(kept);
  const offsets = new Uint32Array(terms.length + 1);
  terms.forEach((term, n) => (offsets[n + 1] = offsets[n]! + weights.get(term)!.size));
  const docIds = new Uint32Array(offsets[terms.length]!);
  const values = new Float32Array(offsets[terms.length]!);
  terms.forEach((term, n) => {
    [...weights.get(term)!]
      .sort((a, b) => a[0] - b[0])
      .forEach(([doc, w], k) => {
        docIds[offsets[n]! + k] = doc;
        values[offsets[n]! + k] = w;
      });
  });
  return { docCount, terms: buildTermTable(terms), offsets, docs: docIds, weights: values };
}

// A word in more than this share of the facts ("run", "vm", "docker") only re-weighs the facts a rarer word of
// the message found, when rarer words found enough of them: its postings are most of a query's cost and a fact
// matched by such words alone is never among the best.
const COMMON_SHARE = 0.15;
const MIN_FOUND_BY_RARE = 60;

/** One common term's weights by document, for lookups by the documents already found. */
const denseCache = new WeakMap<Bm25Index, Map<number, Float32Array>>();
function denseWeights(index: Bm25Index, n: number): Float32Array {
  let byTerm = denseCache.get(index);
  if (!byTerm) denseCache.set(index, (byTerm = new Map()));
  let dense = byTerm.get(n);
  if (!dense) {
    dense = new Float32Array(index.docCount);
    for (let i = index.offsets[n]!, end = index.offsets[n + 1]!; i < end; i++) dense[index.docs[i]!] = index.weights[i]!;
    byTerm.set(n, dense);
  }
  return dense;
}

/** Per-query working memory of scoreTerms, sized to the index and reused: a query allocates nothing per document. */
export interface ScoreBuffers {
  scores: Float64Array;
  /** The query's own words a document matched, idf-weighted. */
  credits: Float64Array;
  /** Which of the query's own words (bit k for word k, up to 32) a document matched. */
  matched: Uint32Array;
  /** The documents touched, in first-touched order: touched[0 .. count). */
  touched: Int32Array;
}

export function scoreBuffers(docCount: number): ScoreBuffers {
  return { scores: new Float64Array(docCount), credits: new Float64Array(docCount), matched: new Uint32Array(docCount), touched: new Int32Array(docCount) };
}

/** A term of the query: its weight, the credit a match earns towards coverage, and its own-word bit (0 for none). */
export interface QueryTerm {
  weight: number;
  credit: number;
  bit: number;
}

/**
 * Adds each term's weights into `scores` and, for the query's own words, their credit into `credits` and
 * their bit into `matched`. Returns how many documents were touched (listed in `touched`). The caller
 * resets the touched documents' scores, credits and bits to 0.
 */
export function scoreTerms(index: Bm25Index, terms: ReadonlyMap<string, QueryTerm>, buffers: ScoreBuffers): number {
  const { scores, credits, matched, touched } = buffers;
  let count = 0;
  const { docs, weights, offsets } = index;
  // One term's postings; word pairs, synonyms and context words earn no coverage, so they only add weights.
  const addPostings = (n: number, { weight, credit, bit }: QueryTerm) => {
    const plain = credit === 0 && bit === 0;
    for (let i = offsets[n]!, end = offsets[n + 1]!; i < end; i++) {
      const doc = docs[i]!;
      if (scores[doc] === 0) touched[count++] = doc;
      scores[doc] = scores[doc]! + weight * weights[i]!;
      if (plain) continue;
      credits[doc] = credits[doc]! + credit;
      matched[doc] = matched[doc]! | bit;
    }
  };
  // Common terms wait until the rarer ones have found their documents.
  const common: QueryTerm[] = [];
  const commonNumbers: number[] = [];
  const commonLength = index.docCount * COMMON_SHARE;
  for (const [term, q] of terms) {
    const n = index.terms.get(term);
    if (n === undefined) continue;
    if (offsets[n + 1]! - offsets[n]! > commonLength) {
      common.push(q);
      commonNumbers.push(n);
    } else addPostings(n, q);
  }
  const allOfCommon = count < MIN_FOUND_BY_RARE;
  for (let k = 0; k < common.length; k++) {
    const n = commonNumbers[k]!;
    if (allOfCommon) {
      addPostings(n, common[k]!);
      continue;
    }
    const { weight, credit, bit } = common[k]!;
    const dense = denseWeights(index, n);
    for (let t = 0; t < count; t++) {
      const doc = touched[t]!;
      const w = dense[doc]!;
      if (w === 0) continue;
      scores[doc] = scores[doc]! + weight * w;
      credits[doc] = credits[doc]! + credit;
      matched[doc] = matched[doc]! | bit;
    }
  }
  return count;
}

/**
 * The index as JSON for the start-up cache: the postings packed into two typed arrays and the terms into one
 * string and a hash table (term-table.ts), base64-encoded, so reading it back allocates a few buffers instead of
 * hundreds of thousands of numbers and tens of thousands of strings.
 */
export interface Bm25Json {
  docCount: number;
  terms: TermTableJson;
  /** Uint32: where each term's postings start; one more entry than terms. */
  offsets: string;
  /** Uint32 document numbers and Float32 weights, all terms' postings one after another. */
  docs: string;
  weights: string;
}

export function indexToJson(index: Bm25Index): Bm25Json {
  return { docCount: index.docCount, terms: index.terms.toJson(), offsets: toBase64(index.offsets), docs: toBase64(index.docs), weights: toBase64(index.weights) };
}

export function indexFromJson(json: Bm25Json): Bm25Index {
  return {
    docCount: json.docCount,
    terms: termTableFromJson(json.terms),
    offsets: new Uint32Array(bufferOf(json.offsets)),
    docs: new Uint32Array(bufferOf(json.docs)),
    weights: new Float32Array(bufferOf(json.weights)),
  };
}

/** True when the term's postings list the document (postings are sorted by document). */
export function postingsHave(index: Bm25Index, term: string, doc: number): boolean {
  const n = index.terms.get(term);
  if (n === undefined) return false;
  let lo = index.offsets[n]!;
  let hi = index.offsets[n + 1]!;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    const at = index.docs[mid]!;
    if (at === doc) return true;
    if (at < doc) lo = mid + 1;
    else hi = mid;
  }
  return false;
}
