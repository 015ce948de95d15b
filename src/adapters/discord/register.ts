import { REST, Routes } from 'discord.js';
import type { Config } from '../../config.js';
import type { Logger } from '../../log.js';
import { allCommands } from './commands.js';
import { discordCredentials, restOptions } from './options.js';
import { loadDiscordWords, type DiscordWords } from './words.js';

export interface RegisterResult {
  scope: 'guild' | 'global';
  commands: string[];
}

/**
 * Registers the slash commands by bulk overwrite, so running it twice is harmless and removed
 * commands disappear. To DISCORD_GUILD_ID when set (visible at once, for development), else
 * globally (can take up to an hour to show everywhere).
 */
export async function registerCommands(opts: { config: Config; log: Logger; words?: DiscordWords }): Promise<RegisterResult> {
  const { config, log } = opts;
  const words = opts.words ?? loadDiscordWords();
  const { token, applicationId } = discordCredentials(config);
  const rest = new REST(restOptions(config)).setToken(token);
  const body = allCommands(words);
  const guildId = config.DISCORD_GUILD_ID;
  const route = guildId ? Routes.applicationGuildCommands(applicationId, guildId) : Routes.applicationCommands(applicationId);
  await rest.put(route, { body });
  const result: RegisterResult = { scope: guildId ? 'guild' : 'global', commands: body.map((c) => c.name) };
  log.info({ scope: result.scope, guildId, commands: result.commands }, 'discord commands registered');
  return result;
}
