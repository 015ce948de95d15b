import type { Core } from '../../core/types.js';
import { toRunwiseError } from '../../errors.js';
import type { Logger } from '../../log.js';
import type { Store } from '../../store/types.js';
import type { DiscordWords } from './words.js';

/** What every Discord event handler needs; all state lives in the store, none in the process. */
export interface HandlerContext {
  core: Core;
  store: Store;
  log: Logger;
  words: DiscordWords;
}

/** Event ids are unique, but Discord may deliver one twice (gateway resume, several bot instances). */
export const DEDUP_TTL_MS = 24 * 60 * 60 * 1000;

/** Logs a failure by code and message only: never message text, tokens or stack traces to users. */
export function logFailure(log: Logger, what: string, error: unknown): void {
  const e = toRunwiseError(error);
  log.error({ code: e.code, err: { message: e.message, name: e.name } }, `discord: ${what} failed`);
}
