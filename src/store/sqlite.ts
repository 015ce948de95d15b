import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import Database from 'better-sqlite3';
import { RunwiseError } from '../errors.js';
import type { LogEntry, LogName, RecordNamespace, Store, Versioned } from './types.js';
import { LOG_CAP, checkLimit, checkTtl, checkVersion, closedError, encodeEntry, encodeValue, type StoreOptions } from './shared.js';

/** Expired rows are invisible at once; sweeping them from disk can wait for this many writes. */
const SWEEP_EVERY_WRITES = 200;

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

function openDatabase(path: string): Database.Database {
  if (path !== ':memory:') mkdirSync(dirname(resolve(path)), { recursive: true });
  const db = new Database(path);
  try {
    // Several bot instances may share one file: wait for the writer lock instead of failing at once.
    db.pragma('busy_timeout = 5000');
    db.pragma('journal_mode = WAL');
    // FULL fsyncs the WAL on every commit, so a resolved put survives a crash or power loss.
    db.pragma('synchronous = FULL');
    db.exec(SCHEMA);
    return db;
  } catch (error) {
    db.close();
    throw error;
  }
}

/** Embedded durable store in one SQLite file; safe to share between processes on one machine. */
export function createSqliteStore(path: string, opts: StoreOptions = {}): Store {
  const now = opts.now ?? Date.now;
  const logCap = opts.logCap ?? LOG_CAP;
  const unavailable = (error: unknown) =>
    error instanceof RunwiseError
      ? error
      : new RunwiseError('store_unavailable', `SQLite state file ${path}: ${error instanceof Error ? error.message : String(error)}`, {
          cause: error,
        });

  let db: Database.Database;
  try {
    db = openDatabase(path);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new RunwiseError('store_unavailable', `cannot open the SQLite state file ${path} (STATE_URL=sqlite:${path}): ${reason}`, {
      cause: error,
    });
  }

  const selectRecord = db.prepare<[string, string], { value: string; version: number; expires_at: number | null }>(
    'SELECT value, version, expires_at FROM records WHERE ns = ? AND key = ?',
  );
  const deleteExpiredRecord = db.prepare('DELETE FROM records WHERE ns = ? AND key = ? AND expires_at IS NOT NULL AND expires_at <= ?');
  // Creating succeeds when no row exists or the existing one has expired; one statement, so atomic.
  const insertRecord = db.prepare(`
    INSERT INTO records (ns, key, value, version, expires_at) VALUES (@ns, @key, @value, 1, @expiresAt)
    ON CONFLICT (ns, key) DO UPDATE SET value = excluded.value, version = 1, expires_at = excluded.expires_at
    WHERE records.expires_at IS NOT NULL AND records.expires_at <= @now`);
  const updateRecord = db.prepare(`
    UPDATE records SET value = @value, version = version + 1, expires_at = @expiresAt
    WHERE ns = @ns AND key = @key AND version = @expected AND (expires_at IS NULL OR expires_at > @now)`);
  const deleteRecord = db.prepare('DELETE FROM records WHERE ns = ? AND key = ?');
  const insertClaim = db.prepare(`
    INSERT INTO claims (key, expires_at) VALUES (@key, @expiresAt)
    ON CONFLICT (key) DO UPDATE SET expires_at = excluded.expires_at
    WHERE claims.expires_at IS NOT NULL AND claims.expires_at <= @now`);
  const insertEntry = db.prepare('INSERT INTO logs (log, entry, at) VALUES (?, ?, ?)');
  const trimLog = db.prepare(`
    DELETE FROM logs WHERE log = @log AND id <= (
      SELECT id FROM logs WHERE log = @log ORDER BY id DESC LIMIT 1 OFFSET @cap)`);
  // Transactions run as BEGIN IMMEDIATE: they take the write lock up front, so a second process waits
  // (busy_timeout) instead of failing on a snapshot that went stale between its read and its write.
  const appendEntry = db.transaction((log: LogName, text: string, at: number) => {
    insertEntry.run(log, text, at);
    trimLog.run({ log, cap: logCap });
  });
  const selectAll = db.prepare<[string], { entry: string }>('SELECT entry FROM logs WHERE log = ? ORDER BY id');
  const selectNewest = db.prepare<[string, number], { entry: string }>(
    'SELECT entry FROM (SELECT id, entry FROM logs WHERE log = ? ORDER BY id DESC LIMIT ?) ORDER BY id',
  );
  const sweep = db.transaction((at: number) => {
    db.prepare('DELETE FROM records WHERE expires_at IS NOT NULL AND expires_at <= ?').run(at);
    db.prepare('DELETE FROM claims WHERE expires_at IS NOT NULL AND expires_at <= ?').run(at);
  });

  let closed = false;
  let writes = 0;
  const guarded = <T>(fn: () => T): Promise<T> => {
    if (closed) return Promise.reject(closedError('SQLite'));
    try {
      return Promise.resolve(fn());
    } catch (error) {
      return Promise.reject(unavailable(error));
    }
  };
  const afterWrite = () => {
    writes += 1;
    if (writes % SWEEP_EVERY_WRITES === 0) sweep.immediate(now());
  };

  return {
    kind: 'sqlite',

    get<T>(ns: RecordNamespace, key: string): Promise<Versioned<T> | null> {
      return guarded(() => {
        const at = now();
        const row = selectRecord.get(ns, key);
        if (!row) return null;
        if (row.expires_at !== null && row.expires_at <= at) {
          deleteExpiredRecord.run(ns, key, at);
          return null;
        }
        return { value: JSON.parse(row.value) as T, version: row.version };
      });
    },

    put<T>(ns: RecordNamespace, key: string, value: T, expectedVersion: number, ttlMs?: number): Promise<boolean> {
      return guarded(() => {
        const expected = checkVersion(expectedVersion);
        const ttl = checkTtl(ttlMs);
        const at = now();
        const params = { ns, key, value: encodeValue(value), expiresAt: ttl === undefined ? null : at + ttl, now: at };
        const changed = expected === 0 ? insertRecord.run(params).changes : updateRecord.run({ ...params, expected }).changes;
        if (changed === 1) afterWrite();
        return changed === 1;
      });
    },

    delete(ns: RecordNamespace, key: string): Promise<void> {
      return guarded(() => {
        deleteRecord.run(ns, key);
      });
    },

    claim(key: string, ttlMs?: number): Promise<boolean> {
      return guarded(() => {
        const ttl = checkTtl(ttlMs);
        const at = now();
        const changed = insertClaim.run({ key, expiresAt: ttl === undefined ? null : at + ttl, now: at }).changes;
        if (changed === 1) afterWrite();
        return changed === 1;
      });
    },

    append(log: LogName, entry: LogEntry): Promise<void> {
      return guarded(() => {
        appendEntry.immediate(log, encodeEntry(entry), now());
      });
    },

    read(log: LogName, limit?: number): Promise<LogEntry[]> {
      return guarded(() => {
        const max = checkLimit(limit);
        const rows = max === undefined ? selectAll.all(log) : selectNewest.all(log, max);
        return rows.map((row) => JSON.parse(row.entry) as LogEntry);
      });
    },

    async close(): Promise<void> {
      if (closed) return;
      closed = true;
      db.close();
    },
  };
}
