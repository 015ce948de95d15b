import type { Flows } from './load.js';
import { findPhrases, type PhraseHit } from './match.js';

/** slot → answer choice id, or "skip" when the user was not sure. */
export type Slots = Record<string, string>;

const better = (a: PhraseHit, b: PhraseHit) =>
  a.length !== b.length ? a.length > b.length : a.chars !== b.chars ? a.chars > b.chars : a.order < b.order;

/**
 * Every slot a free-text message answers. When one message names two answers to the same
 * question, the longer phrase wins ("Windows Server" over "Linux"), then the answer listed first.
 */
export function extractSlots(flows: Flows, text: string): Slots {
  const best = new Map<string, PhraseHit>();
  for (const hit of findPhrases(flows.matcher, text)) {
    const seen = best.get(hit.slot);
    if (!seen || better(hit, seen)) best.set(hit.slot, hit);
  }
  const slots: Slots = {};
  for (const [slot, hit] of best) slots[slot] = hit.choice;
  return slots;
}
