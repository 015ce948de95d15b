import {
  ApplicationIntegrationType,
  InteractionContextType,
  SlashCommandBuilder,
  type RESTPostAPIChatInputApplicationCommandsJSONBody,
} from 'discord.js';
import type { DiscordWords } from './words.js';

export const COMMAND_NAME = 'runwise';

/**
 * `/runwise ask question:<text>`, `/runwise recommend`, `/runwise tour`, `/runwise help`, usable in
 * servers and in DMs with the bot. The subcommand names match `Subcommand` in parse.ts.
 */
export function runwiseCommand(words: DiscordWords['commands']): RESTPostAPIChatInputApplicationCommandsJSONBody {
  return new SlashCommandBuilder()
    .setName(COMMAND_NAME)
    .setDescription(words.runwise)
    .setContexts(InteractionContextType.Guild, InteractionContextType.BotDM)
    .setIntegrationTypes(ApplicationIntegrationType.GuildInstall)
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

/** Everything `npm run discord:register` sends, in one bulk overwrite. */
export function allCommands(words: DiscordWords['commands']): RESTPostAPIChatInputApplicationCommandsJSONBody[] {
  return [runwiseCommand(words)];
}
