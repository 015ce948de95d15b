import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { RunwiseError } from '../../src/errors.js';
import { createStore, sqlitePathOf } from '../../src/store/index.js';
import { redactRedisUrl } from '../../src/store/redis.js';
import type { Store } from '../../src/store/types.js';
import { REDIS_URL, probeRedis } from './helpers.js';

// The Redis contract suite reports an unreachable server; here it only gates one server-side check.
const redisUp = (await probeRedis(REDIS_URL)) === null;

async function failure(promise: Promise<unknown>): Promise<RunwiseError> {
  const error = await promise.then(
    () => new Error('expected a failure'),
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(RunwiseError);
  return error as RunwiseError;
}

describe('createStore(STATE_URL)', () => {
  let dir: string;
  const opened: Store[] = [];
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'runwise-index-'));
  });
  afterEach(async () => {
    for (const store of opened.splice(0)) await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('opens the memory store for memory:', async () => {
    const store = await createStore('memory:');
    opened.push(store);
    expect(store.kind).toBe('memory');
  });

  it('opens a SQLite file for sqlite:<path>, creating missing directories, and keeps data across reopen', async () => {
    const file = join(dir, 'a', 'b', 'runwise.db');
    const first = await createStore(`sqlite:${file}`);
    expect(first.kind).toBe('sqlite');
    await first.put('progress', 'u1', { seen: ['kvm'] }, 0);
    await first.close();
    const second = await createStore(`sqlite://${file}`);
    opened.push(second);
    expect(await second.get('progress', 'u1')).toEqual({ value: { seen: ['kvm'] }, version: 1 });
  });

  it('reads sqlite:relative and sqlite:///absolute paths', () => {
    expect(sqlitePathOf('sqlite:./runwise.db')).toBe('./runwise.db');
    expect(sqlitePathOf('sqlite:/var/lib/runwise.db')).toBe('/var/lib/runwise.db');
    expect(sqlitePathOf('sqlite:///var/lib/runwise.db')).toBe('/var/lib/runwise.db');
  });

  it('rejects an unknown scheme as a configuration error', async () => {
    for (const url of ['postgres://db/x', 'sqlite:', 'redis://', 'memory']) {
      expect((await failure(createStore(url))).code).toBe('config_invalid');
    }
  });

  it('names the path when the SQLite file cannot be created', async () => {
    const blocker = join(dir, 'not-a-dir');
    writeFileSync(blocker, 'a file where a directory should be');
    const path = join(blocker, 'runwise.db');
    const error = await failure(createStore(`sqlite:${path}`));
    expect(error.code).toBe('store_unavailable');
    expect(error.message).toContain(path);
  });

  it('names the path when the file is not a SQLite database', async () => {
    const path = join(dir, 'garbage.db');
    writeFileSync(path, 'this is not a database file, just some text that is long enough to have a header'.repeat(20));
    const error = await failure(createStore(`sqlite:${path}`));
    expect(error.code).toBe('store_unavailable');
    expect(error.message).toContain(path);
  });

  it('names the path when the path is a directory', async () => {
    const path = join(dir, 'is-a-dir');
    mkdirSync(path);
    const error = await failure(createStore(`sqlite:${path}`));
    expect(error.code).toBe('store_unavailable');
    expect(error.message).toContain(path);
  });

  it('fails with store_unavailable, not a hang, when no Redis listens at the URL', async () => {
    const error = await failure(createStore('redis://127.0.0.1:1'));
    expect(error.code).toBe('store_unavailable');
    expect(error.message).toContain('127.0.0.1:1');
  });

  it.runIf(redisUp)('refuses a Redis database number the server does not have, instead of using db 0', async () => {
    const url = new URL(REDIS_URL);
    url.pathname = '/99999';
    const error = await failure(createStore(url.toString()));
    expect(error.code).toBe('store_unavailable');
    expect(error.message).toMatch(/DB index is out of range/i);
  });

  it('never puts the Redis password into the error', async () => {
    const error = await failure(createStore('redis://runwise:s3cr3t-pw@127.0.0.1:1/2'));
    expect(error.code).toBe('store_unavailable');
    expect(error.message).toContain('127.0.0.1:1');
    expect(error.message).not.toContain('s3cr3t-pw');
  });
});

describe('redactRedisUrl', () => {
  it('hides the password and keeps the rest', () => {
    expect(redactRedisUrl('redis://user:pw@host:6380/3')).toBe('redis://user:***@host:6380/3');
    expect(redactRedisUrl('rediss://:pw@host')).not.toContain('pw');
    expect(redactRedisUrl('redis://host:6379/0')).toBe('redis://host:6379/0');
    expect(redactRedisUrl('redis://us er:p w@ho st')).not.toContain('p w');
  });
});
