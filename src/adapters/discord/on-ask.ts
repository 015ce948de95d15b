import { InteractionContextType, MessageFlags, type MessageContextMenuCommandInteraction } from 'discord.js';
import { fill } from '../../core/messages.js';
import type { HandlerContext } from './context.js';
import { parseAsk, type Place } from './parse.js';
import { keepForPublishing, withPublishButton } from './publish.js';
import { NO_MENTIONS, renderReply } from './render.js';

/**
 * "Ask runwise" on a message: answers its text, privately, with a button to post the answer for everyone.
 * Everything goes through the interaction (deferred reply, edit, follow-ups), so it works where the bot
 * is not a member: in servers and DMs reached through a user install.
 */
export async function onAskMessage(ctx: HandlerContext, interaction: MessageContextMenuCommandInteraction): Promise<void> {
  await interaction.deferReply({ flags: MessageFlags.Ephemeral });
  const target = interaction.targetMessage;
  const place: Place = {
    guildId: interaction.guildId,
    channelId: interaction.channelId,
    userId: interaction.user.id,
    ...(interaction.context === InteractionContextType.PrivateChannel ? { otherDm: true } : {}),
  };
  const inbound = parseAsk(target.content, place, interaction.client.user.id);
  if (inbound === null) {
    await interaction.editReply({ content: ctx.words.ask.empty, allowedMentions: NO_MENTIONS });
    return;
  }
  const reply = await ctx.core.handle(inbound);
  // The public copy says which message it answers; people reading the channel did not see the menu.
  const link = `https://discord.com/channels/${interaction.guildId ?? '@me'}/${interaction.channelId}/${target.id}`;
  const button = await keepForPublishing(ctx.store, interaction.id, renderReply(reply, ctx.words, { heading: fill(ctx.words.ask.about, { link }) }), ctx.words.ask.publish);
  const [first, ...rest] = withPublishButton(renderReply(reply, ctx.words), button);
  if (first === undefined) {
    await interaction.deleteReply();
    return;
  }
  await interaction.editReply(first);
  for (const part of rest) await interaction.followUp({ ...part, flags: MessageFlags.Ephemeral });
}
