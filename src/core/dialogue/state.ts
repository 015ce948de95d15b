import { z } from 'zod';

/**
 * Where a user is in a dialogue. Plain JSON so any store can keep it; parse what comes back
 * with parseDialogueState, since a stored state may predate the current flows or code.
 */

const Slots = z.record(z.string(), z.string());

/** What "back" restores: the question that was pending and the answers before that message. */
const HistoryEntry = z.strictObject({ step: z.string(), slots: Slots });
export type HistoryEntry = z.infer<typeof HistoryEntry>;

export const RecommendStateSchema = z.strictObject({
  v: z.literal(1),
  flow: z.literal('recommend'),
  /** The pending question id. */
  step: z.string(),
  /** slot → answer choice id, or "skip". */
  slots: Slots,
  history: z.array(HistoryEntry),
  /** Answers given in this dialogue (buttons or typed): the question budget counts them. */
  turns: z.number().int().min(0).default(0),
  /** "Not sure" answers since the last real one: after something was said, one ends the questions. */
  skips: z.number().int().min(0).default(0),
  /** Answers after which the verdict comes whatever is still open; shrinks once the workload is described. */
  budget: z.number().int().min(1).optional(),
  updatedAt: z.number(),
});

export const TourStateSchema = z.strictObject({
  v: z.literal(1),
  flow: z.literal('tour'),
  /** The step on screen. */
  step: z.string(),
  /** check step id → the letter the user picked. */
  answers: z.record(z.string(), z.string()),
  updatedAt: z.number(),
});

export const DialogueStateSchema = z.discriminatedUnion('flow', [RecommendStateSchema, TourStateSchema]);
export type DialogueState = z.infer<typeof DialogueStateSchema>;
export type RecommendState = z.infer<typeof RecommendStateSchema>;
export type TourState = z.infer<typeof TourStateSchema>;

/** "back" reaches this far; older answers stay but cannot be undone one by one. */
export const MAX_HISTORY = 16;

/** A stored value as a state, or null when it is not one (old format, corrupted). */
export function parseDialogueState(value: unknown): DialogueState | null {
  const parsed = DialogueStateSchema.safeParse(value);
  return parsed.success ? parsed.data : null;
}

/** True when the dialogue has been idle for longer than `ttlMs`. */
export function isExpired(state: DialogueState, now: number, ttlMs: number): boolean {
  return now - state.updatedAt > ttlMs;
}
