import { setTimeout as sleep } from 'node:timers/promises';
import { RunwiseError } from '../errors.js';

/**
 * The one policy for a lost compare-and-set race, used by every read-modify-write (the turn loop and
 * updateRecord): try again after a jittered, growing pause. Without the pause, writers that collided once
 * collide again in lockstep; without the jitter they wake up together. 50 retries with the delays below
 * wait about a second in the worst case, far beyond what 4 busy writers on one conversation need.
 */
export const CONFLICT_RETRIES = 50;
const FIRST_DELAY_MS = 1;
const MAX_DELAY_MS = 25;

/** Marks an attempt that lost the race and should be retried. */
export const LOST_RACE: unique symbol = Symbol('lost race');

export interface ConflictRetryOptions {
  /** Lost races to tolerate before giving up; CONFLICT_RETRIES unless given. */
  retries?: number;
  /** What was being written, for the store_conflict message. */
  what: string;
  /** Called on every lost race, e.g. to count conflicts in /metrics. */
  onConflict?: () => void;
  /** Test seam; Math.random by default. */
  random?: () => number;
}

/** "Full jitter" exponential backoff: uniform in [0, min(cap, first * 2^attempt)]. */
export function conflictDelayMs(attempt: number, random: () => number = Math.random): number {
  return random() * Math.min(MAX_DELAY_MS, FIRST_DELAY_MS * 2 ** attempt);
}

/** Runs `attempt` until it returns something other than LOST_RACE; store_conflict after too many lost races. */
export async function retryOnConflict<T>(attempt: () => Promise<T | typeof LOST_RACE>, opts: ConflictRetryOptions): Promise<T> {
  const retries = opts.retries ?? CONFLICT_RETRIES;
  for (let n = 0; n <= retries; n += 1) {
    const result = await attempt();
    if (result !== LOST_RACE) return result;
    opts.onConflict?.();
    if (n < retries) await sleep(conflictDelayMs(n, opts.random));
  }
  throw new RunwiseError('store_conflict', `gave up writing ${opts.what} after ${retries + 1} attempts: other writers kept winning`);
}
