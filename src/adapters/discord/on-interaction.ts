import {
  InteractionContextType,
  MessageFlags,
  type ButtonInteraction,
  type ChatInputCommandInteraction,
  type Interaction,
  type Message,
  type MessageContextMenuCommandInteraction,
} from 'discord.js';
import { COMMAND_NAME } from './commands.js';
import { logFailure, type HandlerContext } from './context.js';
import { onAskMessage } from './on-ask.js';
import { isPublishButton, onPublish } from './publish.js';

/**
 * Covers a double click, or the same click seen by two instances, before the first one's lock lands;
 * short, so a click retried after a failed turn is not swallowed for long.
 */
export const CLICK_CLAIM_TTL_MS = 15_000;
import { clickLocksMessage, isSubcommand, parseButton, parseCommand, type Place } from './parse.js';
import { fromCustomId, lockButtons, NO_MENTIONS, renderReply } from './render.js';

type Handled = ChatInputCommandInteraction | ButtonInteraction | MessageContextMenuCommandInteraction;

/** `/runwise …`, "Ask runwise" on a message, and clicks on our buttons; anything else is not ours and is left alone. */
export async function handleInteraction(ctx: HandlerContext, interaction: Interaction): Promise<void> {
  if (interaction.isChatInputCommand() && interaction.commandName === COMMAND_NAME) {
    await guarded(ctx, interaction, () => onCommand(ctx, interaction));
  } else if (interaction.isMessageContextMenuCommand() && interaction.commandName === ctx.words.ask.name) {
    await guarded(ctx, interaction, () => onAskMessage(ctx, interaction));
  } else if (interaction.isButton() && isPublishButton(interaction.customId)) {
    await guarded(ctx, interaction, () => onPublish(ctx, interaction));
  } else if (interaction.isButton() && fromCustomId(interaction.customId) !== null) {
    await guarded(ctx, interaction, () => onButton(ctx, interaction));
  }
}

function placeOf(interaction: ChatInputCommandInteraction | ButtonInteraction): Place {
  // In other people's DMs (a user install) each person keeps a dialogue of their own.
  const otherDm = interaction.context === InteractionContextType.PrivateChannel ? { otherDm: true } : {};
  return { guildId: interaction.guildId, channelId: interaction.channelId, userId: interaction.user.id, ...otherDm };
}

/**
 * Acknowledge first (Discord allows 3 s), then answer by editing the deferred reply; any further
 * parts of a long answer follow as follow-up messages, in order.
 */
async function onCommand(ctx: HandlerContext, interaction: ChatInputCommandInteraction): Promise<void> {
  await interaction.deferReply();
  const subcommand = interaction.options.getSubcommand(false);
  if (!isSubcommand(subcommand)) throw new Error(`unknown subcommand ${String(subcommand)}`);
  const inbound = parseCommand(subcommand, interaction.options.getString('question'), placeOf(interaction));
  const parts = renderReply(await ctx.core.handle(inbound), ctx.words);
  const [first, ...rest] = parts;
  if (first === undefined) {
    await interaction.deleteReply();
    return;
  }
  await interaction.editReply(first);
  for (const part of rest) await interaction.followUp(part);
}

/**
 * Acknowledge the click without a visible change, run the choice, then lock the clicked message
 * (buttons disabled, the chosen one green) and post the next step below it. The lock waits for
 * the answer so a failed turn leaves the buttons usable for another try.
 */
async function onButton(ctx: HandlerContext, interaction: ButtonInteraction): Promise<void> {
  await interaction.deferUpdate();
  const inbound = parseButton(interaction.customId, placeOf(interaction));
  if (inbound === null) return;
  // A click on a message only the clicker sees ("Ask runwise") is answered only to them.
  const privately = interaction.message.flags.has(MessageFlags.Ephemeral) ? { flags: MessageFlags.Ephemeral as const } : {};
  const parts = renderReply(await ctx.core.handle(inbound), ctx.words).map((part) => ({ ...part, ...privately }));
  if (clickLocksMessage(ownerOf(interaction.message), interaction.user.id)) {
    // The message is about to be locked: only the first click on it moves on (claimed after the core, so a failed turn claims nothing).
    if (!(await ctx.store.claim(`discord:click:${interaction.message.id}`, CLICK_CLAIM_TTL_MS))) return;
    const rows = interaction.message.components.map((component) => component.toJSON());
    await interaction.editReply({
      // lockButtons keeps the API shape it was given; discord.js accepts raw component JSON.
      components: lockButtons(rows, interaction.customId) as never,
      allowedMentions: NO_MENTIONS,
    });
  }
  for (const part of parts) await interaction.followUp(part);
}

/** Whom a message of ours answers: the command's user, the author it replied to, or the welcomed member. */
function ownerOf(message: Message): string | null {
  return (
    message.interactionMetadata?.user.id ??
    message.mentions.repliedUser?.id ??
    message.mentions.users.first()?.id ??
    null
  );
}

/** Any failure ends in a short, polite ephemeral message for the user alone; details go to the log only. */
async function guarded(
  ctx: HandlerContext,
  interaction: Handled,
  work: () => Promise<void>,
): Promise<void> {
  try {
    await work();
  } catch (error) {
    logFailure(ctx.log, interaction.isButton() ? 'a button click' : interaction.isChatInputCommand() ? 'a slash command' : 'a message command', error);
    const notice = { content: ctx.words.error, flags: MessageFlags.Ephemeral as const, allowedMentions: NO_MENTIONS };
    try {
      if (!interaction.deferred && !interaction.replied) {
        await interaction.reply(notice);
        return;
      }
      // A public "thinking…" placeholder would otherwise stay forever.
      if (interaction.isChatInputCommand() && !interaction.replied) await interaction.deleteReply().catch(() => undefined);
      await interaction.followUp(notice);
    } catch (secondary) {
      logFailure(ctx.log, 'reporting an error to the user', secondary);
    }
  }
}
