import { Redis } from 'ioredis';
import { createRedisStore } from '../../src/store/redis.js';

export const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379/15';

export interface ManualClock {
  now: () => number;
  advance(ms: number): void;
}

export function manualClock(start = 1_700_000_000_000): ManualClock {
  let t = start;
  return {
    now: () => t,
    advance: (ms) => {
      t += ms;
    },
  };
}

/** Null when a Redis server answers at `url`, otherwise why not. */
export async function probeRedis(url: string): Promise<string | null> {
  try {
    const store = await createRedisStore(url, { keyPrefix: `runwise-test:probe:${process.pid}:` });
    await store.close();
    return null;
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  }
}

export function uniquePrefix(): string {
  return `runwise-test:${process.pid}:${Date.now().toString(36)}:${Math.random().toString(36).slice(2, 10)}:`;
}

/** Deletes only keys under `prefix`; the test database may be shared, so never FLUSHDB/FLUSHALL. */
export async function deleteRedisPrefix(url: string, prefix: string): Promise<void> {
  const client = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 1 });
  client.on('error', () => undefined);
  try {
    await client.connect();
    let cursor = '0';
    do {
      const [next, keys] = await client.scan(cursor, 'MATCH', `${prefix}*`, 'COUNT', 500);
      cursor = next;
      if (keys.length > 0) await client.del(...keys);
    } while (cursor !== '0');
  } finally {
    client.disconnect();
  }
}
