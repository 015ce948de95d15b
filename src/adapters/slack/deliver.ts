import type { RespondFn, types, webApi } from '@slack/bolt';
import { assertNever } from '../../core/types.js';
import type { SlackMessages } from './messages.js';
import { escapeText } from './mrkdwn.js';
import type { ParsedAction, Place } from './parse.js';
import { chosenBlock, renderChosen, type SlackMessage } from './render.js';

type WebClient = webApi.WebClient;
export type PostablePlace = Exclude<Place, { kind: 'home' }>;

// Nothing we post is parsed for mentions or unfurled: replies stay exactly what the core said.
const SAFE = { unfurl_links: false, unfurl_media: false, link_names: false, parse: 'none' } as const;

/** Slack errors after which the response_url still reaches the user (the bot is not in that conversation). */
const RESPOND_INSTEAD = new Set(['not_in_channel', 'channel_not_found', 'is_archived', 'restricted_action', 'user_not_in_channel']);

export function slackErrorCode(error: unknown): string | undefined {
  const data = (error as { data?: { error?: unknown } } | undefined)?.data;
  return typeof data?.error === 'string' ? data.error : undefined;
}

/** Posts a rendered reply where it belongs; returns the new message's ts when Slack gives one. */
export async function deliver(client: WebClient, place: PostablePlace, message: SlackMessage, respond?: RespondFn): Promise<{ ts?: string }> {
  const { text, blocks } = message;
  switch (place.kind) {
    case 'thread':
      try {
        const posted = await client.chat.postMessage({ channel: place.channel, thread_ts: place.threadTs, text, blocks, ...SAFE });
        return posted.ts ? { ts: posted.ts } : {};
      } catch (error) {
        // A message shortcut in a conversation the bot is not in: the person who asked still gets the answer.
        if (!respond || !RESPOND_INSTEAD.has(slackErrorCode(error) ?? '')) throw error;
        await respond({ response_type: 'ephemeral', replace_original: false, text, blocks });
        return {};
      }
    case 'dm': {
      const thread = place.threadTs ? { thread_ts: place.threadTs } : {};
      const posted = await client.chat.postMessage({ channel: place.channel, text, blocks, ...thread, ...SAFE });
      return posted.ts ? { ts: posted.ts } : {};
    }
    case 'channel':
      try {
        const posted = await client.chat.postMessage({ channel: place.channel, text, blocks, ...SAFE });
        return posted.ts ? { ts: posted.ts } : {};
      } catch (error) {
        if (!respond || !RESPOND_INSTEAD.has(slackErrorCode(error) ?? '')) throw error;
        await respond({ response_type: 'in_channel', replace_original: false, text, blocks });
        return {};
      }
    case 'ephemeral':
      try {
        await client.chat.postEphemeral({ channel: place.channel, user: place.user, text, blocks, ...SAFE });
        return {};
      } catch (error) {
        if (!respond || !RESPOND_INSTEAD.has(slackErrorCode(error) ?? '')) throw error;
        await respond({ response_type: 'ephemeral', replace_original: false, text, blocks });
        return {};
      }
    default:
      return assertNever(place);
  }
}

/** A polite, private "something went wrong": never a stack trace, never in front of the whole channel. */
export async function deliverError(
  client: WebClient,
  place: PostablePlace,
  user: string,
  messages: SlackMessages,
  respond?: RespondFn,
): Promise<void> {
  const text = escapeText(messages.error);
  const message: SlackMessage = { text, blocks: [{ type: 'section', text: { type: 'mrkdwn', text, verbatim: true } }] };
  const privately: PostablePlace =
    place.kind === 'dm' || place.kind === 'ephemeral' ? place : { kind: 'ephemeral', channel: place.channel, user };
  try {
    if (privately.kind === 'ephemeral' && place.kind === 'thread') {
      await client.chat.postEphemeral({ channel: place.channel, user, thread_ts: place.threadTs, text, blocks: message.blocks, ...SAFE });
    } else {
      await deliver(client, privately, message, respond);
    }
  } catch {
    if (respond) await respond({ response_type: 'ephemeral', replace_original: false, text }).catch(() => undefined);
  }
}

/** Replaces the clicked buttons with "✓ <label>" so they cannot be clicked twice. */
export async function markChosen(
  client: WebClient,
  clicked: NonNullable<ParsedAction['clicked']>,
  messages: SlackMessages,
  respond?: RespondFn,
): Promise<void> {
  const done = chosenBlock(clicked.label, messages);
  const blocks = clicked.blocks ? renderChosen(clicked.blocks as types.KnownBlock[], clicked.blockId, clicked.label, messages) : [done];
  const text = clicked.text || (done.type === 'context' && done.elements[0]?.type === 'mrkdwn' ? done.elements[0].text : '');
  if (clicked.ephemeral) {
    // Ephemeral messages cannot be edited through the Web API, only through their response_url.
    if (respond) await respond({ replace_original: true, text, blocks });
    return;
  }
  await client.chat.update({ channel: clicked.channel, ts: clicked.ts, text, blocks });
}
