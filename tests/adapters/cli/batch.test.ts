import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { runBatch } from '../../../src/adapters/cli/batch.js';
import { harness } from '../../core/harness.js';

async function batch(lines: string[]): Promise<Record<string, unknown>[]> {
  const { runwise } = await harness();
  const input = new PassThrough();
  const out: string[] = [];
  const done = runBatch(runwise.core, input, (line) => out.push(line));
  input.end(lines.join('\n') + '\n');
  await done;
  return out.map((l) => {
    expect(l.endsWith('\n')).toBe(true);
    return JSON.parse(l) as Record<string, unknown>;
  });
}

describe('batch contract', () => {
  it('GIVEN JSON lines THEN writes exactly one JSON line per input line, in order, bad lines included', async () => {
    const out = await batch([
      '{"id":"a","text":"what is kvm"}',
      'this is not json',
      '{"id":"c"}',
      '',
      '{"id":"e","text":"what is the capital of peru?"}',
    ]);
    expect(out).toHaveLength(5);
    expect(out[0]).toMatchObject({ id: 'a', intent: 'define' });
    expect(typeof out[0]!.confidence).toBe('number');
    expect(String(out[0]!.text)).toMatch(/KVM/);
    expect(out[1]).toHaveProperty('error');
    expect(out[2]).toMatchObject({ id: 'c' });
    expect(out[2]).toHaveProperty('error');
    expect(out[3]).toHaveProperty('error');
    expect(out[4]).toMatchObject({ id: 'e', intent: 'out_of_scope' });
  });

  it('GIVEN lines of one session THEN they are one conversation, and numbers answer the choices up to a verdict', async () => {
    const lines = ['{"id":"0","text":"help me choose between vms and containers","session":"s1"}'];
    for (let i = 1; i <= 10; i++) lines.push(`{"id":"${i}","text":"1","session":"s1"}`);
    const out = await batch(lines);
    expect(out[0]).toMatchObject({ intent: 'recommend_start' });
    expect(Array.isArray(out[0]!.choices)).toBe(true);
    const verdict = out.find((o) => o.recommendation);
    expect(verdict).toBeDefined();
    const recommendation = verdict!.recommendation as { verdict: string; reasons: string[] };
    expect(['vm', 'container', 'containers-on-vms']).toContain(recommendation.verdict);
    expect(recommendation.reasons.length).toBeGreaterThan(0);
  });

  it('GIVEN two sessions interleaved THEN each keeps its own dialogue', async () => {
    const out = await batch([
      '{"id":"a1","text":"recommend","session":"a"}',
      '{"id":"b1","text":"1","session":"b"}',
      '{"id":"a2","text":"1","session":"a"}',
    ]);
    expect(out[1]!.intent).not.toBe('recommend_start');
    expect(out[2]).toMatchObject({ intent: 'recommend_start' });
    expect(String(out[2]!.text)).toMatch(/2 of/);
  });
});
