import type { Flows } from './load.js';
import { findPhrases } from './match.js';
import { remembered } from '../text/remembered.js';

/** slot → answer choice id, or "skip" when the user was not sure. */
export type Slots = Record<string, string>;

interface Tally {
  choice: string;
  longest: number;
  hits: number;
  order: number;
}

const better = (a: Tally, b: Tally) =>
  a.longest !== b.longest ? a.longest > b.longest : a.hits !== b.hits ? a.hits > b.hits : a.order < b.order;

// A description is read twice in a turn (is it one? then the recommendation it starts): the phrase scan runs once.
const recent = new WeakMap<Flows, (text: string) => Readonly<Slots>>();

/**
 * Every slot a free-text message answers. When one message names two answers to the same
 * question, the answer with the longest phrase wins ("Windows Server" over "Linux"), then the
 * one named most often ("legacy monolith" over "microservices"), then the one listed first;
 * unless the question says the two named answers together mean a third (`combine`).
 */
export function extractSlots(flows: Flows, text: string): Slots {
  let read = recent.get(flows);
  if (!read) recent.set(flows, (read = remembered((t) => slotsOf(flows, t))));
  return { ...read(text) };
}

function slotsOf(flows: Flows, text: string): Slots {
  const tallies = new Map<string, Map<string, Tally>>();
  for (const hit of findPhrases(flows.matcher, text)) {
    const bySlot = tallies.get(hit.slot) ?? new Map<string, Tally>();
    const t = bySlot.get(hit.choice) ?? { choice: hit.choice, longest: 0, hits: 0, order: hit.order };
    bySlot.set(hit.choice, { ...t, longest: Math.max(t.longest, hit.length), hits: t.hits + 1 });
    tallies.set(hit.slot, bySlot);
  }
  const slots: Slots = {};
  for (const [slot, bySlot] of tallies) {
    let best: Tally | undefined;
    for (const t of bySlot.values()) if (!best || better(t, best)) best = t;
    if (best) slots[slot] = best.choice;
  }
  for (const q of flows.recommend.questions) {
    const named = tallies.get(q.slot);
    const pair = named && q.combine?.find((m) => m.of.every((id) => named.has(id)));
    if (pair) slots[q.slot] = pair.into;
  }
  return slots;
}
