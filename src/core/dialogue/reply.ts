import type { Reply, Source } from '../types.js';
import type { Flows } from './load.js';
import type { DialogueState } from './state.js';

/** What every dialogue transition returns: the state to store (null ends the dialogue) and the reply. */
export interface DialogueResult {
  state: DialogueState | null;
  reply: Reply;
  /** Set when the user finished the last tour step, so the caller can record the tour as done. */
  tourDone?: true;
}

export const INTENT = { recommend: 'recommend_start', tour: 'tour_start' } as const;

/** Source ids → source objects; ids the caller gave no title for are left out. */
export function resolveSources(flows: Flows, ids: readonly string[]): Source[] {
  const out: Source[] = [];
  for (const id of new Set(ids)) {
    const s = flows.sources.get(id);
    if (s) out.push(s.url ? { id: s.id, title: s.title, url: s.url } : { id: s.id, title: s.title });
  }
  return out;
}

/** Joins paragraphs with a blank line, dropping empty ones. */
export function paragraphs(...parts: (string | undefined)[]): string {
  return parts.filter((p): p is string => !!p && p.length > 0).join('\n\n');
}

export function bullets(lines: readonly string[]): string {
  return lines.map((l) => `- ${l}`).join('\n');
}

export { notice } from '../notice.js';
