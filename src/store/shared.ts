import { RunwiseError } from '../errors.js';
import type { LogEntry } from './types.js';

/** Logs keep only their newest entries so a busy bot cannot grow them without bound. */
export const LOG_CAP = 10_000;

export type Clock = () => number;

export interface StoreOptions {
  /** Clock for TTLs (memory and SQLite; Redis expires on the server's own clock). */
  now?: Clock;
  /** How many newest entries each log keeps; LOG_CAP unless given (tests use a small one). */
  logCap?: number;
}

/** Serialises a record value; every backend stores JSON text so all three behave alike. */
export function encodeValue(value: unknown): string {
  let text: string | undefined;
  try {
    text = JSON.stringify(value);
  } catch (error) {
    throw new RunwiseError('input_invalid', 'store values must be JSON-serialisable', { cause: error });
  }
  if (text === undefined) throw new RunwiseError('input_invalid', 'store values must be JSON-serialisable (got undefined or a function)');
  return text;
}

export function encodeEntry(entry: LogEntry): string {
  return encodeValue(entry);
}

/** Undefined means "no TTL"; anything else must be a positive number of milliseconds (rounded up). */
export function checkTtl(ttlMs: number | undefined): number | undefined {
  if (ttlMs === undefined) return undefined;
  if (!Number.isFinite(ttlMs) || ttlMs <= 0) {
    throw new RunwiseError('input_invalid', `ttlMs must be a positive number of milliseconds, got ${String(ttlMs)}`);
  }
  return Math.ceil(ttlMs);
}

export function checkVersion(expectedVersion: number): number {
  if (!Number.isSafeInteger(expectedVersion) || expectedVersion < 0) {
    throw new RunwiseError('input_invalid', `expectedVersion must be an integer >= 0, got ${String(expectedVersion)}`);
  }
  return expectedVersion;
}

/** Undefined means "everything"; otherwise a whole number of newest entries (0 gives none). */
export function checkLimit(limit: number | undefined): number | undefined {
  if (limit === undefined) return undefined;
  if (!Number.isFinite(limit) || limit < 0) {
    throw new RunwiseError('input_invalid', `limit must be a number >= 0, got ${String(limit)}`);
  }
  return Math.floor(limit);
}

export function closedError(where: string): RunwiseError {
  return new RunwiseError('store_unavailable', `the ${where} store is closed`);
}
