import { describe, expect, it } from 'vitest';
import { createMemoryStore } from '../../src/store/memory.js';
import type { Store } from '../../src/store/types.js';
import { updateRecord } from '../../src/store/update.js';
import { manualClock } from './helpers.js';

describe('updateRecord', () => {
  it('creates, updates and returns the stored value', async () => {
    const store = createMemoryStore();
    expect(await updateRecord<string[]>(store, 'progress', 'u1', (cur) => [...(cur ?? []), 'kvm'])).toEqual(['kvm']);
    expect(await updateRecord<string[]>(store, 'progress', 'u1', (cur) => [...(cur ?? []), 'lxc'])).toEqual(['kvm', 'lxc']);
    expect(await store.get('progress', 'u1')).toEqual({ value: ['kvm', 'lxc'], version: 2 });
  });

  it('deletes the record when fn returns null, and writes nothing for an absent one', async () => {
    const store = createMemoryStore();
    await store.put('conversation', 'u1', { step: 2 }, 0);
    expect(await updateRecord(store, 'conversation', 'u1', () => null)).toBeNull();
    expect(await store.get('conversation', 'u1')).toBeNull();
    expect(await updateRecord(store, 'conversation', 'u2', () => null)).toBeNull();
    expect(await store.get('conversation', 'u2')).toBeNull();
  });

  it('applies ttlMs to the write', async () => {
    const clock = manualClock();
    const store = createMemoryStore({ now: clock.now });
    await updateRecord(store, 'conversation', 'u1', () => 'hi', { ttlMs: 1_000 });
    clock.advance(1_000);
    expect(await store.get('conversation', 'u1')).toBeNull();
  });

  it('re-applies fn on the fresh value after losing a race', async () => {
    const store = createMemoryStore();
    await store.put('progress', 'n', 1, 0);
    let interfered = false;
    const seen: Array<number | null> = [];
    const result = await updateRecord<number>(store, 'progress', 'n', (cur) => {
      seen.push(cur);
      if (!interfered) {
        interfered = true;
        // Another instance writes between our read and our write.
        void store.put('progress', 'n', 10, 1);
      }
      return (cur ?? 0) + 1;
    });
    expect(seen).toEqual([1, 10]);
    expect(result).toBe(11);
    expect(await store.get('progress', 'n')).toEqual({ value: 11, version: 3 });
  });

  it('gives up with store_conflict when other writers keep winning', async () => {
    const inner = createMemoryStore();
    let calls = 0;
    const alwaysLoses: Store = {
      ...inner,
      put: async () => {
        calls += 1;
        return false;
      },
    };
    await expect(updateRecord(alwaysLoses, 'progress', 'u1', () => 1, { retries: 3 })).rejects.toMatchObject({
      name: 'RunwiseError',
      code: 'store_conflict',
    });
    expect(calls).toBe(4);
  });
});
