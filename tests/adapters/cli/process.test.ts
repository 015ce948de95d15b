import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { projectRoot } from '../../../src/paths.js';

const main = join(projectRoot(), 'dist', 'src', 'adapters', 'cli', 'main.js');
const run = (args: string[], input?: string, env: Record<string, string> = {}) =>
  spawnSync(process.execPath, [main, ...args], {
    input,
    encoding: 'utf8',
    env: { PATH: process.env.PATH ?? '', STATE_URL: 'memory:', LOG_LEVEL: 'info', ...env },
  });

describe('the command line as a program', () => {
  it('GIVEN ask --json THEN stdout is exactly one JSON line, logs go to stderr', () => {
    const result = run(['ask', 'what is kvm', '--json']);
    expect(result.status).toBe(0);
    const lines = result.stdout.trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(JSON.parse(lines[0]!)).toMatchObject({ intent: 'define' });
    expect(result.stderr).toMatch(/"msg":"answered"/);
    expect(result.stderr).not.toMatch(/what is kvm/); // message texts are logged only at debug
  });

  it('GIVEN batch input THEN stdout carries only one JSON line per input line', () => {
    const result = run(['batch'], '{"id":"1","text":"docker vs podman"}\nnope\n{"id":"3","text":"hi"}\n');
    expect(result.status).toBe(0);
    const lines = result.stdout.trim().split('\n');
    expect(lines).toHaveLength(3);
    expect(lines.map((l) => JSON.parse(l) as { id?: string }).map((o) => o.id)).toEqual(['1', undefined, '3']);
  });

  it('GIVEN a bad setting THEN exits with an error naming the variable, without a stack trace', () => {
    const result = run(['ask', 'hi'], undefined, { STATE_URL: 'mysql://x' });
    expect(result.status).toBe(2);
    expect(result.stderr).toMatch(/STATE_URL/);
    expect(result.stderr).not.toMatch(/\n\s+at /);
  });
});
