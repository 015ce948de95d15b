import { describe, expect, it } from 'vitest';
import { createKeyedMutex } from '../../src/store/lock.js';

function deferred() {
  let resolve!: () => void;
  const promise = new Promise<void>((r) => {
    resolve = r;
  });
  return { promise, resolve };
}

const flush = () => new Promise((r) => setImmediate(r));

describe('createKeyedMutex', () => {
  it('runs work for one key one after the other, in arrival order', async () => {
    const mutex = createKeyedMutex();
    const events: string[] = [];
    const gate = deferred();
    const first = mutex.run('user:1', async () => {
      events.push('first:start');
      await gate.promise;
      events.push('first:end');
      return 1;
    });
    const second = mutex.run('user:1', async () => {
      events.push('second:start');
      return 2;
    });
    await flush();
    expect(events).toEqual(['first:start']);
    gate.resolve();
    expect(await Promise.all([first, second])).toEqual([1, 2]);
    expect(events).toEqual(['first:start', 'first:end', 'second:start']);
  });

  it('lets different keys run at the same time', async () => {
    const mutex = createKeyedMutex();
    const events: string[] = [];
    const gate = deferred();
    const a = mutex.run('user:1', async () => {
      events.push('a:start');
      await gate.promise;
    });
    const b = mutex.run('user:2', async () => {
      events.push('b:start');
    });
    await b;
    expect(events).toEqual(['a:start', 'b:start']);
    gate.resolve();
    await a;
  });

  it('passes a failure to its own caller only and still runs the next one', async () => {
    const mutex = createKeyedMutex();
    const failing = mutex.run('user:1', async () => {
      throw new Error('boom');
    });
    const next = mutex.run('user:1', async () => 'ok');
    await expect(failing).rejects.toThrow('boom');
    expect(await next).toBe('ok');
  });

  it('forgets keys whose work has finished', async () => {
    const mutex = createKeyedMutex();
    await Promise.all(Array.from({ length: 50 }, (_, i) => mutex.run(`user:${i % 5}`, async () => i)));
    await flush();
    expect(mutex.activeKeys()).toBe(0);
  });
});
