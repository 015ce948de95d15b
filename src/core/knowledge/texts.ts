import type { Knowledge } from './load.js';
import { tokenize } from '../nlu/tokenize.js';

/** How the knowledge's own questions and names put things: one text per fact (its phrasings and terms) and per entry (its names). */
export function questionTexts(kb: Knowledge): string[] {
  const texts: string[] = [];
  for (const f of kb.facts) texts.push([...f.ask, ...f.terms].join('\n'));
  for (const e of kb.entries.values()) if (e.type === 'tech') texts.push([e.name, ...e.aliases].join('\n'));
  return texts;
}

/** Every text of the knowledge a user could echo: facts, entry names, aliases and texts. */
export function knowledgeTexts(kb: Knowledge): string[] {
  const texts: string[] = [];
  for (const f of kb.facts) texts.push(...f.ask, ...f.terms, f.answer);
  for (const e of kb.entries.values()) texts.push(...(e.type === 'tech' ? [e.name, ...e.aliases] : [e.title]), e.summary, e.details);
  return texts;
}

/** Words the knowledge uses at least `min` times, lowercase as typed; with `once`, a text counts a word once. */
export function frequentWords(texts: readonly string[], min: number, once = false): string[] {
  const counts = new Map<string, number>();
  for (const text of texts) for (const token of once ? new Set(tokenize(text)) : tokenize(text)) counts.set(token, (counts.get(token) ?? 0) + 1);
  return [...counts].filter(([, n]) => n >= min).map(([w]) => w);
}
