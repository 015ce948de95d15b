import type { App } from '@slack/bolt';
import { assertNever } from '../../core/types.js';
import { converse, type SlackDeps } from './conversation.js';
import type { SlackMessages } from './messages.js';
import { escapeText } from './mrkdwn.js';
import { cleanText, conversationIdFor, slackUserId, type Parsed, type Place } from './parse.js';

/** The callback id of the "Ask runwise" message shortcut in slack/manifest.yml. */
export const SHORTCUT_CALLBACK_ID = 'ask_runwise';

/** The fields of a message_action payload we read (Bolt's MessageShortcut and the fixtures both fit). */
export interface MessageShortcutLike {
  team: { id: string } | null;
  user: { id: string; team_id?: string };
  channel: { id: string };
  message: { ts: string; thread_ts?: string; text?: string };
}

export type ShortcutReply = SlackMessages['shortcut']['reply'];

export type ShortcutParse =
  /** `question` is the message's text as the person meant it; the renderer escapes it where it is quoted. */
  | (Parsed & { kind: 'ask'; team: string; user: string; question: string })
  /** A file or an image alone: nothing to answer. */
  | { kind: 'empty' };

/** A message shortcut → the question and where its answer goes, by the configured reply mode. */
export function parseShortcut(body: MessageShortcutLike, reply: ShortcutReply): ShortcutParse {
  const question = cleanText(body.message.text ?? '', undefined);
  if (question === '') return { kind: 'empty' };
  const team = body.team?.id ?? body.user.team_id ?? '';
  const user = body.user.id;
  const channel = body.channel.id;
  const place = placeFor(reply, channel, user, body.message.thread_ts ?? body.message.ts);
  // In a thread the dialogue is the thread's, so a recommendation started here continues with typed answers.
  const inbound = { text: question, conversationId: conversationIdFor(team, place), userId: slackUserId(team, user), platform: 'slack' as const };
  return { kind: 'ask', team, user, question, place, inbound };
}

function placeFor(reply: ShortcutReply, channel: string, user: string, threadTs: string): Place {
  switch (reply) {
    case 'thread':
      return { kind: 'thread', channel, threadTs };
    case 'ephemeral':
      return { kind: 'ephemeral', channel, user };
    case 'dm':
      // Opened on demand, like an App Home click.
      return { kind: 'home', user };
    default:
      return assertNever(reply);
  }
}

/**
 * "Ask runwise" on any message: that message's text is the question. By default the answer goes in the
 * message's thread for everyone; where the bot cannot post, only the person who asked sees it.
 */
export function registerShortcut(app: App, deps: SlackDeps): void {
  app.shortcut({ callback_id: SHORTCUT_CALLBACK_ID, type: 'message_action' }, async ({ shortcut, ack, client, respond }) => {
    await ack();
    const parsed = parseShortcut(shortcut as unknown as MessageShortcutLike, deps.messages.shortcut.reply);
    switch (parsed.kind) {
      case 'empty':
        await respond({ response_type: 'ephemeral', replace_original: false, text: escapeText(deps.messages.shortcut.empty) });
        return;
      case 'ask':
        await converse(deps, client, { ...parsed, quote: parsed.question, respond });
        return;
      default:
        assertNever(parsed);
    }
  });
}
