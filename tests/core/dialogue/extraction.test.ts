import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { extractSlots } from '../../../src/core/dialogue/engine.js';
import { flows } from './helpers.js';

/**
 * How people describe workloads in their own words (negation, numbers and estates, jargon and
 * typos, rambling, several answers at once), each with the answers it must yield. Written from
 * descriptions on public forums and Q&A sites, reworded; kept apart from the scoring and from
 * the shared devset. A case lists the slots it must fill (with these answers) and, optionally,
 * slots it must leave empty; other slots may be filled.
 */
const Case = z.strictObject({
  text: z.string().min(3),
  slots: z.record(z.string(), z.string()),
  absent: z.array(z.string()).optional(),
});

const cases = readFileSync(join(import.meta.dirname, 'extraction-cases.jsonl'), 'utf8')
  .split('\n')
  .filter((l) => l.trim() !== '')
  .map((l) => Case.parse(JSON.parse(l)));

describe('extraction from real descriptions', () => {
  it('has at least 150 cases, each naming answers that exist', () => {
    expect(cases.length).toBeGreaterThanOrEqual(150);
    const known = new Map(flows.recommend.questions.map((q) => [q.slot, new Set(q.choices.map((c) => c.id))]));
    for (const c of cases) for (const [slot, id] of Object.entries(c.slots)) expect(known.get(slot)?.has(id), `${slot}:${id} in "${c.text}"`).toBe(true);
  });

  it.each(cases)('"$text"', (c) => {
    const slots = extractSlots(flows, c.text);
    expect(slots).toMatchObject(c.slots);
    for (const slot of c.absent ?? []) expect(slots[slot], `${slot} should stay empty`).toBeUndefined();
  });
});
