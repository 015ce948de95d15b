import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createRedisStore } from '../../src/store/redis.js';
import { createSqliteStore } from '../../src/store/sqlite.js';
import type { Store } from '../../src/store/types.js';
import { harness } from '../core/harness.js';
import { REDIS_URL, deleteRedisPrefix, probeRedis, uniquePrefix } from './helpers.js';

const redisUp = (await probeRedis(REDIS_URL)) === null;
const WRITERS = 4;
const TURNS = 500;
// Every one of these changes the stored conversation or logs, so writers really collide.
const SCRIPT = ['recommend', '1', '2', 'what is the capital of peru?', 'cancel', 'take the tour', '1'];

/** Counts the conversation writes that won, so the final version can be checked against them. */
function counting(store: Store, won: { puts: number; appends: number }): Store {
  return {
    ...store,
    append: async (log, entry) => {
      await store.append(log, entry);
      if (log === 'unanswered') won.appends += 1;
    },
    put: async (ns, key, value, expected, ttl) => {
      const ok = await store.put(ns, key, value, expected, ttl);
      if (ok && ns === 'conversation') won.puts += 1;
      return ok;
    },
  };
}

async function writersOnOneConversation(open: () => Promise<Store>): Promise<void> {
  const won = { puts: 0, appends: 0 };
  const stores = await Promise.all(Array.from({ length: WRITERS }, open));
  try {
    // One bot instance per store: its own core, its own in-process lock, the same conversation.
    const instances = await Promise.all(stores.map((store) => harness({ store: counting(store, won) })));
    const errors: string[] = [];
    await Promise.all(
      instances.map(async (instance, w) => {
        for (let i = 0; i < TURNS; i++) {
          const reply = await instance.say(SCRIPT[(i + w) % SCRIPT.length]!, 'shared', `user-${w}`);
          if (reply.intent === 'error') errors.push(reply.text);
        }
      }),
    );
    expect(errors).toEqual([]);
    const final = await stores[0]!.get('conversation', 'shared');
    // Every won compare-and-set added exactly one version: no write was lost or applied twice.
    expect(final?.version).toBe(won.puts);
    expect(won.puts).toBeGreaterThan(TURNS);
    // Effects run once per turn, after its save: a retried turn logs nothing twice.
    expect(won.appends).toBeGreaterThan(0);
    expect(await stores[0]!.read('unanswered')).toHaveLength(won.appends);
  } finally {
    for (const store of stores) await store.close();
  }
}

describe(`${WRITERS} writers × ${TURNS} turns on one conversation`, () => {
  const cleanups: Array<() => Promise<void> | void> = [];
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0)) await cleanup();
  });

  it('GIVEN one SQLite file THEN no turn fails and the final state counts every winning write', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'runwise-writers-'));
    cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
    await writersOnOneConversation(async () => createSqliteStore(join(dir, 'state.db')));
  }, 60_000);

  it.runIf(redisUp)('GIVEN one Redis THEN no turn fails and the final state counts every winning write', async () => {
    const keyPrefix = uniquePrefix();
    cleanups.push(() => deleteRedisPrefix(REDIS_URL, keyPrefix));
    await writersOnOneConversation(() => createRedisStore(REDIS_URL, { keyPrefix }));
  }, 60_000);
});
