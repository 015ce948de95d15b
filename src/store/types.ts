/**
 * One small interface for all durable state, with three implementations chosen by STATE_URL:
 * memory: (tests), sqlite:<path> (embedded default), redis://host:port/db (several bot instances).
 */

export type StoreKind = 'memory' | 'sqlite' | 'redis';

/** Records are JSON values under a namespace and a key, versioned for compare-and-set. */
export type RecordNamespace = 'conversation' | 'progress';

export interface Versioned<T> {
  value: T;
  /** Starts at 1 on the first write and grows by one on every write. */
  version: number;
}

/** Append-only logs a maintainer reads back. */
export type LogName = 'unanswered' | 'feedback';

export interface LogEntry {
  [key: string]: string | number | boolean | null;
}

export interface Store {
  readonly kind: StoreKind;
  /** The record, or null when absent or expired. */
  get<T>(ns: RecordNamespace, key: string): Promise<Versioned<T> | null>;
  /**
   * Writes `value` only if the stored version equals `expectedVersion` (0 means "must not exist"),
   * and returns false otherwise so the caller can reload and retry. `ttlMs` expires the record
   * after that much idle time (no TTL when omitted). The write is durable when the promise resolves.
   */
  put<T>(ns: RecordNamespace, key: string, value: T, expectedVersion: number, ttlMs?: number): Promise<boolean>;
  delete(ns: RecordNamespace, key: string): Promise<void>;
  /** True the first time `key` is claimed (within `ttlMs` if given), false ever after: event de-duplication, welcome-once. */
  claim(key: string, ttlMs?: number): Promise<boolean>;
  append(log: LogName, entry: LogEntry): Promise<void>;
  /** Oldest first; at most `limit` newest entries when given. */
  read(log: LogName, limit?: number): Promise<LogEntry[]>;
  /** Resolves once the store answered a trivial request; rejects with store_unavailable otherwise (/readyz). */
  ping(): Promise<void>;
  /**
   * Group commit: runs `work`, whose writes become durable together when the returned promise resolves
   * (SQLite: one transaction and one fsync for many turns), or none of them when it rejects. Meant for a
   * process in which nothing else writes meanwhile, such as `batch`; memory and Redis commit every write
   * as it happens and simply run `work`.
   */
  group<T>(work: () => Promise<T>): Promise<T>;
  close(): Promise<void>;
}
