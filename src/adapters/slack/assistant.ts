import { Assistant, type App, type AssistantConfig } from '@slack/bolt';
import { createAssistantThreads } from './assistant-threads.js';
import { converse, errorName, type SlackDeps } from './conversation.js';
import { slackErrorCode } from './deliver.js';
import { conversationIdFor, parseMessage, slackUserId, type MessageEventLike, type Place } from './parse.js';

/** Slack shows about this much of a thread title in the panel's history. */
export const TITLE_MAX = 60;

/**
 * runwise answers the same whichever channel the user is looking at, so the channel context the panel
 * reports is not kept: Bolt's default store would cost a conversations.replies and a chat.update per change.
 */
const NO_THREAD_CONTEXT: NonNullable<AssistantConfig['threadContextStore']> = {
  get: async () => ({}),
  save: async () => undefined,
};

/**
 * The assistant panel through Bolt's Assistant: a new thread gets the welcome and four suggested prompts;
 * a message there is a DM turn with a status while it is answered, and the first question names the thread.
 * Threads not opened in the panel are answered exactly like any DM thread.
 */
export function registerAssistant(app: App, deps: SlackDeps): void {
  const threads = createAssistantThreads(deps.store);
  const words = deps.messages.assistant;
  const conversationId = (team: string, channel: string, threadTs: string) =>
    // One dialogue per panel thread, like a channel thread: a new chat starts afresh.
    conversationIdFor(team, { kind: 'thread', channel, threadTs });

  app.assistant(
    new Assistant({
      threadContextStore: NO_THREAD_CONTEXT,
      threadStarted: async ({ event, body, client, setSuggestedPrompts }) => {
        const { channel_id: channel, thread_ts: threadTs, user_id: user } = event.assistant_thread;
        const team = body.team_id;
        await threads.remember(team, channel, threadTs);
        const place: Place = { kind: 'dm', channel, threadTs };
        const inbound = { text: '', choiceId: 'meta:welcome', conversationId: conversationId(team, channel, threadTs), userId: slackUserId(team, user), platform: 'slack' as const };
        await converse(deps, client, { place, inbound, team, user });
        await quietly(deps, 'set the suggested prompts', () => setSuggestedPrompts({ title: words.promptsTitle, prompts: words.prompts }));
      },
      userMessage: async ({ message, body, client, context, setStatus, setTitle }) => {
        const event = message as unknown as MessageEventLike;
        const parsed = parseMessage(event, body.team_id, context.botUserId);
        if (parsed.kind !== 'dm' || !event.user) return;
        const team = body.team_id;
        const turn = { ...parsed.parsed, team, user: event.user };
        const threadTs = event.thread_ts;
        if (!threadTs || !(await threads.isAssistantThread(team, event.channel, threadTs))) {
          await converse(deps, client, turn);
          return;
        }
        // Posting the reply clears the status; Slack drops it by itself after two minutes otherwise.
        await quietly(deps, 'set the status', () => setStatus(words.status));
        const text = turn.inbound.text;
        if (text !== '' && (await threads.firstQuestion(team, event.channel, threadTs))) {
          await quietly(deps, 'set the title', () => setTitle(shortTitle(text)));
        }
        await converse(deps, client, { ...turn, inbound: { ...turn.inbound, conversationId: conversationId(team, event.channel, threadTs) } });
      },
    }),
  );
}

/** The panel's extras are nice to have: when Slack refuses one (feature off, scope missing) the answer still goes out. */
async function quietly(deps: SlackDeps, what: string, call: () => Promise<unknown>): Promise<void> {
  try {
    await call();
  } catch (error) {
    deps.log.warn({ slackError: slackErrorCode(error) ?? errorName(error) }, `slack: could not ${what} in the assistant thread`);
  }
}

/** The first question as a one-line title of at most TITLE_MAX characters, cut at a word where it can be. */
export function shortTitle(text: string, max: number = TITLE_MAX): string {
  const line = text.replace(/\s+/g, ' ').trim();
  if (line.length <= max) return line;
  const head = line.slice(0, max - 1);
  const space = head.lastIndexOf(' ');
  return `${(space > max / 2 ? head.slice(0, space) : head).trimEnd()}…`;
}
