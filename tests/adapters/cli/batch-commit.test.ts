import { PassThrough, Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { runBatch } from '../../../src/adapters/cli/batch-run.js';
import type { Core } from '../../../src/core/types.js';
import { createMemoryStore } from '../../../src/store/memory.js';
import type { Store } from '../../../src/store/types.js';
import { harness } from '../../core/harness.js';

const lines = (n: number, session?: string) =>
  Array.from({ length: n }, (_, i) => JSON.stringify({ id: String(i), text: i % 2 ? 'what is kvm' : 'docker vs podman', ...(session ? { session } : {}) })).join('\n') + '\n';

/** A core that counts the messages it was asked to answer. */
function counting(core: Core, seen: { n: number }): Core {
  return { handle: (message) => ((seen.n += 1), core.handle(message)) };
}

describe('batch backpressure and group commit', () => {
  it('GIVEN a reader that stops reading THEN the batch stops answering, and resumes when it reads again', async () => {
    const { runwise } = await harness();
    const seen = { n: 0 };
    const held: Array<() => void> = [];
    let received = '';
    // A slow reader: every chunk waits until the test lets it through.
    const slow = new Writable({
      highWaterMark: 1024,
      write(chunk: Buffer, _encoding, done) {
        received += chunk.toString('utf8');
        held.push(done);
      },
    });
    const input = new PassThrough();
    const done = runBatch({ core: counting(runwise.core, seen), store: runwise.store }, { input, output: slow }, { lines: 100, ms: 1_000 });
    input.end(lines(5_000));
    await new Promise((resolve) => setTimeout(resolve, 300));
    // One group written and waiting, at most one more answered: not the whole input (was: all 5,000).
    expect(seen.n).toBeLessThanOrEqual(200);
    const release = setInterval(() => held.splice(0).forEach((next) => next()), 1);
    await done;
    clearInterval(release);
    expect(seen.n).toBe(5_000);
    expect(received.trim().split('\n').map((l) => (JSON.parse(l) as { id: string }).id)).toEqual(Array.from({ length: 5_000 }, (_, i) => String(i)));
  });

  it('GIVEN many lines at once THEN they commit in groups, and no line is written before its group committed', async () => {
    const inner = createMemoryStore();
    const seen = { n: 0 };
    let committed = 0;
    let groups = 0;
    const store: Store = {
      ...inner,
      group: async (work) => {
        const result = await work();
        groups += 1;
        committed = seen.n;
        return result;
      },
    };
    const { runwise } = await harness({ store });
    let written = 0;
    const early: number[] = [];
    const output = new Writable({
      write(chunk: Buffer, _encoding, done) {
        written += chunk.toString('utf8').split('\n').length - 1;
        if (written > committed) early.push(written);
        done();
      },
    });
    const input = new PassThrough();
    const done = runBatch({ core: counting(runwise.core, seen), store }, { input, output }, { lines: 256, ms: 60_000 });
    input.end(lines(1_000, 's'));
    await done;
    expect(written).toBe(1_000);
    expect(early).toEqual([]);
    expect(groups).toBeGreaterThanOrEqual(4);
    expect(groups).toBeLessThan(40);
  });

  it('GIVEN a group whose commit fails THEN its lines say they were not saved instead of printing answers', async () => {
    const store: Store = { ...createMemoryStore(), group: async () => Promise.reject(new Error('disk full')) };
    const { runwise } = await harness({ store });
    const input = new PassThrough();
    let text = '';
    const output = new Writable({
      write(chunk: Buffer, _encoding, done) {
        text += chunk.toString('utf8');
        done();
      },
    });
    const done = runBatch({ core: runwise.core, store }, { input, output });
    input.end('{"id":"1","text":"what is kvm"}\nnot json\n');
    await done;
    const out = text.trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(out).toHaveLength(2);
    expect(out[0]).toEqual({ id: '1', error: expect.stringMatching(/^not saved: disk full/) });
    expect(out[1]).toEqual({ error: expect.stringMatching(/^not saved/) });
  });
});
