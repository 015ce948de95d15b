import type { App } from '@slack/bolt';
import { converse, errorName, type SlackDeps } from './conversation.js';
import { markChosen } from './deliver.js';
import { parseAction, parseCommand, parseMention, parseMessage, type BlockActionLike, type MessageEventLike } from './parse.js';
import { ACTION_ID_PATTERN } from './render.js';

export const COMMAND = '/runwise';

/** A clicked set of buttons counts once, whoever clicks and however fast (claims outlive any Slack retry). */
const CLICK_CLAIM_TTL_MS = 7 * 24 * 60 * 60 * 1000;

/** Mentions, DMs, thread replies, the slash command and button clicks. */
export function registerListeners(app: App, deps: SlackDeps): void {
  app.event('app_mention', async ({ event, body, client, context }) => {
    const parsed = parseMention(event as unknown as MessageEventLike, body.team_id, context.botUserId);
    if (!parsed || !event.user) return;
    // A mention inside a thread whose dialogue began elsewhere (a /runwise answer) continues that dialogue.
    const waiting =
      parsed.place.kind === 'thread' && event.thread_ts ? await deps.threads.lookup(body.team_id, parsed.place.channel, parsed.place.threadTs) : null;
    const inbound = waiting ? { ...parsed.inbound, conversationId: waiting } : parsed.inbound;
    await converse(deps, client, { ...parsed, inbound, team: body.team_id, user: event.user });
  });

  app.event('message', async ({ event, body, client, context }) => {
    const message = event as unknown as MessageEventLike;
    const result = parseMessage(message, body.team_id, context.botUserId);
    if (result.kind === 'ignore' || !message.user) return;
    const turn = { ...result.parsed, team: body.team_id, user: message.user };
    if (result.kind === 'dm') {
      await converse(deps, client, turn);
      return;
    }
    const place = result.parsed.place;
    if (place.kind !== 'thread') return;
    const conversationId = await deps.threads.lookup(body.team_id, place.channel, place.threadTs);
    if (!conversationId) return;
    await converse(deps, client, { ...turn, inbound: { ...turn.inbound, conversationId } });
  });

  app.command(COMMAND, async ({ ack, command, client, respond }) => {
    // Slack gives a command three seconds; the answer follows as its own message.
    await ack();
    const parsed = parseCommand(command);
    await converse(deps, client, { ...parsed, team: command.team_id, user: command.user_id, respond });
  });

  app.action(ACTION_ID_PATTERN, async ({ ack, body, client, respond }) => {
    await ack();
    const parsed = parseAction(body as unknown as BlockActionLike);
    if (!parsed) return;
    const { team } = parsed;
    // Bolt's types promise respond(), but there is none without a response_url (App Home clicks).
    const reply = (body as { response_url?: string }).response_url ? { respond } : {};
    if (parsed.clicked) {
      const { channel, ts, blockId } = parsed.clicked;
      if (!(await deps.store.claim(`slack:click:${team}:${channel}:${ts}:${blockId}`, CLICK_CLAIM_TTL_MS))) {
        deps.log.debug('slack: second click on used buttons ignored');
        return;
      }
      try {
        await markChosen(client, parsed.clicked, deps.messages, reply.respond);
      } catch (error) {
        deps.log.warn({ err: errorName(error) }, 'slack: could not mark the chosen button');
      }
    }
    await converse(deps, client, { ...parsed, ...reply });
  });
}
