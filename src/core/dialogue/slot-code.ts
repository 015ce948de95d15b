import type { Slots } from './extract.js';
import type { RecommendFlow } from './schema.js';

/**
 * Answers packed into a button id, so a button under a verdict or an answer can carry them with no
 * dialogue stored: one character per question in flow order, "_" unanswered, "s" not sure, else
 * the answer's position (0-9). A code from an older flow (wrong length, unknown answer) reads as
 * no answers rather than wrong ones.
 */

export function encodeSlots(flow: RecommendFlow, slots: Slots): string {
  return flow.questions
    .map((q) => {
      const v = slots[q.slot];
      if (v === undefined) return '_';
      if (v === 'skip') return 's';
      const i = q.choices.findIndex((c) => c.id === v);
      return i >= 0 && i < 10 ? String(i) : '_';
    })
    .join('');
}

export function decodeSlots(flow: RecommendFlow, code: string): Slots {
  if (code.length !== flow.questions.length) return {};
  const slots: Slots = {};
  for (const [i, q] of flow.questions.entries()) {
    const ch = code[i]!;
    if (ch === '_') continue;
    if (ch === 's') slots[q.slot] = 'skip';
    else {
      const c = q.choices[Number(ch)];
      if (!c || !/^\d$/.test(ch)) return {};
      slots[q.slot] = c.id;
    }
  }
  return slots;
}
