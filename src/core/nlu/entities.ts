import type { TechEntry } from '../knowledge/schema.js';
import { deletions, editDistance } from './edit-distance.js';
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
const MIN_FUZZY_LENGTH = 5;

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
 * then typo tolerance (edit distance 1, or 2 for names of ten letters or more, same first letter) through a SymSpell deletion index.
 * `commonWords` (the training vocabulary) are never typo-matched, so "locker" stays "locker".
 */
export function createEntityRecognizer(techs: readonly TechEntry[], commonWords: ReadonlySet<string>): EntityRecognizer {
  const exact = new Map<string, string>();
  for (const entry of techs) {
    for (const form of compactForms(entry)) if (!exact.has(form)) exact.set(form, entry.id);
  }
  const fuzzyIndex = new Map<string, string[]>();
  for (const form of exact.keys()) {
    if (form.length < MIN_FUZZY_LENGTH) continue;
    for (const key of deletions(form, allowedDistance(form.length))) {
      const bucket = fuzzyIndex.get(key);
      if (bucket) bucket.push(form);
      else fuzzyIndex.set(key, [form]);
    }
  }

  function fuzzyLookup(word: string): string | undefined {
    if (word.length < MIN_FUZZY_LENGTH || /^\d+$/.test(word)) return undefined;
    const max = allowedDistance(word.length);
    let best: string | undefined;
    let bestDistance = max + 1;
    let tie = false;
    for (const key of deletions(word, max)) {
      for (const form of fuzzyIndex.get(key) ?? []) {
        // People rarely mistype the first letter; requiring it keeps "center" from becoming "vcenter".
        if (form[0] !== word[0]) continue;
        const distance = editDistance(word, form, Math.min(max, allowedDistance(form.length)));
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
    return best !== undefined && !tie && bestDistance <= max ? best : undefined;
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
    for (let n = Math.min(MAX_WINDOW, tokens.length - i); n >= 1; n--) {
      const id = exact.get(tokens.slice(i, i + n).join(''));
      if (id) return { id, start: i, end: i + n, fuzzy: false };
    }
    return undefined;
  }

  // Typos only where the user wrote a word we do not otherwise know; two-token windows catch "virtaul box".
  function fuzzyAt(tokens: readonly string[], i: number): EntityMatch | undefined {
    for (let n = Math.min(2, tokens.length - i); n >= 1; n--) {
      const window = tokens.slice(i, i + n);
      if (!window.some((t) => !commonWords.has(t))) continue;
      if (n > 1 && window.some((t) => exact.has(t))) continue;
      const id = fuzzyLookup(window.join(''));
      if (id) return { id, start: i, end: i + n, fuzzy: true };
    }
    return undefined;
  }

  return { find };
}

/** Distinct ids in order of first appearance. */
export function distinctIds(matches: readonly EntityMatch[]): string[] {
  return [...new Set(matches.map((m) => m.id))];
}
