import { z } from 'zod';
import { RunwiseError } from './errors.js';

const emptyToUndefined = (v: unknown) => (typeof v === 'string' && v.trim() === '' ? undefined : v);
const optionalString = z.preprocess(emptyToUndefined, z.string().optional());
const flag = z.preprocess(
  emptyToUndefined,
  z
    .enum(['true', 'false', '1', '0', 'yes', 'no'], { error: 'use true or false' })
    .optional()
    .transform((v) => v === 'true' || v === '1' || v === 'yes'),
);
const csv = z.preprocess(
  emptyToUndefined,
  z
    .string()
    .optional()
    .transform((v) => (v ? v.split(',').map((s) => s.trim()).filter(Boolean) : [])),
);

/** 30 days: an idle dialogue older than that is not worth resuming, and TTLs stay far from any overflow. */
export const MAX_DIALOGUE_TTL_MINUTES = 30 * 24 * 60;

/** redis://host:port, redis://host:port/ and redis://host:port/<n> are fine; /abc is not a database. */
function redisDbIsNumeric(url: string): boolean {
  if (!/^rediss?:\/\//.test(url)) return true;
  try {
    return /^\/?(\d+)?$/.test(new URL(url).pathname);
  } catch {
    return false;
  }
}

/** Every environment variable runwise reads; .env.example documents each one. */
export const ConfigSchema = z.object({
  LOG_LEVEL: z.preprocess(
    emptyToUndefined,
    z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'], { error: 'use one of fatal, error, warn, info, debug, trace, silent' }).default('info'),
  ),
  STATE_URL: z.preprocess(
    emptyToUndefined,
    z
      .string()
      .regex(/^(memory:|sqlite:.+|redis:\/\/.+|rediss:\/\/.+)$/, {
        error: 'use memory:, sqlite:<path> (e.g. sqlite:./runwise.db) or redis://host:port/db',
      })
      .refine(redisDbIsNumeric, {
        // ioredis would report the bad SELECT only as an event, after start-up already printed an error.
        error: 'the Redis database after the host must be a number, as in redis://host:6379/0',
      })
      .default('sqlite:./runwise.db'),
  ),
  DIALOGUE_TTL_MINUTES: z.preprocess(
    emptyToUndefined,
    z.coerce
      .number({ error: 'use a number of minutes' })
      .positive({ error: 'use a number of minutes above 0' })
      // Larger values overflow TTLs (Redis PEXPIRE, timestamps) and fail every turn instead of the start.
      .max(MAX_DIALOGUE_TTL_MINUTES, { error: `use at most ${MAX_DIALOGUE_TTL_MINUTES} minutes (30 days)` })
      .default(30),
  ),
  CONFIDENCE_THRESHOLD: z.preprocess(
    emptyToUndefined,
    z.coerce.number({ error: 'use a number between 0 and 1' }).min(0).max(1).default(0.45),
  ),

  SLACK_BOT_TOKEN: z.preprocess(emptyToUndefined, z.string().startsWith('xoxb-', { error: 'a bot token starts with xoxb-' }).optional()),
  SLACK_SIGNING_SECRET: optionalString,
  SLACK_APP_TOKEN: z.preprocess(emptyToUndefined, z.string().startsWith('xapp-', { error: 'an app-level token starts with xapp-' }).optional()),
  SLACK_API_URL: z.preprocess(emptyToUndefined, z.url({ error: 'use a full URL such as https://slack.com/api/' }).optional()),
  PORT: z.preprocess(emptyToUndefined, z.coerce.number({ error: 'use a port number' }).int().min(0).max(65535).default(3000)),
  // Where /healthz, /readyz and /metrics are served when Slack's HTTP port does not serve them (Discord-only, terminal, batch).
  METRICS_PORT: z.preprocess(
    emptyToUndefined,
    z.coerce.number({ error: 'use a port number' }).int({ error: 'use a whole port number' }).min(0, { error: 'use a port from 0 to 65535' }).max(65535, { error: 'use a port from 0 to 65535' }).optional(),
  ),
  SLACK_WELCOME_CHANNELS: csv,
  SLACK_WELCOME_MODE: z.preprocess(emptyToUndefined, z.enum(['ephemeral', 'dm'], { error: 'use ephemeral or dm' }).default('ephemeral')),

  DISCORD_TOKEN: optionalString,
  DISCORD_APPLICATION_ID: z.preprocess(emptyToUndefined, z.string().regex(/^\d{5,25}$/, { error: 'use the numeric application id' }).optional()),
  DISCORD_GUILD_ID: z.preprocess(emptyToUndefined, z.string().regex(/^\d{5,25}$/, { error: 'use the numeric server (guild) id' }).optional()),
  DISCORD_API_URL: z.preprocess(emptyToUndefined, z.url({ error: 'use a full URL such as https://discord.com/api' }).optional()),
  DISCORD_MESSAGE_CONTENT: flag,
  DISCORD_WELCOME_CHANNEL_ID: z.preprocess(emptyToUndefined, z.string().regex(/^\d{5,25}$/, { error: 'use the numeric channel id' }).optional()),
});

export type Config = z.infer<typeof ConfigSchema>;

export type PlatformName = 'slack' | 'discord';

/** Parses the environment; throws a RunwiseError naming each bad variable and how to fix it. */
export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  const parsed = ConfigSchema.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((issue) => `- ${issue.path.join('.') || '(environment)'}: ${issue.message}`);
    throw new RunwiseError('config_invalid', `Invalid configuration:\n${lines.join('\n')}`);
  }
  const config = parsed.data;
  const problems: string[] = [];
  if (config.SLACK_BOT_TOKEN && !config.SLACK_APP_TOKEN && !config.SLACK_SIGNING_SECRET) {
    problems.push('- SLACK_SIGNING_SECRET: required in HTTP mode (set it, or set SLACK_APP_TOKEN for Socket Mode)');
  }
  if ((config.SLACK_APP_TOKEN || config.SLACK_SIGNING_SECRET) && !config.SLACK_BOT_TOKEN) {
    problems.push('- SLACK_BOT_TOKEN: required when other SLACK_ variables are set (the xoxb- token from OAuth & Permissions)');
  }
  if (config.DISCORD_TOKEN && !config.DISCORD_APPLICATION_ID) {
    problems.push('- DISCORD_APPLICATION_ID: required with DISCORD_TOKEN (General Information > Application ID)');
  }
  if (problems.length > 0) throw new RunwiseError('config_invalid', `Invalid configuration:\n${problems.join('\n')}`);
  return config;
}

/** Which chat platforms have credentials; none means the terminal chat. */
export function configuredPlatforms(config: Config): PlatformName[] {
  const platforms: PlatformName[] = [];
  if (config.SLACK_BOT_TOKEN) platforms.push('slack');
  if (config.DISCORD_TOKEN) platforms.push('discord');
  return platforms;
}
