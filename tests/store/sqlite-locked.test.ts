import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createSqliteStore } from '../../src/store/sqlite.js';
import type { Store } from '../../src/store/types.js';

/** The longest the event loop went without running a 5 ms timer while `work` was pending. */
async function worstTimerDelay(work: Promise<unknown>): Promise<number> {
  let worst = 0;
  let done = false;
  void work.then(
    () => (done = true),
    () => (done = true),
  );
  while (!done) {
    const asked = performance.now();
    await new Promise((resolve) => setTimeout(resolve, 5));
    worst = Math.max(worst, performance.now() - asked);
  }
  return worst;
}

describe('SQLite store while another connection holds the write lock', () => {
  let dir: string;
  let file: string;
  let store: Store;
  let other: Database.Database;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'runwise-locked-'));
    file = join(dir, 'state.db');
    store = createSqliteStore(file, { busyWaitMs: 1_500 });
    other = new Database(file);
  });
  afterEach(async () => {
    if (other.inTransaction) other.exec('ROLLBACK');
    other.close();
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('GIVEN a lock held for 1 s THEN writes wait for it without blocking the event loop, then succeed', async () => {
    other.exec('BEGIN IMMEDIATE');
    setTimeout(() => other.exec('COMMIT'), 1_000);
    const started = performance.now();
    const writes = Promise.all([store.put('conversation', 'c1', { n: 1 }, 0), store.append('unanswered', { text: 'x' }), store.claim('event:1')]);
    // Before the fix better-sqlite3 waited inside busy_timeout: one timer was late by the whole second.
    expect(await worstTimerDelay(writes)).toBeLessThan(250);
    expect(await writes).toEqual([true, undefined, true]);
    expect(performance.now() - started).toBeGreaterThan(900);
    expect(await store.get('conversation', 'c1')).toEqual({ value: { n: 1 }, version: 1 });
    // Reads never waited: WAL readers do not need the write lock.
  });

  it('GIVEN reads while locked THEN they answer at once', async () => {
    await store.put('conversation', 'c1', { n: 1 }, 0);
    other.exec('BEGIN IMMEDIATE');
    const started = performance.now();
    expect(await store.get('conversation', 'c1')).toEqual({ value: { n: 1 }, version: 1 });
    await store.ping();
    expect(performance.now() - started).toBeLessThan(250);
  });

  it('GIVEN a lock held beyond the wait THEN the write fails with store_unavailable, and nothing was written', async () => {
    other.exec('BEGIN IMMEDIATE');
    const failing = store.put('conversation', 'c1', { n: 1 }, 0);
    expect(await worstTimerDelay(failing)).toBeLessThan(250);
    await expect(failing).rejects.toMatchObject({ code: 'store_unavailable', message: expect.stringMatching(/locked/) });
    other.exec('ROLLBACK');
    expect(await store.get('conversation', 'c1')).toBeNull();
  });

  it('GIVEN a group of writes THEN they wait for the lock once and commit together', async () => {
    other.exec('BEGIN IMMEDIATE');
    setTimeout(() => other.exec('COMMIT'), 300);
    const grouped = store.group(async () => {
      for (let i = 0; i < 50; i++) expect(await store.put('conversation', `c${i}`, i, 0)).toBe(true);
      return 'done';
    });
    expect(await worstTimerDelay(grouped)).toBeLessThan(250);
    expect(await grouped).toBe('done');
    expect(await store.get('conversation', 'c49')).toEqual({ value: 49, version: 1 });
  });

  it('GIVEN a group whose work fails THEN none of its writes are kept', async () => {
    await expect(
      store.group(async () => {
        await store.put('conversation', 'c1', 1, 0);
        throw new Error('stop');
      }),
    ).rejects.toThrow('stop');
    expect(await store.get('conversation', 'c1')).toBeNull();
    // The lock was released: another connection can write.
    other.prepare("INSERT INTO claims (key, expires_at) VALUES ('k', NULL)").run();
  });
});
