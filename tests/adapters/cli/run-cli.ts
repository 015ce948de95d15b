import { spawn, spawnSync, type SpawnSyncOptions } from 'node:child_process';
import { join } from 'node:path';
import { projectRoot } from '../../../src/paths.js';

// RUNWISE_TEST_CLI points the suite at another build, e.g. the code before a fix, to see a regression test fail.
export const CLI_MAIN = process.env.RUNWISE_TEST_CLI ?? join(projectRoot(), 'dist', 'src', 'adapters', 'cli', 'main.js');

/** The built command line in a child process with a clean environment (no platform tokens). */
export function runCli(args: string[], opts: { input?: string; env?: Record<string, string>; timeout?: number; spawn?: Pick<SpawnSyncOptions, 'uid' | 'gid'> } = {}) {
  return spawnSync(process.execPath, [CLI_MAIN, ...args], {
    ...opts.spawn,
    input: opts.input,
    encoding: 'utf8',
    timeout: opts.timeout ?? 20_000,
    env: { PATH: process.env.PATH ?? '', STATE_URL: 'memory:', LOG_LEVEL: 'warn', ...opts.env },
  });
}

/** `cli batch` as a running child whose stdin and stdout the test drives. */
export function startBatch(env: Record<string, string>, nodeArgs: string[] = []) {
  const child = spawn(process.execPath, [...nodeArgs, CLI_MAIN, 'batch'], {
    env: { PATH: process.env.PATH ?? '', LOG_LEVEL: 'warn', ...env },
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
  // The child may stop reading (EPIPE on our side): that is what some tests want.
  child.stdin.on('error', () => undefined);
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null; stderr: string }>((resolve) =>
    child.on('close', (code, signal) => resolve({ code, signal, stderr })),
  );
  return { child, exited };
}
