import type { TechEntry } from '../knowledge/schema.js';
import { words as englishStopwords } from 'natural/lib/natural/util/stopwords.js';
import { editDistance } from './edit-distance.js';
import { tokenize } from './tokenize.js';

export interface EntityMatch {
  id: string;
  /** Token positions [start, end) in the tokenized message. */
  start: number;
  end: number;
  /** True when matched by typo tolerance rather than an exact name or alias. */
  fuzzy: boolean;
}

export interface EntityRecognizer {
  find(tokens: readonly string[]): EntityMatch[];
}

const MAX_WINDOW = 4;
// A function word never belongs to a misspelt name: "wat is" is not "wasi", "dock or" is not "docker".
const FUNCTION_WORDS = new Set(englishStopwords);
const MIN_FUZZY_LENGTH = 5;
const FUZZY_CACHE_LIMIT = 20_000;

function allowedDistance(length: number): number {
  return length >= 10 ? 2 : 1;
}

/** Names compared without spaces or dashes, so "hyper-v", "hyper v" and "hyperv" are one form. */
function compactForms(entry: TechEntry): string[] {
  const names = [entry.name, entry.id, ...entry.aliases];
  const forms = new Set<string>();
  for (const name of names) {
    const compact = tokenize(name).join('');
    if (compact.length < 2) continue;
    forms.add(compact);
    if (!compact.endsWith('s')) forms.add(`${compact}s`);
  }
  return [...forms];
}

/**
 * Finds technology names in a message: exact names and aliases over windows of up to four tokens,
 * then typo tolerance (edit distance 1, or 2 for names of ten letters or more, same first letter).
 * `commonWords` (the training vocabulary) are never typo-matched, so "locker" stays "locker".
 */
export function createEntityRecognizer(techs: readonly TechEntry[], commonWords: ReadonlySet<string>): EntityRecognizer {
  const exact = new Map<string, string>();
  for (const entry of techs) {
    for (const form of compactForms(entry)) if (!exact.has(form)) exact.set(form, entry.id);
  }
  // Names as their words, spaced: a window with a function word in it must be one of these ("windows subsystem for
  // linux"), not two words that happen to spell a name together ("vs an" is not "vsan").
  const spaced = new Set(techs.flatMap((e) => [e.name, e.id, ...e.aliases].map((n) => tokenize(n).join(' '))));
  // Compact form of a shared name → the entries it means in the company of their words.
  const inContext = new Map<string, { id: string; when: readonly (readonly string[])[] }[]>();
  for (const entry of techs) {
    for (const { alias, when } of entry.contextAliases) {
      const form = tokenize(alias).join('');
      const list = inContext.get(form) ?? [];
      list.push({ id: entry.id, when: when.map((w) => tokenize(w)) });
      inContext.set(form, list);
    }
  }
  // A one-word name and the words after which it is an ordinary word ("kind" → "of").
  const ordinaryBefore = new Map<string, Set<string>>();
  for (const entry of techs) {
    if (entry.notBefore.length === 0) continue;
    for (const form of compactForms(entry)) if (exact.get(form) === entry.id) ordinaryBefore.set(form, new Set(entry.notBefore));
  }

  // Typo candidates share the first letter (people rarely mistype it; it also keeps "center" from
  // becoming "vcenter") and a length within the allowed distance: bucket names by both.
  const buckets = new Map<string, string[]>();
  const bucketKey = (letter: string, length: number) => `${letter}${length}`;
  for (const form of exact.keys()) {
    if (form.length < MIN_FUZZY_LENGTH) continue;
    const key = bucketKey(form[0]!, form.length);
    const bucket = buckets.get(key);
    if (bucket) bucket.push(form);
    else buckets.set(key, [form]);
  }

  function fuzzyLookup(word: string): string | undefined {
    if (word.length < MIN_FUZZY_LENGTH || /^\d+$/.test(word)) return undefined;
    let best: string | undefined;
    let bestDistance = Infinity;
    let tie = false;
    const reach = allowedDistance(word.length);
    for (let length = word.length - reach; length <= word.length + reach; length++) {
      for (const form of buckets.get(bucketKey(word[0]!, length)) ?? []) {
        const max = Math.min(reach, allowedDistance(form.length));
        const distance = editDistance(word, form, max);
        if (distance > max) continue;
        const id = exact.get(form)!;
        if (distance < bestDistance) {
          bestDistance = distance;
          best = id;
          tie = false;
        } else if (distance === bestDistance && best !== id) {
          tie = true;
        }
      }
    }
    return tie ? undefined : best;
  }

  // Chat vocabulary repeats, and a typo lookup compares against dozens of names: remember answers (bounded).
  const fuzzyCache = new Map<string, string | null>();
  function fuzzyCached(word: string): string | undefined {
    let id = fuzzyCache.get(word);
    if (id === undefined) {
      id = fuzzyLookup(word) ?? null;
      if (fuzzyCache.size < FUZZY_CACHE_LIMIT) fuzzyCache.set(word, id);
    }
    return id ?? undefined;
  }

  function find(tokens: readonly string[]): EntityMatch[] {
    const found: EntityMatch[] = [];
    let i = 0;
    while (i < tokens.length) {
      const match = exactAt(tokens, i) ?? fuzzyAt(tokens, i);
      if (match) {
        found.push(match);
        i = match.end;
      } else {
        i += 1;
      }
    }
    return found;
  }

  function exactAt(tokens: readonly string[], i: number): EntityMatch | undefined {
    let compact = '';
    let longest: EntityMatch | undefined;
    let functionWord = false;
    for (let n = 1; n <= MAX_WINDOW && i + n <= tokens.length; n++) {
      compact += tokens[i + n - 1];
      functionWord ||= FUNCTION_WORDS.has(tokens[i + n - 1]!);
      // A name in the company of its context words means that entry, before any other it is a name of.
      const id = (inContext.has(compact) ? meantInContext(compact, tokens) : undefined) ?? exact.get(compact);
      if (!id || (n > 1 && functionWord && !spaced.has(tokens.slice(i, i + n).join(' ')))) continue;
      if (n === 1 && ordinaryBefore.get(compact)?.has(tokens[i + 1] ?? '') === true) continue;
      longest = { id, start: i, end: i + n, fuzzy: false };
    }
    return longest;
  }

  function meantInContext(form: string, tokens: readonly string[]): string | undefined {
    const candidates = inContext.get(form);
    if (!candidates) return undefined;
    const says = (phrase: readonly string[]) => tokens.some((_, i) => phrase.every((t, k) => tokens[i + k] === t));
    return candidates.find((c) => c.when.some(says))?.id;
  }

  // Typos only where the user wrote a word we do not otherwise know; two-token windows catch "virtaul box".
  function fuzzyAt(tokens: readonly string[], i: number): EntityMatch | undefined {
    const first = tokens[i]!;
    const second = tokens[i + 1];
    const joinable = second !== undefined && !FUNCTION_WORDS.has(first) && !FUNCTION_WORDS.has(second);
    if (joinable && !exact.has(first) && !exact.has(second!) && !(commonWords.has(first) && commonWords.has(second!))) {
      const id = fuzzyCached(first + second);
      if (id) return { id, start: i, end: i + 2, fuzzy: true };
    }
    if (!commonWords.has(first)) {
      const id = fuzzyCached(first);
      if (id) return { id, start: i, end: i + 1, fuzzy: true };
    }
    return undefined;
  }

  return { find };
}

/** Distinct ids in order of first appearance. */
export function distinctIds(matches: readonly EntityMatch[]): string[] {
  return [...new Set(matches.map((m) => m.id))];
}
