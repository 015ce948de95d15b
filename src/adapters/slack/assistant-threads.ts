import type { Store } from '../../store/types.js';

/**
 * Which DM threads are assistant-panel threads. Bolt's Assistant sees every threaded DM message, but
 * only threads opened in the panel (assistant_thread_started) get the panel's status, title and a
 * dialogue of their own; any other DM thread is answered exactly as before, so a workspace without
 * the feature notices nothing.
 */
export interface AssistantThreads {
  remember(team: string, channel: string, threadTs: string): Promise<void>;
  isAssistantThread(team: string, channel: string, threadTs: string): Promise<boolean>;
  /** True only for the first question of a thread: that one names the thread. */
  firstQuestion(team: string, channel: string, threadTs: string): Promise<boolean>;
}

/** Panel threads stay in the user's history; a month covers coming back to one. */
export const ASSISTANT_THREAD_TTL_MS = 30 * 24 * 60 * 60 * 1000;

export function createAssistantThreads(store: Store, ttlMs: number = ASSISTANT_THREAD_TTL_MS): AssistantThreads {
  // Shares the 'conversation' namespace with the core and the thread memory, under its own prefix.
  const key = (team: string, channel: string, ts: string) => `slack-assistant:${team}:${channel}:${ts}`;
  return {
    async remember(team, channel, threadTs) {
      const k = key(team, channel, threadTs);
      const current = await versionOf(store, k);
      // A lost race means another instance recorded the same thread: either write is right.
      await store.put<{ started: true }>('conversation', k, { started: true }, current, ttlMs);
    },
    async isAssistantThread(team, channel, threadTs) {
      return (await store.get('conversation', key(team, channel, threadTs))) !== null;
    },
    firstQuestion: (team, channel, threadTs) => store.claim(`slack:assistant-title:${team}:${channel}:${threadTs}`, ttlMs),
  };
}

async function versionOf(store: Store, key: string): Promise<number> {
  return (await store.get('conversation', key))?.version ?? 0;
}
