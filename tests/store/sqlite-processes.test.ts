import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSqliteStore } from '../../src/store/sqlite.js';
import { buildForChildProcess } from './child-build.js';

const PER_PROCESS = 40;

/** One bot instance: increments a shared counter and claims shared event ids, reporting which it won. */
const WORKER = `
import { createSqliteStore } from './src/store/sqlite.js';
import { updateRecord } from './src/store/update.js';
const [file, count] = [process.argv[2], Number(process.argv[3])];
const store = createSqliteStore(file);
const won = [];
await Promise.all(Array.from({ length: count }, async (_, i) => {
  await updateRecord(store, 'progress', 'counter', (n) => (n ?? 0) + 1);
  if (await store.claim('event:' + i)) won.push(i);
  await store.append('feedback', { pid: process.pid, i });
}));
await store.close();
process.stdout.write(JSON.stringify(won));
`;

function runWorker(script: string, file: string): Promise<number[]> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [script, file, String(PER_PROCESS)], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) => {
      if (code === 0) resolve(JSON.parse(stdout) as number[]);
      else reject(new Error(`worker exited with ${String(code)}:\n${stderr}`));
    });
  });
}

describe('SQLite store shared by two processes', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'runwise-processes-'));
    buildForChildProcess(['src/store/sqlite.ts', 'src/store/update.ts'], dir);
    writeFileSync(join(dir, 'worker.mjs'), WORKER);
  });
  afterAll(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  it('loses no increment, grants each claim once and keeps every log entry', async () => {
    const file = join(dir, 'shared.db');
    const script = join(dir, 'worker.mjs');
    const [a, b] = await Promise.all([runWorker(script, file), runWorker(script, file)]);

    const store = createSqliteStore(file);
    try {
      expect(await store.get('progress', 'counter')).toEqual({ value: 2 * PER_PROCESS, version: 2 * PER_PROCESS });
      const everyEvent = Array.from({ length: PER_PROCESS }, (_, i) => i);
      expect([...(a ?? []), ...(b ?? [])].sort((x, y) => x - y)).toEqual(everyEvent);
      expect(await store.read('feedback')).toHaveLength(2 * PER_PROCESS);
    } finally {
      await store.close();
    }
  });
});
