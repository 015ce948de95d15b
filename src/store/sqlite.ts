import { setTimeout as sleep } from 'node:timers/promises';
import type Database from 'better-sqlite3';
import { RunwiseError } from '../errors.js';
import type { LogEntry, LogName, RecordNamespace, Store, Versioned } from './types.js';
import { LOG_CAP, checkLimit, checkTtl, checkVersion, closedError, encodeEntry, encodeValue, type StoreOptions } from './shared.js';
import { openDatabase } from './sqlite-open.js';
import { prepareStatements } from './sqlite-statements.js';

/** Expired rows are invisible at once; sweeping them from disk can wait for this many writes. */
const SWEEP_EVERY_WRITES = 200;
/**
 * Logs are trimmed to their cap every this many appends: the trim walks `cap` index entries (~0.6 ms at
 * 10,000), too much for every batch line. Reads never return more than the cap meanwhile.
 */
const TRIM_EVERY_APPENDS = 1_000;
/** How long an operation keeps retrying while another process holds the write lock, as busy_timeout did. */
export const BUSY_WAIT_MS = 5_000;
const BUSY_MAX_DELAY_MS = 50;

const isBusy = (error: unknown) => String((error as { code?: unknown } | null)?.code ?? '').startsWith('SQLITE_BUSY');

/**
 * Embedded durable store in one SQLite file; safe to share between processes on one machine.
 * better-sqlite3 is synchronous, so it never waits for a lock inside SQLite (busy_timeout is 0 once open):
 * a busy database is retried here after an asynchronous, jittered pause, and the event loop keeps serving.
 */
export function createSqliteStore(path: string, opts: StoreOptions & { busyWaitMs?: number } = {}): Store {
  const now = opts.now ?? Date.now;
  const logCap = opts.logCap ?? LOG_CAP;
  const busyWaitMs = opts.busyWaitMs ?? BUSY_WAIT_MS;
  const db: Database.Database = openDatabase(path);
  const sql = prepareStatements(db);
  const unavailable = (error: unknown) =>
    error instanceof RunwiseError
      ? error
      : new RunwiseError('store_unavailable', `SQLite state file ${path}: ${error instanceof Error ? error.message : String(error)}`, { cause: error });

  let closed = false;
  let writes = 0;
  let appends = 0;
  let grouped = false;

  /** Runs a synchronous step, retrying it while the database is locked by someone else. */
  const run = async <T>(step: () => T): Promise<T> => {
    const deadline = performance.now() + busyWaitMs;
    for (let attempt = 0; ; attempt += 1) {
      if (closed) throw closedError('SQLite');
      try {
        return step();
      } catch (error) {
        if (!isBusy(error) || performance.now() >= deadline) throw unavailable(error);
      }
      await sleep(Math.min(BUSY_MAX_DELAY_MS, 2 ** attempt) * (0.5 + Math.random() / 2));
    }
  };
  // Housekeeping after a write that already committed: if it meets a busy database it waits for a later
  // turn, because retrying the whole step would repeat the write.
  const housekeeping = (task: () => void) => {
    try {
      task();
    } catch (error) {
      if (!isBusy(error)) throw error;
    }
  };
  const afterWrite = () => {
    writes += 1;
    if (writes % SWEEP_EVERY_WRITES === 0) housekeeping(() => sql.sweep.immediate(now()));
  };

  return {
    kind: 'sqlite',

    get<T>(ns: RecordNamespace, key: string): Promise<Versioned<T> | null> {
      return run(() => {
        const at = now();
        const row = sql.selectRecord.get(ns, key);
        if (!row) return null;
        if (row.expires_at !== null && row.expires_at <= at) {
          sql.deleteExpiredRecord.run(ns, key, at);
          return null;
        }
        return { value: JSON.parse(row.value) as T, version: row.version };
      });
    },

    put<T>(ns: RecordNamespace, key: string, value: T, expectedVersion: number, ttlMs?: number): Promise<boolean> {
      return run(() => {
        const expected = checkVersion(expectedVersion);
        const ttl = checkTtl(ttlMs);
        const text = encodeValue(value);
        const at = now();
        const params = { ns, key, value: text, expiresAt: ttl === undefined ? null : at + ttl, now: at };
        const changed = expected === 0 ? sql.insertRecord.run(params).changes : sql.updateRecord.run({ ...params, expected }).changes;
        if (changed === 1) afterWrite();
        return changed === 1;
      });
    },

    delete(ns: RecordNamespace, key: string): Promise<void> {
      return run(() => {
        sql.deleteRecord.run(ns, key);
      });
    },

    claim(key: string, ttlMs?: number): Promise<boolean> {
      return run(() => {
        const ttl = checkTtl(ttlMs);
        const at = now();
        const changed = sql.insertClaim.run({ key, expiresAt: ttl === undefined ? null : at + ttl, now: at }).changes;
        if (changed === 1) afterWrite();
        return changed === 1;
      });
    },

    append(log: LogName, entry: LogEntry): Promise<void> {
      return run(() => {
        sql.insertEntry.run(log, encodeEntry(entry), now());
        appends += 1;
        if (appends % TRIM_EVERY_APPENDS === 0) housekeeping(() => sql.trimLog.run({ log, cap: logCap }));
      });
    },

    read(log: LogName, limit?: number): Promise<LogEntry[]> {
      return run(() => {
        const max = Math.min(checkLimit(limit) ?? logCap, logCap);
        return sql.selectNewest.all(log, max).map((row) => JSON.parse(row.entry) as LogEntry);
      });
    },

    ping(): Promise<void> {
      return run(() => {
        sql.ping.get();
      });
    },

    async group<T>(work: () => Promise<T>): Promise<T> {
      // Nested groups join the outer one: there is one connection, hence one transaction.
      if (grouped) return work();
      // BEGIN IMMEDIATE takes the write lock up front, so nothing inside the group can meet a busy database.
      await run(() => db.exec('BEGIN IMMEDIATE'));
      grouped = true;
      try {
        const result = await work();
        await run(() => db.exec('COMMIT'));
        return result;
      } catch (error) {
        if (db.open && db.inTransaction) db.exec('ROLLBACK');
        throw error;
      } finally {
        grouped = false;
      }
    },

    async close(): Promise<void> {
      if (closed) return;
      closed = true;
      if (db.inTransaction) db.exec('ROLLBACK');
      db.close();
    },
  };
}
