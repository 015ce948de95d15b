import { RunwiseError } from '../errors.js';
import { createMemoryStore } from './memory.js';
import type { StoreOptions } from './shared.js';
import type { Store } from './types.js';

export type { Store, StoreKind, RecordNamespace, Versioned, LogName, LogEntry } from './types.js';
export { createMemoryStore } from './memory.js';
export { createKeyedMutex, type KeyedMutex } from './lock.js';
export { LOG_CAP, type StoreOptions } from './shared.js';
export { updateRecord, DEFAULT_UPDATE_RETRIES, type UpdateOptions } from './update.js';

/** The SQLite path in `sqlite:<path>`; `sqlite:///abs/file.db` is accepted as the URL form of an absolute path. */
export function sqlitePathOf(stateUrl: string): string {
  const rest = stateUrl.slice('sqlite:'.length);
  return rest.startsWith('///') ? rest.slice(2) : rest;
}

/**
 * Opens the store named by STATE_URL: memory:, sqlite:<path>, redis://… or rediss://…
 * The SQLite and Redis drivers load only when chosen: each adds tens of milliseconds to start-up.
 */
export async function createStore(stateUrl: string, opts: StoreOptions = {}): Promise<Store> {
  if (stateUrl === 'memory:') return createMemoryStore(opts);
  if (stateUrl.startsWith('sqlite:') && sqlitePathOf(stateUrl).length > 0) return (await import('./sqlite.js')).createSqliteStore(sqlitePathOf(stateUrl), opts);
  if (/^rediss?:\/\/./.test(stateUrl)) return (await import('./redis.js')).createRedisStore(stateUrl, opts);
  throw new RunwiseError(
    'config_invalid',
    'STATE_URL: use memory:, sqlite:<path> (e.g. sqlite:./runwise.db) or redis://host:port/db',
  );
}
