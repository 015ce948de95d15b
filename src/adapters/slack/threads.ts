import { assertNever, type Reply } from '../../core/types.js';
import type { Store } from '../../store/types.js';
import type { Place } from './parse.js';

/**
 * Which channel threads hold a dialogue waiting for an answer, and whose. A thread reply without a mention
 * is answered only there, so the bot stays quiet in threads where people talk among themselves.
 */
export interface ThreadMemory {
  /** Records (or clears) the thread the reply was posted in; `postedTs` is the new message's ts. */
  note(team: string, place: Place, postedTs: string | undefined, reply: Reply, conversationId: string): Promise<void>;
  /** The conversation waiting for an answer in this thread, if any. */
  lookup(team: string, channel: string, threadTs: string): Promise<string | null>;
}

interface ThreadRecord {
  conversationId: string;
}

/** True when the reply asks the user something they may answer by typing. */
export function awaitsAnswer(reply: Reply): boolean {
  switch (reply.kind) {
    case 'question':
    case 'clarify':
      return true;
    case 'answer':
    case 'verdict':
    case 'fallback':
    case 'notice':
      return false;
    default:
      return assertNever(reply);
  }
}

export function createThreadMemory(store: Store, ttlMs: number): ThreadMemory {
  // Shares the 'conversation' namespace with the core under its own key prefix.
  const key = (team: string, channel: string, ts: string) => `slack-thread:${team}:${channel}:${ts}`;
  return {
    async note(team, place, postedTs, reply, conversationId) {
      const root = place.kind === 'thread' ? place.threadTs : place.kind === 'channel' ? postedTs : undefined;
      if (!root || (place.kind !== 'thread' && place.kind !== 'channel')) return;
      const k = key(team, place.channel, root);
      if (!awaitsAnswer(reply)) {
        await store.delete('conversation', k);
        return;
      }
      const current = await store.get<ThreadRecord>('conversation', k);
      // A lost race means another instance just wrote the same thread; either record is right.
      await store.put<ThreadRecord>('conversation', k, { conversationId }, current?.version ?? 0, ttlMs);
    },
    async lookup(team, channel, threadTs) {
      const record = await store.get<ThreadRecord>('conversation', key(team, channel, threadTs));
      return record?.value.conversationId ?? null;
    },
  };
}
