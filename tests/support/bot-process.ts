import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { projectRoot } from '../../src/paths.js';

/** A JSON log line of the bot (pino, on stderr). */
export interface LogLine {
  msg?: string;
  port?: number;
  platform?: string;
}

/** `npm start` (dist/src/main.js) as a real process: its output collected, its JSON log lines parsed from stderr. */
export function startBot(env: Record<string, string>) {
  const child = spawn(process.execPath, [join(projectRoot(), 'dist', 'src', 'main.js')], {
    env: { PATH: process.env.PATH ?? '', STATE_URL: 'memory:', LOG_LEVEL: 'info', ...env },
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  let stderr = '';
  let stdout = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const logs = () =>
    stderr
      .split('\n')
      .filter((line) => line.startsWith('{'))
      .map((line) => JSON.parse(line) as LogLine);
  return { child, exited, logs, stdout: () => stdout, stderr: () => stderr };
}

/** Polls `probe` until it returns a value, or fails naming `what` once `timeoutMs` has passed. */
export async function waitUntil<T>(probe: () => T | undefined | null | false, what: string, timeoutMs = 15_000, stepMs = 25): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = probe();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, stepMs));
  }
}
