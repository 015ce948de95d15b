import {
  ApplicationCommandType,
  ApplicationIntegrationType,
  ContextMenuCommandBuilder,
  InteractionContextType,
  SlashCommandBuilder,
  type RESTPostAPIApplicationCommandsJSONBody,
  type RESTPostAPIChatInputApplicationCommandsJSONBody,
  type RESTPostAPIContextMenuApplicationCommandsJSONBody,
} from 'discord.js';
import type { DiscordWords } from './words.js';

export const COMMAND_NAME = 'runwise';

/**
 * Installable to a server and to a person's account; usable in servers, in the DM with the bot, and
 * (installed to an account) in any other DM or group DM, where the bot is not a member.
 */
const INTEGRATION_TYPES = [ApplicationIntegrationType.GuildInstall, ApplicationIntegrationType.UserInstall] as const;
const CONTEXTS = [InteractionContextType.Guild, InteractionContextType.BotDM, InteractionContextType.PrivateChannel] as const;

/**
 * `/runwise ask question:<text>`, `/runwise recommend`, `/runwise tour`, `/runwise help`. The
 * subcommand names match `Subcommand` in parse.ts.
 */
export function runwiseCommand(words: DiscordWords['commands']): RESTPostAPIChatInputApplicationCommandsJSONBody {
  return new SlashCommandBuilder()
    .setName(COMMAND_NAME)
    .setDescription(words.runwise)
    .setContexts(...CONTEXTS)
    .setIntegrationTypes(...INTEGRATION_TYPES)
    .addSubcommand((sub) =>
      sub
        .setName('ask')
        .setDescription(words.ask)
        .addStringOption((opt) => opt.setName('question').setDescription(words.question).setRequired(true)),
    )
    .addSubcommand((sub) => sub.setName('recommend').setDescription(words.recommend))
    .addSubcommand((sub) => sub.setName('tour').setDescription(words.tour))
    .addSubcommand((sub) => sub.setName('help').setDescription(words.help))
    .toJSON();
}

/** "Ask runwise" in a message's menu (Apps): answers that message's text. Message commands take no description. */
export function askMessageCommand(name: string): RESTPostAPIContextMenuApplicationCommandsJSONBody {
  return new ContextMenuCommandBuilder()
    .setName(name)
    .setType(ApplicationCommandType.Message)
    .setContexts(...CONTEXTS)
    .setIntegrationTypes(...INTEGRATION_TYPES)
    .toJSON();
}

/** Everything `npm run discord:register` sends, in one bulk overwrite. */
export function allCommands(words: DiscordWords): RESTPostAPIApplicationCommandsJSONBody[] {
  return [runwiseCommand(words.commands), askMessageCommand(words.ask.name)];
}
