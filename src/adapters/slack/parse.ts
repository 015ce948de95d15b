import { assertNever, type Inbound } from '../../core/types.js';
import { unescapeText } from './mrkdwn.js';
import { ACTION_PREFIX } from './render.js';

/**
 * Slack payloads → core messages, plus where the reply goes. Pure functions over the payload fields we read
 * (a subset of Slack's shapes, so fixtures and Bolt's objects both fit).
 */

/** Where a reply is posted. */
export type Place =
  /** In a channel thread (a mention's thread, or the thread under a clicked message). */
  | { kind: 'thread'; channel: string; threadTs: string }
  /** Top level of a channel (slash command answers); the dialogue is the command user's in that channel. */
  | { kind: 'channel'; channel: string; user: string }
  /** The bot's DM with the user; `threadTs` when the user wrote in a DM thread. */
  | { kind: 'dm'; channel: string; threadTs?: string }
  /** Only the user sees it (ephemeral welcome, help, and their follow-ups). */
  | { kind: 'ephemeral'; channel: string; user: string }
  /** A click in App Home: the reply goes to the user's DM, opened on demand. */
  | { kind: 'home'; user: string };

export interface Parsed {
  inbound: Inbound;
  place: Place;
}

export interface MessageEventLike {
  type: string;
  subtype?: string;
  user?: string;
  bot_id?: string;
  text?: string;
  ts: string;
  thread_ts?: string;
  channel: string;
  channel_type?: string;
}

export interface CommandLike {
  team_id: string;
  channel_id: string;
  user_id: string;
  text: string;
}

export interface BlockActionLike {
  team?: { id: string } | null;
  user: { id: string; team_id?: string };
  container?: { type?: string; channel_id?: string; message_ts?: string; is_ephemeral?: boolean; thread_ts?: string };
  channel?: { id: string };
  message?: { ts: string; thread_ts?: string; text?: string; blocks?: unknown[] };
  actions: Array<{ action_id: string; block_id?: string; value?: string; text?: { text: string } }>;
}

export const slackUserId = (team: string, user: string): string => `slack:${team}:${user}`;

/** One dialogue per place: a channel thread, a DM, or one person's ephemeral exchange in a channel. */
export function conversationIdFor(team: string, place: Place): string {
  switch (place.kind) {
    case 'thread':
      return `slack:${team}:${place.channel}:${place.threadTs}`;
    case 'dm':
      return `slack:${team}:${place.channel}`;
    case 'ephemeral':
    case 'channel':
      return `slack:${team}:${place.channel}:u:${place.user}`;
    case 'home':
      return `slack:${team}:home:${place.user}`;
    default:
      return assertNever(place);
  }
}

const isDm = (channel: string): boolean => channel.startsWith('D');

/**
 * Slack text → what the user meant: the bot's own mention removed, other markup (`<@U1>`, `<#C1|name>`,
 * `<!here>`, `<url|label>`) reduced to readable text, entities decoded.
 */
export function cleanText(text: string, botUserId: string | undefined): string {
  const withoutBot = botUserId ? text.replace(new RegExp(`<@${botUserId}(\\|[^>]*)?>`, 'g'), ' ') : text;
  const readable = withoutBot.replace(/<([^<>]*)>/g, (_whole, inner: string) => {
    const [target = '', label] = inner.split('|', 2);
    if (target.startsWith('@')) return label ? `@${label}` : target;
    if (target.startsWith('#')) return label ? `#${label}` : target;
    if (target.startsWith('!')) return label ?? `@${target.slice(1).split('^')[0] ?? ''}`;
    return label ?? target;
  });
  return unescapeText(readable).replace(/[ \t]+/g, ' ').trim();
}

/** Edits, joins, bot posts and our own messages never reach the core, so the bot cannot loop. */
export function isFromPerson(event: MessageEventLike, botUserId: string | undefined): boolean {
  if (event.subtype !== undefined && event.subtype !== 'thread_broadcast') return false;
  if (event.bot_id !== undefined || event.user === undefined) return false;
  return event.user !== botUserId;
}

export function parseMention(event: MessageEventLike, team: string, botUserId: string | undefined): Parsed | null {
  if (!isFromPerson(event, botUserId) || event.user === undefined) return null;
  const place: Place = isDm(event.channel)
    ? { kind: 'dm', channel: event.channel, ...(event.thread_ts ? { threadTs: event.thread_ts } : {}) }
    : { kind: 'thread', channel: event.channel, threadTs: event.thread_ts ?? event.ts };
  return { place, inbound: inbound(cleanText(event.text ?? '', botUserId), team, event.user, conversationIdFor(team, place)) };
}

export type MessageParse =
  | { kind: 'dm'; parsed: Parsed }
  /** A reply in a channel thread without a mention: answered only if a dialogue is active there. */
  | { kind: 'thread'; parsed: Parsed }
  | { kind: 'ignore' };

export function parseMessage(event: MessageEventLike, team: string, botUserId: string | undefined): MessageParse {
  if (!isFromPerson(event, botUserId) || event.user === undefined) return { kind: 'ignore' };
  const text = event.text ?? '';
  if (event.channel_type === 'im' || isDm(event.channel)) {
    const place: Place = { kind: 'dm', channel: event.channel, ...(event.thread_ts ? { threadTs: event.thread_ts } : {}) };
    return { kind: 'dm', parsed: { place, inbound: inbound(cleanText(text, botUserId), team, event.user, conversationIdFor(team, place)) } };
  }
  // A mention arrives as app_mention too; answering both would answer twice.
  if (botUserId && text.includes(`<@${botUserId}`)) return { kind: 'ignore' };
  if (!event.thread_ts || event.thread_ts === event.ts) return { kind: 'ignore' };
  const place: Place = { kind: 'thread', channel: event.channel, threadTs: event.thread_ts };
  return { kind: 'thread', parsed: { place, inbound: inbound(cleanText(text, botUserId), team, event.user, conversationIdFor(team, place)) } };
}

export type CommandParse = Parsed & { visibility: 'ephemeral' | 'in_channel' };

/** `/runwise help|recommend|tour|<question>`; an empty command is help. */
export function parseCommand(body: CommandLike): CommandParse {
  const text = cleanText(body.text, undefined);
  const word = text.toLowerCase();
  const team = body.team_id;
  const dm = isDm(body.channel_id);
  const shared: Place = dm ? { kind: 'dm', channel: body.channel_id } : { kind: 'channel', channel: body.channel_id, user: body.user_id };
  const conversationId = conversationIdFor(team, shared);
  const base = (extra: Partial<Inbound>): Inbound => ({ ...inbound('', team, body.user_id, conversationId), ...extra });
  if (word === '' || word === 'help') {
    return { visibility: 'ephemeral', place: { kind: 'ephemeral', channel: body.channel_id, user: body.user_id }, inbound: base({ choiceId: 'meta:help' }) };
  }
  if (word === 'recommend') return { visibility: 'in_channel', place: shared, inbound: base({ choiceId: 'start:recommend' }) };
  if (word === 'tour') return { visibility: 'in_channel', place: shared, inbound: base({ choiceId: 'start:tour' }) };
  return { visibility: 'in_channel', place: shared, inbound: base({ text }) };
}

export interface ParsedAction extends Parsed {
  team: string;
  user: string;
  /** The clicked message, to replace its buttons; absent for App Home clicks. */
  clicked?: { channel: string; ts: string; ephemeral: boolean; blockId: string; label: string; blocks?: unknown[]; text?: string };
}

export function parseAction(body: BlockActionLike): ParsedAction | null {
  const action = body.actions[0];
  if (!action?.value) return null;
  const team = body.team?.id ?? body.user.team_id ?? '';
  const user = body.user.id;
  const channel = body.container?.channel_id ?? body.channel?.id;
  const messageTs = body.container?.message_ts ?? body.message?.ts;
  const label = action.text?.text ?? action.value;
  const blockId = action.block_id ?? '';
  let place: Place;
  if (body.container?.type === 'view' || !channel || !messageTs) place = { kind: 'home', user };
  else if (body.container?.is_ephemeral) place = { kind: 'ephemeral', channel, user };
  else if (isDm(channel)) place = { kind: 'dm', channel, ...(body.message?.thread_ts ? { threadTs: body.message.thread_ts } : {}) };
  else place = { kind: 'thread', channel, threadTs: body.message?.thread_ts ?? body.container?.thread_ts ?? messageTs };
  const carried = blockId.startsWith(`${ACTION_PREFIX}slack:${team}:`) ? blockId.slice(ACTION_PREFIX.length) : undefined;
  // App Home clicks get their DM's conversation once the DM is opened.
  const conversationId = carried ?? conversationIdFor(team, place);
  const parsed: ParsedAction = { team, user, place, inbound: { ...inbound('', team, user, conversationId), choiceId: action.value } };
  if (place.kind !== 'home' && channel && messageTs) {
    parsed.clicked = {
      channel,
      ts: messageTs,
      ephemeral: place.kind === 'ephemeral',
      blockId,
      label,
      ...(body.message?.blocks ? { blocks: body.message.blocks } : {}),
      ...(body.message?.text !== undefined ? { text: body.message.text } : {}),
    };
  }
  return parsed;
}

function inbound(text: string, team: string, user: string, conversationId: string): Inbound {
  return { text, conversationId, userId: slackUserId(team, user), platform: 'slack' };
}
