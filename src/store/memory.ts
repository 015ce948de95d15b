import type { LogEntry, LogName, RecordNamespace, Store, Versioned } from './types.js';
import { LOG_CAP, checkLimit, checkTtl, checkVersion, closedError, encodeEntry, encodeValue, type StoreOptions } from './shared.js';

interface StoredRecord {
  /** JSON text, so callers never share (and mutate) the stored object. */
  text: string;
  version: number;
  expiresAt: number | null;
}

/** In-process store for tests and the terminal chat; state dies with the process. */
export function createMemoryStore(opts: StoreOptions = {}): Store {
  const now = opts.now ?? Date.now;
  const logCap = opts.logCap ?? LOG_CAP;
  const records = new Map<string, StoredRecord>();
  const claims = new Map<string, number | null>();
  const logs = new Map<LogName, string[]>();
  let closed = false;

  const recordKey = (ns: RecordNamespace, key: string) => `${ns}\u0000${key}`;
  const alive = (expiresAt: number | null) => expiresAt === null || expiresAt > now();
  const ensureOpen = () => {
    if (closed) throw closedError('memory');
  };

  const live = (ns: RecordNamespace, key: string): StoredRecord | null => {
    const id = recordKey(ns, key);
    const record = records.get(id);
    if (!record) return null;
    if (alive(record.expiresAt)) return record;
    records.delete(id);
    return null;
  };

  return {
    kind: 'memory',

    async get<T>(ns: RecordNamespace, key: string): Promise<Versioned<T> | null> {
      ensureOpen();
      const record = live(ns, key);
      return record ? { value: JSON.parse(record.text) as T, version: record.version } : null;
    },

    async put<T>(ns: RecordNamespace, key: string, value: T, expectedVersion: number, ttlMs?: number): Promise<boolean> {
      ensureOpen();
      const expected = checkVersion(expectedVersion);
      const ttl = checkTtl(ttlMs);
      const text = encodeValue(value);
      const current = live(ns, key)?.version ?? 0;
      if (current !== expected) return false;
      records.set(recordKey(ns, key), { text, version: current + 1, expiresAt: ttl === undefined ? null : now() + ttl });
      return true;
    },

    async delete(ns: RecordNamespace, key: string): Promise<void> {
      ensureOpen();
      records.delete(recordKey(ns, key));
    },

    async claim(key: string, ttlMs?: number): Promise<boolean> {
      ensureOpen();
      const ttl = checkTtl(ttlMs);
      if (claims.has(key) && alive(claims.get(key) ?? null)) return false;
      claims.set(key, ttl === undefined ? null : now() + ttl);
      return true;
    },

    async append(log: LogName, entry: LogEntry): Promise<void> {
      ensureOpen();
      const text = encodeEntry(entry);
      const entries = logs.get(log) ?? [];
      entries.push(text);
      if (entries.length > logCap) entries.splice(0, entries.length - logCap);
      logs.set(log, entries);
    },

    async read(log: LogName, limit?: number): Promise<LogEntry[]> {
      ensureOpen();
      const max = checkLimit(limit);
      const entries = logs.get(log) ?? [];
      const newest = max === undefined ? entries : entries.slice(Math.max(0, entries.length - max));
      return newest.map((text) => JSON.parse(text) as LogEntry);
    },

    async ping(): Promise<void> {
      ensureOpen();
    },

    group: (work) => work(),

    async close(): Promise<void> {
      closed = true;
    },
  };
}
