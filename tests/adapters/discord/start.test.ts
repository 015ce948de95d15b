import { afterEach, describe, expect, it } from 'vitest';
import { GatewayIntentBits } from 'discord.js';
import { createDiscordBot, intentsFor, startDiscord } from '../../../src/adapters/discord/index.js';
import { loadConfig } from '../../../src/config.js';
import type { Core } from '../../../src/core/types.js';
import { silentLogger } from '../../../src/log.js';
import { createStore } from '../../../src/store/index.js';
import { startFakeDiscord, type FakeDiscord } from './fake-discord.js';
import { BOT, BOT_ID, CHANNEL_ID, events, fixture, paths, startHarness, WELCOME_CHANNEL_ID } from './harness.js';

const core: Core = {
  handle: async () => ({ kind: 'notice', intent: 'test', confidence: 1, text: 'ok', choices: [], sources: [] }),
};

describe('starting the Discord adapter', () => {
  let fake: FakeDiscord | undefined;
  afterEach(async () => fake?.close());

  it('asks for a privileged intent only when the setting that needs it is on', () => {
    const base = { DISCORD_TOKEN: 't', DISCORD_APPLICATION_ID: BOT_ID };
    const privileged = (env: Record<string, string>) =>
      intentsFor(loadConfig({ ...base, ...env })).filter((i) => i === GatewayIntentBits.MessageContent || i === GatewayIntentBits.GuildMembers);
    expect(privileged({})).toEqual([]);
    expect(privileged({ DISCORD_MESSAGE_CONTENT: 'true' })).toEqual([GatewayIntentBits.MessageContent]);
    expect(privileged({ DISCORD_MESSAGE_CONTENT: 'false' })).toEqual([]);
    expect(privileged({ DISCORD_WELCOME_CHANNEL_ID: WELCOME_CHANNEL_ID })).toEqual([GatewayIntentBits.GuildMembers]);
  });

  it('GIVEN no DISCORD_TOKEN THEN start fails naming the variable', async () => {
    const config = loadConfig({});
    expect(() => createDiscordBot({ config, runwise: { core, store: {} as never }, log: silentLogger() })).toThrow(/DISCORD_TOKEN/);
  });

  it('GIVEN the welcome but no Server Members intent in the portal THEN start fails saying which switch to turn on, without the token', async () => {
    fake = await startFakeDiscord({ botUser: BOT, applicationId: BOT_ID, guilds: [fixture('guild_create')], allowedPrivilegedIntents: 0 });
    const config = loadConfig({
      DISCORD_TOKEN: 'secret-token-value',
      DISCORD_APPLICATION_ID: BOT_ID,
      DISCORD_API_URL: fake.apiUrl,
      DISCORD_WELCOME_CHANNEL_ID: WELCOME_CHANNEL_ID,
    });
    const start = startDiscord({ config, runwise: { core, store: await createStore('memory:') }, log: silentLogger() });
    await expect(start).rejects.toThrow(/Server Members Intent/);
    await expect(start).rejects.not.toThrow(/secret-token-value/);
  });

  it('GIVEN a message in flight WHEN stop() THEN it is answered before the client disconnects', async () => {
    let entered = false;
    let release: () => void = () => undefined;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const slow: Core = {
      async handle() {
        entered = true;
        await gate;
        return { kind: 'notice', intent: 'test', confidence: 1, text: 'finished', choices: [], sources: [] };
      },
    };
    const h = await startHarness({ runwise: { core: slow, store: await createStore('memory:') } });
    fake = h.fake;
    h.fake.gateway.dispatch('MESSAGE_CREATE', events.mention('what is kvm?'));
    await h.fake.waitFor(() => entered, 'the core to be called');
    let stopped = false;
    const stopping = h.bot.stop().then(() => (stopped = true));
    h.fake.gateway.dispatch('MESSAGE_CREATE', events.mention('too late'));
    expect(stopped).toBe(false);
    release();
    await stopping;
    const replies = h.fake.ok('POST', paths.channelMessages(CHANNEL_ID));
    expect(replies.map((c) => c.body.content)).toEqual(['finished']);
    expect(h.bot.client.isReady()).toBe(false);
  });
});
