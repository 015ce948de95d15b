import type { GuildMember } from 'discord.js';
import { fill } from '../../core/messages.js';
import { logFailure, type HandlerContext } from './context.js';
import { parseWelcome } from './parse.js';
import { NO_MENTIONS, renderReply } from './render.js';

/**
 * Greets a member who joined, in the configured welcome channel of that server, with the core's
 * welcome (buttons: tour, recommendation, help). Once per member and server, ever: the claim is in
 * the store, so a rejoin, a replayed event or a second bot instance does not greet twice.
 * The only ping is the new member's own mention; nothing else in the text can ping.
 */
export async function handleMemberAdd(ctx: HandlerContext, member: GuildMember, channelId: string): Promise<void> {
  if (member.user.bot) return;
  const channel = member.guild.channels.cache.get(channelId);
  if (!channel?.isSendable()) return; // the welcome channel belongs to another server
  if (!(await ctx.store.claim(`discord:welcome:${member.guild.id}:${member.id}`))) return;
  try {
    const reply = await ctx.core.handle(parseWelcome({ guildId: member.guild.id, channelId, userId: member.id }));
    const greeting = fill(ctx.words.welcome, { member: `<@${member.id}>` });
    const parts = renderReply(reply, ctx.words, { prefix: greeting });
    const mentions = { ...NO_MENTIONS, users: [member.id] };
    for (const part of parts) await channel.send({ ...part, allowedMentions: mentions });
  } catch (error) {
    logFailure(ctx.log, 'welcoming a member', error);
  }
}
