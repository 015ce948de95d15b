import { bufferOf, toBase64 } from './packed.js';

/**
 * The index's terms and their numbers, as one string and two typed arrays: the start-up cache loads ~70,000 terms
 * without a string or a Map entry per term (building that Map cost about as much as reading the rest of the index).
 * Open addressing over a power-of-two slot array; a lookup hashes the term once and compares it in place.
 */
export interface TermTable {
  readonly size: number;
  /** The term's number (its position in the list it was built from), or undefined. */
  get(term: string): number | undefined;
  has(term: string): boolean;
  /** The terms in number order. */
  keys(): IterableIterator<string>;
  /** What the cache stores. */
  toJson(): TermTableJson;
}

export interface TermTableJson {
  /** Every term, one after another. */
  text: string;
  /** Uint32, base64: where term n starts in `text`; one more entry than terms. */
  starts: string;
  /** Int32, base64: term number + 1 per slot, 0 for an empty slot. */
  slots: string;
}

// FNV-1a over UTF-16 code units: cheap, and stable between the run that writes the cache and the one that reads it.
function hashOf(term: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < term.length; i++) h = Math.imul(h ^ term.charCodeAt(i), 0x01000193);
  return h >>> 0;
}

function tableOf(text: string, starts: Uint32Array, slots: Int32Array): TermTable {
  const size = starts.length - 1;
  const mask = slots.length - 1;
  const at = (n: number) => text.slice(starts[n]!, starts[n + 1]!);
  const get = (term: string): number | undefined => {
    for (let s = hashOf(term) & mask; ; s = (s + 1) & mask) {
      const slot = slots[s]!;
      if (slot === 0) return undefined;
      const n = slot - 1;
      const from = starts[n]!;
      if (starts[n + 1]! - from !== term.length) continue;
      let same = true;
      for (let i = 0; i < term.length; i++) {
        if (text.charCodeAt(from + i) !== term.charCodeAt(i)) {
          same = false;
          break;
        }
      }
      if (same) return n;
    }
  };
  return {
    size,
    get,
    has: (term) => get(term) !== undefined,
    *keys() {
      for (let n = 0; n < size; n++) yield at(n);
    },
    toJson: () => ({ text, starts: toBase64(starts), slots: toBase64(slots) }),
  };
}

/** A table of distinct terms, numbered in the order given. */
export function buildTermTable(terms: readonly string[]): TermTable {
  const text = terms.join('');
  const starts = new Uint32Array(terms.length + 1);
  terms.forEach((term, n) => (starts[n + 1] = starts[n]! + term.length));
  // At most half full, so probe runs stay short.
  let capacity = 1;
  while (capacity < terms.length * 2) capacity *= 2;
  const slots = new Int32Array(capacity);
  const mask = capacity - 1;
  terms.forEach((term, n) => {
    let s = hashOf(term) & mask;
    while (slots[s] !== 0) s = (s + 1) & mask;
    slots[s] = n + 1;
  });
  return tableOf(text, starts, slots);
}

export function termTableFromJson(json: TermTableJson): TermTable {
  return tableOf(json.text, new Uint32Array(bufferOf(json.starts)), new Int32Array(bufferOf(json.slots)));
}
