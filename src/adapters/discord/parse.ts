import { assertNever, type Inbound } from '../../core/types.js';
import { fromCustomId } from './render.js';

/**
 * The core rejects long questions itself (with a polite reply); clipping first only spares it from
 * reading tens of kilobytes. Anything this long is already over the core's limit.
 */
export const MAX_INBOUND_TEXT = 4096;

/** Where something happened: enough to rebuild the conversation id on every event, with no memory. */
export interface Place {
  guildId: string | null;
  channelId: string;
  userId: string;
  /** A DM or group DM without the bot (runwise installed to the user's account): several people, none of them the bot. */
  otherDm?: boolean;
}

/** What the adapter needs from a Discord message, independent of discord.js classes. */
export interface MessageFacts extends Place {
  messageId: string;
  authorIsBot: boolean;
  /** Join notices, pins and the like: not something a person said. */
  isSystem: boolean;
  content: string;
  mentionedUserIds: readonly string[];
  /** The author of the message this one replies to, if any. */
  repliedToUserId: string | null;
}

/**
 * One dialogue per DM with the bot; in a server, and in other people's DMs (user install), one per person
 * per channel so two people never share a dialogue.
 */
export function conversationIdFor(place: Place): string {
  if (place.otherDm) return `discord:other-dm:${place.channelId}:${place.userId}`;
  return place.guildId === null
    ? `discord:dm:${place.channelId}`
    : `discord:${place.guildId}:${place.channelId}:${place.userId}`;
}

export function userIdFor(discordUserId: string): string {
  return `discord:${discordUserId}`;
}

/** Removes `<@id>` / `<@!id>` mentions of the bot, wherever they are in the text. */
export function stripBotMention(text: string, botId: string): string {
  return text.replace(new RegExp(`<@!?${botId}>`, 'g'), ' ').replace(/[ \t]+/g, ' ').trim();
}

/**
 * A message the bot should answer, as core input; null when it is not for us: our own or another
 * bot's message, a system message, a server message that neither mentions the bot nor replies to it,
 * or one whose content we cannot read.
 * An @everyone / @here or a role mention alone does not count as addressing the bot.
 */
export function parseMessage(m: MessageFacts, botId: string): Inbound | null {
  if (m.authorIsBot || m.userId === botId || m.isSystem) return null;
  // Empty content is content we were not given (no Message Content intent) or an attachment alone.
  if (m.content.trim().length === 0) return null;
  const addressed = m.guildId === null || m.mentionedUserIds.includes(botId) || m.repliedToUserId === botId;
  if (!addressed) return null;
  const text = stripBotMention(m.content, botId).slice(0, MAX_INBOUND_TEXT);
  return { text, conversationId: conversationIdFor(m), userId: userIdFor(m.userId), platform: 'discord' };
}

/** The `/runwise` subcommands; the choice ids are the core's entry points (see the adapter contract). */
export type Subcommand = 'ask' | 'recommend' | 'tour' | 'help';

export function isSubcommand(name: string | null): name is Subcommand {
  return name === 'ask' || name === 'recommend' || name === 'tour' || name === 'help';
}

export function parseCommand(subcommand: Subcommand, question: string | null, place: Place): Inbound {
  const base = { conversationId: conversationIdFor(place), userId: userIdFor(place.userId), platform: 'discord' as const };
  switch (subcommand) {
    case 'ask':
      return { ...base, text: (question ?? '').trim().slice(0, MAX_INBOUND_TEXT) };
    case 'recommend':
      return { ...base, text: '', choiceId: 'start:recommend' };
    case 'tour':
      return { ...base, text: '', choiceId: 'start:tour' };
    case 'help':
      return { ...base, text: '', choiceId: 'meta:help' };
    default:
      return assertNever(subcommand);
  }
}

/**
 * "Ask runwise" on a message: its text is the question (Discord includes it in the interaction even without
 * the Message Content intent). Null when there is no text: an image or a file alone.
 */
export function parseAsk(content: string, place: Place, botId: string): Inbound | null {
  const text = stripBotMention(content, botId).slice(0, MAX_INBOUND_TEXT);
  if (text === '') return null;
  return { text, conversationId: conversationIdFor(place), userId: userIdFor(place.userId), platform: 'discord' };
}

/** A click on one of our buttons as core input; null for components that are not ours. */
export function parseButton(customId: string, place: Place): Inbound | null {
  const choiceId = fromCustomId(customId);
  if (choiceId === null) return null;
  return {
    text: '',
    choiceId,
    conversationId: conversationIdFor(place),
    userId: userIdFor(place.userId),
    platform: 'discord',
  };
}

/** The welcome for a member who just joined, in the configured channel. */
export function parseWelcome(place: Place): Inbound {
  return {
    text: '',
    choiceId: 'meta:welcome',
    conversationId: conversationIdFor(place),
    userId: userIdFor(place.userId),
    platform: 'discord',
  };
}

/**
 * Whether clicking a button should lock the message: yes when the clicker owns it (it answered
 * them) or the owner is unknown; a bystander's click runs in their own conversation and leaves
 * the owner's buttons usable.
 */
export function clickLocksMessage(ownerId: string | null, clickerId: string): boolean {
  return ownerId === null || ownerId === clickerId;
}
