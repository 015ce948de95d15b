import type { RespondFn, webApi } from '@slack/bolt';
import type { Core, Reply } from '../../core/types.js';
import type { Logger } from '../../log.js';
import type { Store } from '../../store/types.js';
import { deliver, deliverError, slackErrorCode, type PostablePlace } from './deliver.js';
import type { SlackMessages } from './messages.js';
import { conversationIdFor, type Parsed } from './parse.js';
import { renderReply } from './render.js';
import type { ThreadMemory } from './threads.js';

/** What every listener needs; built once per app. */
export interface SlackDeps {
  core: Core;
  store: Store;
  log: Logger;
  messages: SlackMessages;
  threads: ThreadMemory;
}

/** One thing a person said or clicked, with where to answer. */
export interface Turn extends Parsed {
  team: string;
  user: string;
  respond?: RespondFn;
  /** Someone else's words this turn answers (a message shortcut), quoted above the answer. */
  quote?: string;
}

/** Core in, Block Kit out: ask the core, post its reply where it belongs, remember threads that await an answer. */
export async function converse(deps: SlackDeps, client: webApi.WebClient, turn: Turn): Promise<void> {
  const { log } = deps;
  let inbound = turn.inbound;
  let place: PostablePlace;
  if (turn.place.kind === 'home') {
    // A click in App Home has no conversation to answer in: continue in the person's DM with the bot.
    const opened = await client.conversations.open({ users: turn.user });
    const channel = opened.channel?.id;
    if (!channel) throw new Error('conversations.open returned no channel');
    place = { kind: 'dm', channel };
    if (inbound.conversationId === conversationIdFor(turn.team, turn.place)) {
      inbound = { ...inbound, conversationId: conversationIdFor(turn.team, place) };
    }
  } else {
    place = turn.place;
  }

  let reply: Reply;
  try {
    reply = await deps.core.handle(inbound);
  } catch (error) {
    log.error({ err: errorName(error), place: place.kind }, 'slack: the core failed to answer');
    await deliverError(client, place, turn.user, deps.messages, turn.respond);
    return;
  }

  const message = renderReply(reply, { messages: deps.messages, conversationId: inbound.conversationId, ...(turn.quote ? { quote: turn.quote } : {}) });
  let posted: { ts?: string };
  try {
    posted = await deliver(client, place, message, turn.respond);
  } catch (error) {
    log.error({ slackError: slackErrorCode(error) ?? errorName(error), place: place.kind }, 'slack: could not post the reply');
    await deliverError(client, place, turn.user, deps.messages, turn.respond);
    return;
  }
  log.info({ kind: reply.kind, intent: reply.intent, place: place.kind, blocks: message.blocks.length }, 'slack: replied');
  log.debug({ text: inbound.text, choiceId: inbound.choiceId }, 'slack: message handled');

  try {
    await deps.threads.note(turn.team, place, posted.ts, reply, inbound.conversationId);
  } catch (error) {
    log.warn({ err: errorName(error) }, 'slack: could not remember the thread; thread replies there need a mention');
  }
}

export function errorName(error: unknown): string {
  if (error && typeof error === 'object' && 'code' in error && typeof error.code === 'string') return error.code;
  return error instanceof Error ? error.name : 'unknown';
}
