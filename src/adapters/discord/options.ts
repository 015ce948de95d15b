import type { RESTOptions } from 'discord.js';
import type { Config } from '../../config.js';
import { RunwiseError } from '../../errors.js';

export interface DiscordCredentials {
  token: string;
  applicationId: string;
}

/** The token and application id, or an error naming the missing variable (never its value). */
export function discordCredentials(config: Config): DiscordCredentials {
  const problems: string[] = [];
  if (!config.DISCORD_TOKEN) {
    problems.push('- DISCORD_TOKEN: required for Discord (Developer Portal > your application > Bot > Reset Token)');
  }
  if (!config.DISCORD_APPLICATION_ID) {
    problems.push('- DISCORD_APPLICATION_ID: required for Discord (Developer Portal > General Information > Application ID)');
  }
  if (problems.length > 0 || !config.DISCORD_TOKEN || !config.DISCORD_APPLICATION_ID) {
    throw new RunwiseError('config_invalid', `Invalid configuration:\n${problems.join('\n')}`);
  }
  return { token: config.DISCORD_TOKEN, applicationId: config.DISCORD_APPLICATION_ID };
}

/**
 * REST options for discord.js: DISCORD_API_URL (a proxy or a test double) replaces Discord's API,
 * and with it the gateway lookup (`GET /gateway/bot`). Left out when unset, because an explicit
 * `api: undefined` would override discord.js's default.
 */
export function restOptions(config: Config): Partial<RESTOptions> {
  return config.DISCORD_API_URL ? { api: config.DISCORD_API_URL.replace(/\/+$/, '') } : {};
}
