import { setTimeout as sleep } from 'node:timers/promises';
import { RunwiseError } from '../errors.js';
import type { RecordNamespace, Store } from './types.js';

export const DEFAULT_UPDATE_RETRIES = 50;

export interface UpdateOptions {
  /** Passed to every put: the record expires after this much idle time. */
  ttlMs?: number;
  /** How many lost races to tolerate before giving up with store_conflict. */
  retries?: number;
}

/**
 * Read-modify-write that never loses a concurrent update: load, apply `fn`, write back only if nobody
 * wrote in between, otherwise reload and apply `fn` again. `fn` may therefore run several times and must
 * be pure. Returning null deletes the record. Resolves to the value that was stored (or null).
 * The delete is not version-checked (the Store contract has no conditional delete): a concurrent write
 * that lands just before it is removed with it.
 */
export async function updateRecord<T>(
  store: Store,
  ns: RecordNamespace,
  key: string,
  fn: (current: T | null) => T | null,
  opts: UpdateOptions = {},
): Promise<T | null> {
  const retries = opts.retries ?? DEFAULT_UPDATE_RETRIES;
  for (let attempt = 0; attempt <= retries; attempt += 1) {
    const current = await store.get<T>(ns, key);
    const next = fn(current ? current.value : null);
    if (next === null) {
      if (current) await store.delete(ns, key);
      return null;
    }
    if (await store.put(ns, key, next, current ? current.version : 0, opts.ttlMs)) return next;
    // Lost a race: back off a little, with jitter, so competing instances stop colliding in lockstep.
    await sleep(Math.random() * Math.min(2 ** attempt, 25));
  }
  throw new RunwiseError('store_conflict', `gave up updating ${ns}/${key} after ${retries + 1} attempts: other writers kept winning`);
}
