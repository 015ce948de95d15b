import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSqliteStore } from '../../src/store/sqlite.js';
import { buildForChildProcess } from './child-build.js';

const ACKS_BEFORE_KILL = 60;

/** The child: writes through the real SQLite store and prints "ack <i>" only after each put has resolved. */
const WRITER = `
import { writeSync } from 'node:fs';
import { createSqliteStore } from './src/store/sqlite.js';
const store = createSqliteStore(process.argv[2]);
for (let i = 0; ; i += 1) {
  if (!(await store.put('progress', 'k' + i, { i, text: 'é🐳'.repeat(40) }, 0))) throw new Error('create lost ' + i);
  if (!(await store.put('conversation', 'counter', i + 1, i))) throw new Error('update lost ' + i);
  await store.append('unanswered', { i });
  writeSync(1, 'ack ' + i + '\\n');
}
`;

describe('SQLite store durability', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'runwise-durability-'));
    buildForChildProcess(['src/store/sqlite.ts'], dir);
    writeFileSync(join(dir, 'writer.mjs'), WRITER);
  });
  afterAll(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  it('keeps every acknowledged write when the writing process is killed with SIGKILL', async () => {
    const dbPath = join(dir, 'data', 'runwise.db');
    const child = spawn(process.execPath, [join(dir, 'writer.mjs'), dbPath], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
    });
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
      if (stdout.split('\n').filter((line) => line.startsWith('ack ')).length >= ACKS_BEFORE_KILL) child.kill('SIGKILL');
    });
    const signal = await new Promise<NodeJS.Signals | null>((done) => child.on('close', (_code, sig) => done(sig)));

    // Only complete lines count: a torn last line was never acknowledged.
    const acked = stdout
      .split('\n')
      .slice(0, -1)
      .map((line) => /^ack (\d+)$/.exec(line)?.[1])
      .filter((n): n is string => n !== undefined)
      .map(Number);
    expect(acked.length, `writer produced too few acks; stderr:\n${stderr}`).toBeGreaterThanOrEqual(ACKS_BEFORE_KILL);
    expect(signal, 'the writer must die by SIGKILL, not exit on its own').toBe('SIGKILL');

    // WAL is a property of the file, so it is visible to any connection (synchronous=FULL is per connection).
    const raw = new Database(dbPath, { readonly: true });
    expect(raw.pragma('journal_mode', { simple: true })).toBe('wal');
    raw.close();

    const store = createSqliteStore(dbPath);
    try {
      for (const i of acked) {
        expect(await store.get('progress', `k${i}`), `acknowledged record k${i}`).toEqual({
          value: { i, text: 'é🐳'.repeat(40) },
          version: 1,
        });
      }
      const last = Math.max(...acked);
      const counter = await store.get<number>('conversation', 'counter');
      expect(counter?.version).toBeGreaterThanOrEqual(last + 1);
      expect(counter?.value).toBe(counter?.version);
      const logged = (await store.read('unanswered')).map((entry) => entry.i);
      expect(logged.slice(0, acked.length)).toEqual(acked);
    } finally {
      await store.close();
    }
  });
});
