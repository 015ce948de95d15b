import { spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
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

  it('GIVEN questions the bot could not answer THEN `unanswered` lists them grouped, and `feedback` sums clicks, across restarts', () => {
    const state = `sqlite:${join(mkdtempSync(join(tmpdir(), 'runwise-cli-')), 'state.db')}`;
    const env = { STATE_URL: state, LOG_LEVEL: 'silent' };
    expect(run(['ask', 'how do I bake sourdough bread?'], undefined, env).status).toBe(0);
    expect(run(['ask', 'How do I bake sourdough bread'], undefined, env).status).toBe(0);
    expect(run(['ask', 'what is kvm'], undefined, env).status).toBe(0);
    const unanswered = run(['unanswered'], undefined, env);
    expect(unanswered.status).toBe(0);
    const rows = unanswered.stdout.trim().split('\n');
    expect(rows).toHaveLength(2); // header + one group
    expect(rows[1]).toMatch(/^\s+2\s.*sourdough/i);
    expect(unanswered.stdout).not.toMatch(/kvm/);

    run(['batch'], '{"id":"1","text":"what is kvm","session":"s"}\n{"id":"2","text":"Not helpful","session":"s"}\n', env);
    const feedback = run(['feedback'], undefined, env);
    expect(feedback.stdout).toMatch(/kvm\S*\s+0\s+1/);
  });
});
