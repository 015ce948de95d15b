import { join } from 'node:path';
import { expect } from 'vitest';
import { continueFlow, loadFlows, type DialogueState, type Flows } from '../../../src/core/dialogue/engine.js';
import type { Reply, Source } from '../../../src/core/types.js';
import { MAX_CHOICE_ID, MAX_CHOICE_LABEL, MAX_CHOICES, MAX_REPLY_TEXT } from '../../../src/core/types.js';

export const DATA_DIR = join(import.meta.dirname, '../../../data');

/** Titles for every source id the flows cite, as the knowledge loader would pass them. */
export function citedSources(flows: Flows): Map<string, Source> {
  const ids = [
    ...Object.values(flows.recommend.verdicts).flatMap((v) => v.sources),
    ...flows.tour.steps.flatMap((s) => s.sources),
  ];
  return new Map(ids.map((id) => [id, { id, title: `Title of ${id}` }]));
}

const bare = loadFlows(DATA_DIR);
export const flows: Flows = loadFlows(DATA_DIR, citedSources(bare));
export const NOW = 1_700_000_000_000;

/** Every reply must fit every platform. */
export function expectRenderable(reply: Reply): void {
  expect(reply.text.length).toBeLessThanOrEqual(MAX_REPLY_TEXT);
  expect(reply.choices.length).toBeLessThanOrEqual(MAX_CHOICES);
  for (const c of reply.choices) {
    expect(c.id.length).toBeLessThanOrEqual(MAX_CHOICE_ID);
    expect(c.label.length).toBeLessThanOrEqual(MAX_CHOICE_LABEL);
  }
  expect(reply.confidence).toBe(1);
}

/** One turn that must be handled; returns the new state and reply. */
export function turn(state: DialogueState, input: { text?: string; choiceId?: string }, now = NOW) {
  const result = continueFlow(flows, state, { text: input.text ?? '', ...(input.choiceId ? { choiceId: input.choiceId } : {}) }, now);
  if (!result.handled) throw new Error(`not handled: ${JSON.stringify(input)}`);
  expectRenderable(result.reply);
  return result;
}

export function question(reply: Reply) {
  if (reply.kind !== 'question') throw new Error(`expected a question, got ${reply.kind}: ${reply.text}`);
  return reply;
}

export function verdict(reply: Reply) {
  if (reply.kind !== 'verdict') throw new Error(`expected a verdict, got ${reply.kind}: ${reply.text}`);
  return reply;
}
