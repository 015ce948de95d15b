import { ButtonStyle, ComponentType, MessageFlags, type ButtonInteraction } from 'discord.js';
import type { Store } from '../../store/types.js';
import type { HandlerContext } from './context.js';
import { lockButtons, MAX_ROWS, NO_MENTIONS, type ButtonRow, type DiscordMessage } from './render.js';

/**
 * "Post publicly" under a private answer. The answer can be longer than a button's id can carry, so the
 * public copy waits in the store under the id of the interaction that asked, and the button names that id.
 */
export const PUBLISH_PREFIX = 'rwpub:';

/** Ephemeral messages survive until the client reloads; a day is more than anyone waits to share one. */
export const PUBLISH_TTL_MS = 24 * 60 * 60 * 1000;

interface Kept {
  parts: Array<Pick<DiscordMessage, 'content' | 'components'>>;
}

const keyOf = (interactionId: string) => `discord-publish:${interactionId}`;

/** Keeps the public copy of an answer; returns the button that posts it. */
export async function keepForPublishing(store: Store, interactionId: string, parts: DiscordMessage[], label: string): Promise<ButtonRow> {
  const kept: Kept = { parts: parts.map(({ content, components }) => ({ content, components })) };
  await store.put<Kept>('conversation', keyOf(interactionId), kept, 0, PUBLISH_TTL_MS);
  return {
    type: ComponentType.ActionRow,
    components: [{ type: ComponentType.Button, style: ButtonStyle.Secondary, label, custom_id: `${PUBLISH_PREFIX}${interactionId}` }],
  };
}

/** The private answer with the publish button under its last part. */
export function withPublishButton(parts: DiscordMessage[], button: ButtonRow): DiscordMessage[] {
  return parts.map((part, i) =>
    i === parts.length - 1 && part.components.length < MAX_ROWS ? { ...part, components: [...part.components, button] } : part,
  );
}

export const isPublishButton = (customId: string): boolean => customId.startsWith(PUBLISH_PREFIX);

/**
 * Posts the kept copy for everyone through the interaction's webhook (never a channel send: the bot may not
 * be in that server or DM), once, then locks the button.
 */
export async function onPublish(ctx: HandlerContext, interaction: ButtonInteraction): Promise<void> {
  await interaction.deferUpdate();
  const interactionId = interaction.customId.slice(PUBLISH_PREFIX.length);
  const kept = await ctx.store.get<Kept>('conversation', keyOf(interactionId));
  if (kept === null) {
    await interaction.followUp({ content: ctx.words.ask.expired, flags: MessageFlags.Ephemeral, allowedMentions: NO_MENTIONS });
    return;
  }
  // A double click, or the same click seen by two instances, posts once.
  if (!(await ctx.store.claim(`discord:publish:${interactionId}`, PUBLISH_TTL_MS))) return;
  for (const part of kept.value.parts) await interaction.followUp({ ...part, allowedMentions: NO_MENTIONS });
  const rows = interaction.message.components.map((component) => component.toJSON());
  await interaction.editReply({ components: lockButtons(rows, interaction.customId) as never, allowedMentions: NO_MENTIONS });
}
