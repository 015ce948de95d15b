import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { createDiscordBot, type DiscordBot } from '../../../src/adapters/discord/index.js';
import { createRunwise } from '../../../src/app.js';
import { loadConfig, type Config } from '../../../src/config.js';
import type { Core, Reply } from '../../../src/core/types.js';
import { silentLogger, type Logger } from '../../../src/log.js';
import type { Store } from '../../../src/store/types.js';
import { startFakeDiscord, type FakeDiscord, type RecordedCall } from './fake-discord.js';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Json = any;

export function fixture(name: string): Json {
  const path = fileURLToPath(new URL(`../../fixtures/discord/${name}.json`, import.meta.url));
  return JSON.parse(readFileSync(path, 'utf8'));
}

export const BOT = fixture('message_create_mention').mentions[0] as Json;
export const BOT_ID: string = BOT.id;
export const GUILD_ID: string = fixture('guild_create').id;
export const CHANNEL_ID: string = fixture('message_create_mention').channel_id;
export const WELCOME_CHANNEL_ID: string = fixture('guild_create').channels[1].id;
export const ALICE = fixture('message_create_mention').author as Json;

let counter = 0;
/** Fresh snowflakes so every event is new to the bot's de-duplication. */
export const freshId = () => String(1_900_000_000_000_000_000n + BigInt((counter += 1)));

/** Recorded payloads, with the few fields a test changes; ids and tokens are fresh each time. */
export const events = {
  mention(content: string, author: Json = ALICE): Json {
    return { ...fixture('message_create_mention'), id: freshId(), content: `<@${BOT_ID}> ${content}`, author };
  },
  dm(content: string): Json {
    return { ...fixture('message_create_dm'), id: freshId(), content };
  },
  command(name: 'ask' | 'recommend' | 'tour' | 'help_dm', question?: string): Json {
    const payload = fixture(`interaction_command_${name}`);
    if (question !== undefined) payload.data.options[0].options[0].value = question;
    return { ...payload, id: freshId(), token: `token-${freshId()}` };
  },
  /**
   * "Ask runwise" on Bob's message: in the server, in a server the bot is not in (runwise installed to
   * Alice's account), or in Alice's DM with Bob (likewise). `content` replaces the message's text.
   */
  messageCommand(where: 'guild' | 'foreign_guild' | 'user_dm', content?: string): Json {
    const payload = fixture(where === 'user_dm' ? 'interaction_message_command_user_dm' : 'interaction_message_command_guild');
    const target = payload.data.resolved.messages[payload.data.target_id];
    if (content !== undefined) target.content = content;
    if (where === 'foreign_guild') {
      const guildId = '1290000000000000009';
      Object.assign(payload, { guild_id: guildId, guild: { ...payload.guild, id: guildId }, channel: { ...payload.channel, guild_id: guildId } });
      payload.data.guild_id = guildId;
      payload.authorizing_integration_owners = { '1': ALICE.id };
    }
    return { ...payload, id: freshId(), token: `token-${freshId()}` };
  },
  /** A click on `customId` of a message the bot posted (as recorded by the fake). */
  button(customId: string, message: Json, user: Json = ALICE): Json {
    const payload = fixture('interaction_button');
    payload.member.user = user;
    return { ...payload, id: freshId(), token: `token-${freshId()}`, data: { component_type: 2, custom_id: customId }, message };
  },
  memberAdd(): Json {
    const payload = fixture('guild_member_add');
    return { ...payload, user: { ...payload.user, id: freshId() } };
  },
};

export interface Harness {
  fake: FakeDiscord;
  bot: DiscordBot;
  config: Config;
  /** Resolves with the first `count` successful calls matching, in the order the bot made them. */
  sent(method: string, path: RegExp, count?: number): Promise<RecordedCall[]>;
  close(): Promise<void>;
}

/** A real discord.js client, connected to a fresh fake Discord on loopback, answering with `runwise`. */
export async function startHarness(opts: {
  runwise: { core: Core; store: Store };
  env?: Record<string, string>;
  log?: Logger;
}): Promise<Harness> {
  const fake = await startFakeDiscord({ botUser: BOT, applicationId: BOT_ID, guilds: [fixture('guild_create')] });
  const config = loadConfig({
    DISCORD_TOKEN: 'fake-bot-token',
    DISCORD_APPLICATION_ID: BOT_ID,
    DISCORD_API_URL: fake.apiUrl,
    ...opts.env,
  });
  const bot = createDiscordBot({ config, runwise: opts.runwise, log: opts.log ?? silentLogger() });
  await bot.start();
  return {
    fake,
    bot,
    config,
    sent: (method, path, count = 1) =>
      fake.waitFor(() => {
        const calls = fake.ok(method, path);
        return calls.length >= count ? calls.slice(0, count) : null;
      }, `${count} × ${method} ${path}`),
    async close() {
      await bot.stop();
      await fake.close();
    },
  };
}

export const paths = {
  channelMessages: (channelId: string) => new RegExp(`^/channels/${channelId}/messages$`),
  callback: (interactionId: string) => new RegExp(`^/interactions/${interactionId}/[^/]+/callback$`),
  original: (token: string) => new RegExp(`^/webhooks/\\d+/${token}/messages/@original$`),
  followups: (token: string) => new RegExp(`^/webhooks/\\d+/${token}$`),
};

export interface RealHarness extends Harness {
  /** Every reply the real core gave, in order (observed, passed through untouched). */
  replies: Reply[];
}

/** The harness with the real core on an in-memory store: `createRunwise({ stateUrl: 'memory:' })`. */
export async function startWithRealCore(env: Record<string, string> = {}): Promise<RealHarness> {
  const runwise = await createRunwise({ config: loadConfig({}), stateUrl: 'memory:', log: silentLogger() });
  const replies: Reply[] = [];
  const core: Core = {
    async handle(message) {
      const reply = await runwise.core.handle(message);
      replies.push(reply);
      return reply;
    },
  };
  const h = await startHarness({ runwise: { core, store: runwise.store }, env });
  return {
    ...h,
    replies,
    async close() {
      await h.close();
      await runwise.close();
    },
  };
}

/** Buttons of a sent message body or message object, flattened. */
export function buttonsOf(message: Json): Json[] {
  return (message?.components ?? []).flatMap((row: Json) => row.components ?? []);
}
