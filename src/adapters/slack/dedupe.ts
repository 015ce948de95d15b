import type { Middleware, AnyMiddlewareArgs } from '@slack/bolt';
import type { Logger } from '../../log.js';
import type { Store } from '../../store/types.js';

/** Slack retries an event for up to a few minutes; an hour covers every retry with room to spare. */
export const EVENT_CLAIM_TTL_MS = 60 * 60 * 1000;

/**
 * Slack re-sends an event it thinks was not acknowledged (same `event_id`, with x-slack-retry-num).
 * Claiming the id in the shared store answers it once, also when several instances share Redis.
 */
export function dedupeEvents(store: Store, log: Logger, ttlMs: number = EVENT_CLAIM_TTL_MS, onDuplicate: () => void = () => undefined): Middleware<AnyMiddlewareArgs> {
  return async ({ body, next }) => {
    const eventId = (body as { event_id?: unknown }).event_id;
    if (typeof eventId === 'string' && eventId !== '') {
      let first = true;
      try {
        first = await store.claim(`slack:event:${eventId}`, ttlMs);
      } catch (error) {
        // Better to risk answering twice than to drop the event while the store is down.
        log.warn({ err: errorCode(error), eventId }, 'event de-dup unavailable; handling anyway');
      }
      if (!first) {
        onDuplicate();
        log.debug({ eventId }, 'duplicate Slack event skipped');
        return;
      }
    }
    await next();
  };
}

function errorCode(error: unknown): string {
  return error instanceof Error ? error.name : 'unknown';
}
