import { once } from 'node:events';
import { Client, Events, GatewayIntentBits, Partials, type ClientOptions } from 'discord.js';
import type { Runwise } from '../../app.js';
import type { Config } from '../../config.js';
import { RunwiseError } from '../../errors.js';
import type { Logger } from '../../log.js';
import { logFailure, type HandlerContext } from './context.js';
import { handleInteraction } from './on-interaction.js';
import { handleMessage } from './on-message.js';
import { discordCredentials, restOptions } from './options.js';
import { NO_MENTIONS } from './render.js';
import { handleMemberAdd } from './welcome.js';
import { loadDiscordWords, type DiscordWords } from './words.js';

export interface DiscordOptions {
  config: Config;
  runwise: Pick<Runwise, 'core' | 'store'>;
  log: Logger;
  /** Defaults to data/discord.json. */
  words?: DiscordWords;
  /** Extra discord.js client options, e.g. a shorter `waitGuildTimeout` in tests. */
  clientOptions?: Partial<ClientOptions>;
}

export interface DiscordBot {
  client: Client;
  /** Logs in and resolves once the gateway session is ready. */
  start(): Promise<void>;
  /** Stops taking events, waits for those in flight, and disconnects. Safe to call twice. */
  stop(): Promise<void>;
}

/**
 * Guilds, guild messages and DMs are enough: Discord delivers the content of messages that mention
 * the bot and of DMs without the privileged Message Content intent. Server Members (privileged) is
 * only asked for when the welcome is configured.
 */
export function intentsFor(config: Config): GatewayIntentBits[] {
  const intents = [GatewayIntentBits.Guilds, GatewayIntentBits.GuildMessages, GatewayIntentBits.DirectMessages];
  if (config.DISCORD_MESSAGE_CONTENT) intents.push(GatewayIntentBits.MessageContent);
  if (config.DISCORD_WELCOME_CHANNEL_ID) intents.push(GatewayIntentBits.GuildMembers);
  return intents;
}

/** Builds the bot without connecting; `startDiscord` is the entry point for `src/main.ts`. */
export function createDiscordBot(opts: DiscordOptions): DiscordBot {
  const { config, log } = opts;
  const { token } = discordCredentials(config);
  const ctx: HandlerContext = {
    core: opts.runwise.core,
    store: opts.runwise.store,
    log,
    words: opts.words ?? loadDiscordWords(),
  };
  const client = new Client({
    intents: intentsFor(config),
    // DMs arrive without a CHANNEL_CREATE; without this partial discord.js drops them.
    partials: [Partials.Channel],
    rest: restOptions(config),
    // A default for anything sent without explicit options; every send also passes its own.
    allowedMentions: NO_MENTIONS,
    // A reply to a message deleted meanwhile becomes a plain message instead of an error.
    failIfNotExists: false,
    ...opts.clientOptions,
  });

  let accepting = false;
  let stopped: Promise<void> | null = null;
  const inFlight = new Set<Promise<void>>();
  const track = (what: string, work: () => Promise<void>) => {
    if (!accepting) return;
    const running: Promise<void> = work()
      .catch((error: unknown) => logFailure(log, what, error))
      .finally(() => inFlight.delete(running));
    inFlight.add(running);
  };

  client.on(Events.MessageCreate, (message) => track('a message', () => handleMessage(ctx, message)));
  client.on(Events.InteractionCreate, (interaction) => track('an interaction', () => handleInteraction(ctx, interaction)));
  const welcomeChannelId = config.DISCORD_WELCOME_CHANNEL_ID;
  if (welcomeChannelId) {
    client.on(Events.GuildMemberAdd, (member) => track('a member join', () => handleMemberAdd(ctx, member, welcomeChannelId)));
  }
  client.on(Events.Error, (error) => logFailure(log, 'the Discord client', error));
  client.on(Events.Warn, (message) => log.warn({ message }, 'discord: warning'));
  client.on(Events.ShardDisconnect, ({ code }) => log.warn({ code }, 'discord: gateway closed for good'));
  client.on(Events.ShardReconnecting, () => log.info('discord: gateway reconnecting'));
  client.on(Events.ShardResume, (_id, replayed) => log.info({ replayed }, 'discord: gateway resumed'));
  client.rest.on('rateLimited', (info) => log.warn({ route: info.route, retryAfter: info.retryAfter, global: info.global }, 'discord: rate limited, waiting'));

  return {
    client,
    async start() {
      accepting = true;
      const ready = once(client, Events.ClientReady);
      try {
        await client.login(token);
        await ready;
      } catch (error) {
        accepting = false;
        await client.destroy();
        throw explainLoginFailure(error);
      }
      log.info({ user: client.user?.id, guilds: client.guilds.cache.size, intents: intentsFor(config).length }, 'discord: connected');
    },
    stop() {
      stopped ??= (async () => {
        accepting = false;
        await Promise.allSettled([...inFlight]);
        await client.destroy();
        log.info('discord: disconnected');
      })();
      return stopped;
    },
  };
}

/** Connects to Discord and keeps answering until `stop()`. */
export async function startDiscord(opts: DiscordOptions): Promise<{ stop(): Promise<void> }> {
  const bot = createDiscordBot(opts);
  await bot.start();
  return { stop: bot.stop };
}

/** Turns discord.js login errors into messages that say which setting to fix (never echoing the token). */
function explainLoginFailure(error: unknown): RunwiseError {
  const message = error instanceof Error ? error.message : String(error);
  const code = (error as { code?: unknown } | null)?.code;
  if (code === 'TokenInvalid' || /401|unauthorized|invalid token/i.test(message)) {
    return new RunwiseError('config_invalid', 'DISCORD_TOKEN: Discord rejected the token (Developer Portal > Bot > Reset Token)', { cause: error });
  }
  if (/disallowed intents|privileged intent/i.test(message)) {
    return new RunwiseError(
      'config_invalid',
      'Discord refused a privileged intent: enable "Server Members Intent" (needed by DISCORD_WELCOME_CHANNEL_ID) and/or ' +
        '"Message Content Intent" (needed by DISCORD_MESSAGE_CONTENT=true) under Developer Portal > Bot, or unset those variables',
      { cause: error },
    );
  }
  return new RunwiseError('platform_error', `Discord login failed: ${message}`, { cause: error });
}
