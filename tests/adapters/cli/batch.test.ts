import { PassThrough, Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { runBatch, type GroupLimits } from '../../../src/adapters/cli/batch-run.js';
import type { Core } from '../../../src/core/types.js';
import { createMemoryStore } from '../../../src/store/memory.js';
import type { Store } from '../../../src/store/types.js';
import { harness } from '../../core/harness.js';

/** Collects what the batch writes, as text. */
function collector(): Writable & { text(): string } {
  const chunks: string[] = [];
  const sink = new Writable({
    write(chunk: Buffer, _encoding, done) {
      chunks.push(chunk.toString('utf8'));
      done();
    },
  });
  return Object.assign(sink, { text: () => chunks.join('') });
}

async function batchRaw(input: string, opts: { store?: Store; limits?: GroupLimits } = {}): Promise<string> {
  const { runwise } = await harness({ store: opts.store });
  const source = new PassThrough();
  const out = collector();
  const done = runBatch(runwise, { input: source, output: out }, opts.limits);
  source.end(input);
  await done;
  return out.text();
}

async function batch(lines: string[], opts: { store?: Store } = {}): Promise<Record<string, unknown>[]> {
  const text = await batchRaw(lines.join('\n') + '\n', opts);
  expect(text.endsWith('\n')).toBe(true);
  return text
    .slice(0, -1)
    .split('\n')
    .map((l) => JSON.parse(l) as Record<string, unknown>);
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

  it('GIVEN lines without a session THEN each is a one-off: no conversation is read or written, and line 2 does not continue line 1', async () => {
    const inner = createMemoryStore();
    const touched: string[] = [];
    const spy: Store = {
      ...inner,
      get: (ns, key) => (touched.push(`get ${ns}`), inner.get(ns, key)),
      put: (ns, key, value, version, ttl) => (touched.push(`put ${ns}`), inner.put(ns, key, value, version, ttl)),
    };
    const out = await batch(['{"id":"a","text":"recommend"}', '{"id":"b","text":"1"}', '{"id":"c","text":"take the tour"}', '{"id":"d","text":"what is kvm"}'], { store: spy });
    expect(out[0]).toMatchObject({ id: 'a', intent: 'recommend_start' });
    expect(out[1]!.intent).not.toBe('recommend_start');
    expect(out[3]).toMatchObject({ id: 'd', intent: 'define' });
    expect(String(out[3]!.text)).not.toMatch(/where we were/i);
    expect(touched).toEqual([]);
  });

  it('GIVEN a raw carriage return inside a JSON line, or CRLF line ends THEN still one output per line', async () => {
    const text = await batchRaw('{"id":"1",\r"text":"what is kvm"}\n{"id":"2","text":"what is xen"}\r\n{"id":"3","text":"hi"}\r');
    const out = text.trim().split('\n').map((l) => JSON.parse(l) as { id: string; intent: string });
    expect(out.map((o) => o.id)).toEqual(['1', '2', '3']);
    expect(out[0]!.intent).toBe('define');
  });

  it('GIVEN an empty or an over-long session THEN the error says what is wrong with it', async () => {
    const out = await batch([`{"id":"a","text":"hi","session":""}`, `{"id":"b","text":"hi","session":"${'x'.repeat(201)}"}`, `{"id":"c","text":"hi","session":7}`]);
    expect(out[0]).toEqual({ id: 'a', error: 'session must not be empty (leave it out for a one-off question)' });
    expect(out[1]).toEqual({ id: 'b', error: 'session must be at most 200 characters, got 201' });
    expect(out[2]).toEqual({ id: 'c', error: 'session must be a string' });
  });
});
