import { accessSync, constants, mkdirSync, statSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import Database from 'better-sqlite3';
import { RunwiseError } from '../errors.js';

const SCHEMA = `
CREATE TABLE IF NOT EXISTS records (
  ns TEXT NOT NULL,
  key TEXT NOT NULL,
  value TEXT NOT NULL,
  version INTEGER NOT NULL,
  expires_at INTEGER,
  PRIMARY KEY (ns, key)
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS claims (
  key TEXT PRIMARY KEY,
  expires_at INTEGER
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS logs (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  log TEXT NOT NULL,
  entry TEXT NOT NULL,
  at INTEGER NOT NULL
);
CREATE INDEX IF NOT EXISTS logs_by_name ON logs (log, id);
`;

/** While opening (before anything is served) waiting for another process's lock is fine; afterwards it never is. */
const OPEN_BUSY_TIMEOUT_MS = 5_000;

const codeOf = (error: unknown) => (error as { code?: unknown } | null)?.code;
const reasonOf = (error: unknown) => (error instanceof Error ? error.message : String(error));

function cannotOpen(path: string, why: string, cause?: unknown): RunwiseError {
  return new RunwiseError('store_unavailable', `cannot open the SQLite state file ${path} (STATE_URL=sqlite:${path}): ${why}`, { cause });
}

/**
 * Creates the missing directories above `file` one level at a time. Node's recursive mkdirSync spins
 * forever on a procfs path such as /proc/nope (mkdir answers ENOENT for a parent that exists), so the
 * nearest existing ancestor is found first and every failure is reported with its directory.
 */
function ensureParentDirectory(path: string, file: string): void {
  const missing: string[] = [];
  let dir = dirname(file);
  for (;;) {
    let isDirectory: boolean;
    try {
      isDirectory = statSync(dir).isDirectory();
    } catch (error) {
      if (codeOf(error) !== 'ENOENT' || dirname(dir) === dir) throw cannotOpen(path, `cannot read ${dir}: ${reasonOf(error)}`, error);
      missing.unshift(dir);
      dir = dirname(dir);
      continue;
    }
    if (!isDirectory) throw cannotOpen(path, `${dir} is not a directory`);
    break;
  }
  for (const each of missing) {
    try {
      mkdirSync(each);
    } catch (error) {
      if (codeOf(error) !== 'EEXIST') throw cannotOpen(path, `cannot create the directory ${each}: ${reasonOf(error)}`, error);
    }
  }
}

/**
 * SQLite opens a file it may not write read-only without a word, and every turn that writes then fails.
 * access(W_OK) asks the kernel the same question without taking SQLite's write lock (another instance may
 * hold it): permissions, a read-only mount (EROFS) and the immutable flag (EPERM) all count.
 */
function checkWritable(path: string, file: string): void {
  for (const target of [file, dirname(file)]) {
    try {
      accessSync(target, constants.W_OK);
    } catch (error) {
      if (codeOf(error) === 'ENOENT') continue;
      const what = target === file ? 'the file' : 'its directory (SQLite writes its -wal and -shm files there)';
      throw cannotOpen(path, `${what} is not writable by this process (${String(codeOf(error) ?? reasonOf(error))}); fix its permissions or point STATE_URL elsewhere`, error);
    }
  }
}

/**
 * Runs a start-up statement again while another process holds the lock. Switching a file to WAL while another
 * process is creating or switching it fails with SQLITE_BUSY at once, without waiting for busy_timeout; two
 * instances started together on a fresh file hit that. Start-up may block: nothing else runs yet.
 */
function whenUnlocked<T>(run: () => T): T {
  const deadline = Date.now() + OPEN_BUSY_TIMEOUT_MS;
  const pause = new Int32Array(new SharedArrayBuffer(4));
  for (let ms = 5; ; ms = Math.min(100, ms * 2)) {
    try {
      return run();
    } catch (error) {
      if (codeOf(error) !== 'SQLITE_BUSY' || Date.now() >= deadline) throw error;
      Atomics.wait(pause, 0, 0, ms);
    }
  }
}

/** Opens (creating if needed) the state file in WAL mode with synchronous=FULL, after checking it can be written. */
export function openDatabase(path: string): Database.Database {
  const file = resolve(path);
  if (path !== ':memory:') {
    ensureParentDirectory(path, file);
    checkWritable(path, file);
  }
  let db: Database.Database;
  try {
    db = new Database(path);
  } catch (error) {
    throw cannotOpen(path, reasonOf(error), error);
  }
  try {
    db.pragma(`busy_timeout = ${OPEN_BUSY_TIMEOUT_MS}`);
    whenUnlocked(() => db.pragma('journal_mode = WAL'));
    // FULL fsyncs the WAL on every commit, so a resolved put survives a crash or power loss.
    db.pragma('synchronous = FULL');
    whenUnlocked(() => db.exec(SCHEMA));
    // From here on a busy database fails at once and the store retries asynchronously: a blocking wait
    // inside better-sqlite3 would freeze the event loop (health checks, Slack acks) for its whole length.
    db.pragma('busy_timeout = 0');
    return db;
  } catch (error) {
    db.close();
    throw cannotOpen(path, reasonOf(error), error);
  }
}
