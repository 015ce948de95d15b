import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { runCli } from './run-cli.js';

const noStackTrace = (stderr: string) => expect(stderr).not.toMatch(/\n\s+at |ReplyError|Error:/);

describe('a state the bot cannot use fails at start, in one line', () => {
  const dirs: string[] = [];
  afterEach(() => {
    for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
  });

  it('GIVEN STATE_URL=redis://…/abc THEN a configuration error, no ReplyError stack trace', () => {
    const result = runCli(['ask', 'hi'], { env: { STATE_URL: 'redis://127.0.0.1:6379/abc' } });
    expect(result.status).toBe(2);
    expect(result.stderr).toMatch(/STATE_URL: the Redis database after the host must be a number/);
    expect(result.stderr.trim().split('\n')).toHaveLength(2);
    noStackTrace(result.stderr);
  });

  it('GIVEN a SQLite path under /proc THEN it fails at once naming the directory (was: 100% CPU forever)', () => {
    const result = runCli(['ask', 'hi'], { env: { STATE_URL: 'sqlite:/proc/nope/x.db' }, timeout: 15_000 });
    expect(result.signal, 'the CLI hung and was killed').toBeNull();
    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(/cannot open the SQLite state file \/proc\/nope\/x\.db .*cannot create the directory \/proc\/nope/);
  });

  it('GIVEN a path whose parent is a file THEN it says so', () => {
    const dir = mkdtempSync(join(tmpdir(), 'runwise-start-'));
    dirs.push(dir);
    const result = runCli(['ask', 'hi'], { env: { STATE_URL: `sqlite:${join(dir, 'state.db', 'x.db')}` } });
    expect(result.status).toBe(0); // the parent does not exist yet: created
    const blocked = runCli(['ask', 'hi'], { env: { STATE_URL: `sqlite:${join(dir, 'state.db', 'x.db', 'y.db')}` } });
    expect(blocked.status).toBe(1);
    expect(blocked.stderr).toMatch(/x\.db is not a directory/);
  });

  it('GIVEN a SQLite file this process may not write THEN start fails, instead of answering "can\'t reach my memory" with exit 0', () => {
    const dir = mkdtempSync(join(tmpdir(), 'runwise-readonly-'));
    dirs.push(dir);
    const file = join(dir, 'state.db');
    expect(runCli(['ask', 'hi'], { env: { STATE_URL: `sqlite:${file}` } }).status).toBe(0);
    // Root may write any file, so as root the read-only user is "nobody" (the directory stays writable, as SQLite's -wal needs).
    const asRoot = process.getuid?.() === 0;
    chmodSync(dir, 0o777);
    chmodSync(file, asRoot ? 0o644 : 0o444);
    const result = runCli(['ask', 'what is kvm'], { env: { STATE_URL: `sqlite:${file}` }, spawn: asRoot ? { uid: 65534, gid: 65534 } : {} });
    expect(result.stdout).toBe('');
    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(/state\.db.*the file is not writable by this process \((EACCES|EPERM|EROFS)\)/);
  });
});
