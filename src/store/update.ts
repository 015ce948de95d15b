import type { RecordNamespace, Store } from './types.js';
import { CONFLICT_RETRIES, LOST_RACE, retryOnConflict } from './retry.js';

export const DEFAULT_UPDATE_RETRIES = CONFLICT_RETRIES;

export interface UpdateOptions {
  /** Passed to every put: the record expires after this much idle time. */
  ttlMs?: number;
  /** How many lost races to tolerate before giving up with store_conflict. */
  retries?: number;
  /** Called on every lost race (counted in /metrics). */
  onConflict?: () => void;
}

/**
 * Read-modify-write that never loses a concurrent update: load, apply `fn`, write back only if nobody
 * wrote in between, otherwise reload and apply `fn` again (after the shared backoff of retry.ts). `fn` may
 * therefore run several times and must be pure. Returning null deletes the record. Resolves to the value
 * that was stored (or null). The delete is not version-checked (the Store contract has no conditional
 * delete): a concurrent write that lands just before it is removed with it.
 */
export async function updateRecord<T>(
  store: Store,
  ns: RecordNamespace,
  key: string,
  fn: (current: T | null) => T | null,
  opts: UpdateOptions = {},
): Promise<T | null> {
  return retryOnConflict<T | null>(
    async () => {
      const current = await store.get<T>(ns, key);
      const next = fn(current ? current.value : null);
      if (next === null) {
        if (current) await store.delete(ns, key);
        return null;
      }
      return (await store.put(ns, key, next, current ? current.version : 0, opts.ttlMs)) ? next : LOST_RACE;
    },
    { retries: opts.retries, what: `${ns}/${key}`, onConflict: opts.onConflict },
  );
}
