import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** A key over some data and the source files (beside `moduleUrl`) that derive something from it. */
export function cacheKey(moduleUrl: string, codeFiles: readonly string[], data: unknown): string {
  const here = dirname(fileURLToPath(moduleUrl));
  const extension = moduleUrl.endsWith('.ts') ? '.ts' : '.js';
  const hash = createHash('sha256');
  for (const name of codeFiles) hash.update(readFileSync(join(here, `${name}${extension}`)));
  return hash.update(JSON.stringify(data)).digest('hex').slice(0, 24);
}

/**
 * What start-up derives from the data files, kept in `dir` between starts: read when the key matches,
 * else built and written (atomically; older files of the same kind removed). Best effort: a read-only
 * install builds at every start. No dir: always build.
 */
export function cachedJson<T>(dir: string | undefined, kind: string, key: string, build: () => T): T {
  if (!dir) return build();
  const cached = readCacheFile<T>(dir, `${kind}-${key}.json`);
  if (cached !== undefined) return cached;
  const value = build();
  writeCacheFile(dir, `${kind}-`, `${kind}-${key}.json`, value);
  return value;
}

/** The JSON kept in `dir/name`, or undefined when it is absent or unreadable. */
export function readCacheFile<T>(dir: string, name: string): T | undefined {
  try {
    return JSON.parse(readFileSync(join(dir, name), 'utf8')) as T;
  } catch {
    return undefined;
  }
}

/**
 * Writes `value` as JSON to `dir/name` atomically (a temporary file renamed over it) and removes older files that
 * start with `prefix` (see pruneCache). Best effort: false when the folder cannot be written (a read-only install).
 */
export function writeCacheFile(dir: string, prefix: string, name: string, value: unknown): boolean {
  try {
    mkdirSync(dir, { recursive: true });
    const file = join(dir, name);
    const temporary = `${file}.${process.pid}.tmp`;
    writeFileSync(temporary, JSON.stringify(value));
    renameSync(temporary, file);
    pruneCache(dir, prefix, name);
    return true;
  } catch {
    return false;
  }
}

// The compiled code and the TypeScript sources under test hash differently, so two keys of a kind are both current:
// the newest two files of a kind are kept, so neither deletes the other's while both run.
const KEEP_PER_KIND = 2;

/** Removes the older files of one kind in `dir`, keeping `current` and the newest others up to KEEP_PER_KIND. */
function pruneCache(dir: string, prefix: string, current: string): void {
  const others = readdirSync(dir)
    .filter((name) => name.startsWith(prefix) && name !== current && !name.endsWith('.tmp'))
    .map((name) => {
      try {
        return { name, at: statSync(join(dir, name)).mtimeMs };
      } catch {
        return { name, at: 0 };
      }
    })
    .sort((a, b) => b.at - a.at);
  for (const old of others.slice(KEEP_PER_KIND - 1)) rmSync(join(dir, old.name), { force: true });
}
