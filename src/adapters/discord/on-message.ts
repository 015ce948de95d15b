import type { Message } from 'discord.js';
import type { Reply } from '../../core/types.js';
import { DEDUP_TTL_MS, logFailure, type HandlerContext } from './context.js';
import { parseMessage, type MessageFacts } from './parse.js';
import { NO_MENTIONS, renderReply, type DiscordMessage } from './render.js';

export function messageFacts(message: Message): MessageFacts {
  return {
    messageId: message.id,
    guildId: message.guildId,
    channelId: message.channelId,
    userId: message.author.id,
    authorIsBot: message.author.bot,
    isSystem: message.system,
    content: message.content,
    mentionedUserIds: [...message.mentions.users.keys()],
    repliedToUserId: message.mentions.repliedUser?.id ?? null,
  };
}

/**
 * A mention in a server channel or a DM: answered as a reply to that message in a channel (every
 * part, so each names whom it answers), and plainly in a DM.
 */
export async function handleMessage(ctx: HandlerContext, message: Message): Promise<void> {
  const botId = message.client.user.id;
  const inbound = parseMessage(messageFacts(message), botId);
  if (inbound === null) return;
  if (!(await ctx.store.claim(`discord:message:${message.id}`, DEDUP_TTL_MS))) return;

  let parts: DiscordMessage[];
  try {
    const reply: Reply = await ctx.core.handle(inbound);
    parts = renderReply(reply, ctx.words);
  } catch (error) {
    logFailure(ctx.log, 'answering a message', error);
    parts = [{ content: ctx.words.error, components: [], allowedMentions: NO_MENTIONS }];
  }
  ctx.log.debug({ guildId: message.guildId, channelId: message.channelId, parts: parts.length }, 'discord: replying to a message');
  for (const part of parts) {
    if (message.guildId === null && message.channel.isSendable()) await message.channel.send(part);
    else await message.reply(part);
  }
}
