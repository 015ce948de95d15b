import type { Choice } from '../types.js';
import type { ControlWord, Flows } from './load.js';
import { key, stem, words } from './text.js';

/** The keys a short reply is compared by: as typed, and without filler words ("it's linux" → "linux"). */
export function replyKeys(flows: Flows, text: string): string[] {
  const stems = words(text).map(stem);
  const core = stems.filter((s) => !flows.fillers.has(s));
  return core.length > 0 && core.length < stems.length ? [stems.join(' '), core.join(' ')] : [stems.join(' ')];
}

/** A whole-message command ("cancel", "ok go back", "skip this one please"), or null. */
export function readControl(flows: Flows, text: string): ControlWord | null {
  for (const k of replyKeys(flows, text)) {
    const word = flows.controlKeys.get(k);
    if (word) return word;
  }
  return null;
}

/** "2", "#2", "2.", "option 2" → 2; anything else → null. */
export function readNumber(text: string): number | null {
  const m = /^\s*(?:option\s*|#)?(\d{1,2})\s*[.)]?\s*$/i.exec(text);
  return m ? Number(m[1]) : null;
}

/** The choice whose label the message repeats (case, punctuation and plurals aside). */
export function readLabel(choices: readonly Choice[], text: string): Choice | undefined {
  const k = key(text);
  return k ? choices.find((c) => key(c.label) === k) : undefined;
}

/** The choice a message picks by number or by label. */
export function readPick(choices: readonly Choice[], text: string): Choice | undefined {
  const n = readNumber(text);
  if (n !== null) return choices[n - 1];
  return readLabel(choices, text);
}

/** A message shaped like a question of its own, which the core should answer aside. */
export function looksLikeQuestion(flows: Flows, text: string): boolean {
  return text.trim().endsWith('?') || opensQuestion(flows, words(text));
}

/** True when the words open with a question word, after any lead-in ("so whats the point…", "hey, how do i…"). */
export function opensQuestion(flows: Flows, said: readonly string[]): boolean {
  const first = said.find((w) => !flows.questionLeadIns.has(stem(w)));
  return first !== undefined && flows.questionStarts.has(stem(first));
}
