import type { Controls, RecommendFlow } from './schema.js';
import { clauses, key, stem, words } from './text.js';

/** One free-text phrase of one answer, as stems. */
interface Phrase {
  slot: string;
  choice: string;
  stems: string[];
  /** The choice's position in its question: the tie-break between equally long phrases. */
  order: number;
  /** Counts even after a negation (the phrase is itself about not sharing). */
  keep: boolean;
}

/** The pseudo-slot of `ignore` phrases: they hide the answer words inside them. */
const IGNORE = '';

/** Precompiled at load so that reading a message is a few map look-ups per word. */
export interface Matcher {
  /** Phrases indexed by their first stem. */
  byFirst: Map<string, Phrase[]>;
  negBefore: Set<string>;
  negAfter: Set<string>;
  window: number;
  breaks: Set<string>;
}

export interface PhraseHit {
  slot: string;
  choice: string;
  length: number;
  order: number;
}

function variants(text: string): string[][] {
  const ws = words(text);
  const out = [ws.map(stem)];
  // "multi tenant" also matches "multitenant", "start up" also "startup".
  if (ws.length > 1) out.push([stem(ws.join(''))]);
  return out;
}

export function compileMatcher(flow: RecommendFlow, controls: Controls): Matcher {
  const byFirst = new Map<string, Phrase[]>();
  const add = (text: string, p: Omit<Phrase, 'stems'>) => {
    for (const stems of variants(text)) {
      const first = stems[0];
      if (first === undefined) continue;
      const list = byFirst.get(first) ?? [];
      list.push({ ...p, stems });
      byFirst.set(first, list);
    }
  };
  for (const q of flow.questions) {
    q.choices.forEach((c, order) => {
      for (const text of c.match) add(text, { slot: q.slot, choice: c.id, order, keep: false });
      for (const text of c.matchNegated ?? []) add(text, { slot: q.slot, choice: c.id, order, keep: true });
    });
  }
  for (const text of controls.ignore) add(text, { slot: IGNORE, choice: IGNORE, order: 0, keep: true });
  const stemSet = (list: string[]) => new Set(list.map(key).filter((k) => k.length > 0));
  return {
    byFirst,
    negBefore: stemSet(controls.negation.before),
    negAfter: stemSet(controls.negation.after),
    window: controls.negation.window,
    breaks: new Set(controls.clauseBreaks.flatMap(words)),
  };
}

function negated(m: Matcher, clause: string[], start: number, end: number): boolean {
  for (let i = Math.max(0, start - m.window); i < start; i++) if (m.negBefore.has(clause[i]!)) return true;
  for (let i = end; i < Math.min(clause.length, end + 2); i++) if (m.negAfter.has(clause[i]!)) return true;
  return false;
}

/**
 * Every phrase the text contains, except negated ones ("no GPUs", "Windows isn't needed"),
 * ones inside a longer phrase of the same slot ("gpu" inside "no gpu"), and ones inside an
 * ignored phrase ("docker" inside "vm or docker?").
 */
export function findPhrases(m: Matcher, text: string): PhraseHit[] {
  const hits: PhraseHit[] = [];
  for (const clause of clauses(text, m.breaks)) {
    const found: { p: Phrase; start: number; end: number }[] = [];
    clause.forEach((first, start) => {
      for (const p of m.byFirst.get(first) ?? []) {
        const end = start + p.stems.length;
        if (end <= clause.length && p.stems.every((s, k) => clause[start + k] === s)) found.push({ p, start, end });
      }
    });
    const ignored = found.filter((g) => g.p.slot === IGNORE);
    for (const f of found) {
      if (f.p.slot === IGNORE || ignored.some((g) => g.start < f.end && f.start < g.end)) continue;
      const inside = found.some(
        (g) => g !== f && g.p.slot === f.p.slot && g.start <= f.start && g.end >= f.end && g.end - g.start > f.end - f.start,
      );
      if (inside || (!f.p.keep && negated(m, clause, f.start, f.end))) continue;
      hits.push({ slot: f.p.slot, choice: f.p.choice, length: f.p.stems.length, order: f.p.order });
    }
  }
  return hits;
}
