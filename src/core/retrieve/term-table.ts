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
function hashOf(text: string, from: number, to: number): number {
  let h = 0x811c9dc5;
  for (let i = from; i < to; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  return h >>> 0;
}

function tableOf(text: string, starts: Uint32Array, slots: Int32Array): TermTable {
  const size = starts.length - 1;
  const mask = slots.length - 1;
  const at = (n: number) => text.slice(starts[n]!, starts[n + 1]!);
  const get = (term: string): number | undefined => {
    for (let s = hashOf(term, 0, term.length) & mask; ; s = (s + 1) & mask) {
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
  const base64 = (a: Uint32Array | Int32Array) => Buffer.from(a.buffer, a.byteOffset, a.byteLength).toString('base64');
  return {
    size,
    get,
    has: (term) => get(term) !== undefined,
    *keys() {
      for (let n = 0; n < size; n++) yield at(n);
    },
    toJson: () => ({ text, starts: base64(starts), slots: base64(slots) }),
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
    let s = hashOf(term, 0, term.length) & mask;
    while (slots[s] !== 0) s = (s + 1) & mask;
    slots[s] = n + 1;
  });
  return tableOf(text, starts, slots);
}

export function termTableFromJson(json: TermTableJson): TermTable {
  // Copy into fresh, aligned buffers: a Buffer may sit at any offset of a shared pool.
  const bytes = (b64: string) => new Uint8Array(Buffer.from(b64, 'base64')).buffer;
  return tableOf(json.text, new Uint32Array(bytes(json.starts)), new Int32Array(bytes(json.slots)));
}
