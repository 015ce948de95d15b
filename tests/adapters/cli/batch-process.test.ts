import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createSqliteStore } from '../../../src/store/sqlite.js';
import { REDIS_URL, deleteRedisPrefix, probeRedis } from '../../store/helpers.js';
import { runCli, startBatch } from './run-cli.js';

const redisUp = (await probeRedis(REDIS_URL)) === null;

const jsonLines = (stdout: string) => stdout.trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);

describe('cli batch as a process', () => {
  const dirs: string[] = [];
  const tempDir = () => {
    const dir = mkdtempSync(join(tmpdir(), 'runwise-batch-'));
    dirs.push(dir);
    return dir;
  };
  afterEach(() => {
    for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
  });

  it('GIVEN two runs on one SQLite file THEN a line without session never continues a line of an earlier run', () => {
    const env = { STATE_URL: `sqlite:${join(tempDir(), 'state.db')}` };
    const first = runCli(['batch'], { input: '{"id":"a","text":"recommend"}\n', env });
    expect(jsonLines(first.stdout)[0]).toMatchObject({ id: 'a', intent: 'recommend_start' });
    const second = runCli(['batch'], { input: '{"id":"b","text":"what is kvm"}\n', env });
    const [b] = jsonLines(second.stdout);
    expect(b).toMatchObject({ id: 'b', intent: 'define' });
    expect(String(b!.text)).not.toMatch(/where we were/i);
  });

  it('GIVEN a raw \\r inside a JSON line THEN one output per input line', () => {
    const result = runCli(['batch'], { input: '{"id":"1",\r"text":"what is kvm"}\n{"id":"2","text":"what is xen"}\n' });
    expect(result.stdout.trim().split('\n')).toHaveLength(2);
    expect(jsonLines(result.stdout).map((o) => o.id)).toEqual(['1', '2']);
  });

  it('GIVEN a reader that goes away after one line (`| head -1`) THEN the batch ends quietly', async () => {
    const { child, exited } = startBatch({ STATE_URL: 'memory:' });
    const lines = Array.from({ length: 20_000 }, (_, i) => `{"id":"${i}","text":"what is kvm"}`).join('\n');
    child.stdin.end(`${lines}\n`);
    let seen = '';
    await new Promise<void>((resolve) =>
      child.stdout.on('data', (chunk: Buffer) => {
        seen += chunk.toString('utf8');
        if (seen.includes('\n')) {
          child.stdout.destroy();
          resolve();
        }
      }),
    );
    const { code, stderr } = await exited;
    expect(stderr).toBe('');
    expect(code).toBe(0);
  });

  it('GIVEN a batch killed with SIGKILL THEN every answer it printed was committed', async () => {
    const file = join(tempDir(), 'state.db');
    const { child, exited } = startBatch({ STATE_URL: `sqlite:${file}` });
    // Odd lines start a dialogue in their own session (a conversation record); even lines are one-off
    // questions the bot cannot answer (an unanswered-log entry).
    const lines = Array.from({ length: 40_000 }, (_, i) =>
      JSON.stringify(i % 2 ? { id: String(i), text: 'recommend', session: `s${i}` } : { id: String(i), text: `how do I bake bread number ${i}?` }),
    );
    child.stdin.end(`${lines.join('\n')}\n`);
    let stdout = '';
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString('utf8');
      if (stdout.split('\n').length > 3_000) child.kill('SIGKILL');
    });
    const { signal } = await exited;
    expect(signal).toBe('SIGKILL');
    // Only complete lines were printed; a torn last line was not.
    const printed = stdout.split('\n').slice(0, -1).map((l) => JSON.parse(l) as { id: string; intent: string });
    expect(printed.length).toBeGreaterThanOrEqual(3_000);
    expect(printed.length).toBeLessThan(lines.length);

    const store = createSqliteStore(file);
    try {
      const logged = new Set((await store.read('unanswered')).map((e) => e.text));
      for (const out of printed) {
        const i = Number(out.id);
        if (i % 2) {
          expect(out.intent).toBe('recommend_start');
          expect(await store.get('conversation', `batch:s${i}`), `session line ${i} was printed`).not.toBeNull();
        } else if (out.intent === 'out_of_scope') {
          expect(logged.has(`how do I bake bread number ${i}?`), `one-off line ${i} was printed`).toBe(true);
        }
      }
    } finally {
      await store.close();
    }
  });

  it('GIVEN a 64 MB heap and a reader slower than the batch THEN it finishes instead of running out of memory', async () => {
    // What start-up derives from the data (index, model) is built once and cached in .cache/; that first build needs
    // more than 64 MB, so a run with the default heap builds it first: this test is about the batch, not that build.
    expect(runCli(['ask', 'what is kvm'], { timeout: 60_000 }).status).toBe(0);
    const { child, exited } = startBatch({ STATE_URL: 'memory:' }, ['--max-old-space-size=64']);
    const count = 30_000;
    child.stdin.end(Array.from({ length: count }, (_, i) => `{"id":"${i}","text":"what is kvm","session":"one"}\n`).join(''));
    // Read nothing for two seconds, then everything.
    child.stdout.pause();
    await new Promise((resolve) => setTimeout(resolve, 2_000));
    let lines = 0;
    child.stdout.on('data', (chunk: Buffer) => (lines += chunk.toString('utf8').split('\n').length - 1));
    child.stdout.resume();
    const { code, stderr } = await exited;
    expect(stderr).not.toMatch(/heap out of memory/i);
    expect(code).toBe(0);
    expect(lines).toBe(count);
  }, 60_000);
});

describe('several batch processes on one session', () => {
  const dirs: string[] = [];
  afterEach(() => {
    for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
  });

  async function fourBatches(env: Record<string, string>, session = 'shared'): Promise<Record<string, unknown>[]> {
    const script = ['recommend', '1', '2', 'what is kvm', 'cancel'];
    const runs = Array.from({ length: 4 }, (_, p) => {
      const { child, exited } = startBatch(env);
      let stdout = '';
      child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')));
      child.stdin.end(Array.from({ length: 300 }, (_, i) => `${JSON.stringify({ id: `${p}-${i}`, text: script[i % script.length], session })}\n`).join(''));
      return exited.then(({ code, stderr }) => {
        expect(stderr).toBe('');
        expect(code).toBe(0);
        return jsonLines(stdout);
      });
    });
    return (await Promise.all(runs)).flat();
  }

  it('GIVEN 4 processes × 300 lines on one session in one SQLite file THEN no line fails', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'runwise-batch-shared-'));
    dirs.push(dir);
    const out = await fourBatches({ STATE_URL: `sqlite:${join(dir, 'state.db')}` });
    expect(out).toHaveLength(1_200);
    expect(out.filter((o) => o.error !== undefined || o.intent === 'error')).toEqual([]);
  }, 60_000);

  it.runIf(redisUp)('GIVEN 4 processes × 300 lines on one session in one Redis THEN no line fails (was: store_conflict)', async () => {
    // The CLI writes under the production prefix: a session of its own, removed afterwards.
    const session = `test-${process.pid}-${Date.now()}`;
    const out = await fourBatches({ STATE_URL: REDIS_URL }, session).finally(() => deleteRedisPrefix(REDIS_URL, `runwise:rec:conversation:batch:${session}`));
    expect(out).toHaveLength(1_200);
    expect(out.filter((o) => o.error !== undefined || o.intent === 'error')).toEqual([]);
  }, 60_000);
});
