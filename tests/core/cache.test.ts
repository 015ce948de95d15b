import { mkdtempSync, readdirSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cachedJson } from '../../src/core/cache.js';

describe('the start-up cache', () => {
  it('GIVEN the same key THEN reads what was built, without building again', () => {
    const dir = mkdtempSync(join(tmpdir(), 'runwise-cache-'));
    let builds = 0;
    const build = () => ({ built: ++builds });
    expect(cachedJson(dir, 'index', 'k1', build)).toEqual({ built: 1 });
    expect(cachedJson(dir, 'index', 'k1', build)).toEqual({ built: 1 });
    expect(builds).toBe(1);
  });

  it('GIVEN another key (data or code changed) THEN builds again and keeps only the newest two files of the kind', () => {
    const dir = mkdtempSync(join(tmpdir(), 'runwise-cache-'));
    cachedJson(dir, 'index', 'old', () => 1);
    utimesSync(join(dir, 'index-old.json'), 1_000, 1_000);
    cachedJson(dir, 'index', 'mid', () => 2);
    utimesSync(join(dir, 'index-mid.json'), 2_000, 2_000);
    expect(cachedJson(dir, 'index', 'new', () => 3)).toBe(3);
    // Two keys stay current at once (compiled code and sources under test hash differently); a third drops the oldest.
    expect(readdirSync(dir).sort()).toEqual(['index-mid.json', 'index-new.json']);
  });

  it('GIVEN no cache folder or one that cannot be created THEN still builds', () => {
    expect(cachedJson(undefined, 'index', 'k', () => 3)).toBe(3);
    const file = join(mkdtempSync(join(tmpdir(), 'runwise-cache-')), 'a-file');
    writeFileSync(file, 'not a folder');
    expect(cachedJson(join(file, 'cache'), 'index', 'k', () => 4)).toBe(4);
  });
});
