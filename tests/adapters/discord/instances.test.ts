import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDiscordBot, type DiscordBot } from '../../../src/adapters/discord/index.js';
import { createRunwise, loadBrain } from '../../../src/app.js';
import { loadConfig } from '../../../src/config.js';
import { silentLogger } from '../../../src/log.js';
import { createStore } from '../../../src/store/index.js';
import type { Store } from '../../../src/store/types.js';
import { startFakeDiscord, type FakeDiscord } from './fake-discord.js';
import { BOT, BOT_ID, CHANNEL_ID, events, fixture, paths, WELCOME_CHANNEL_ID } from './harness.js';

/**
 * Two bot processes on one shared store (as with Redis) both receive every event. Each event must
 * still be answered once: the store's claim decides which instance answers.
 */
describe('two instances sharing a store', () => {
  let fake: FakeDiscord;
  let store: Store;
  const bots: DiscordBot[] = [];

  beforeAll(async () => {
    fake = await startFakeDiscord({ botUser: BOT, applicationId: BOT_ID, guilds: [fixture('guild_create')] });
    store = await createStore('memory:');
    const brain = loadBrain();
    const config = loadConfig({
      DISCORD_TOKEN: 'fake-bot-token',
      DISCORD_APPLICATION_ID: BOT_ID,
      DISCORD_API_URL: fake.apiUrl,
      DISCORD_WELCOME_CHANNEL_ID: WELCOME_CHANNEL_ID,
    });
    for (let i = 0; i < 2; i++) {
      const runwise = await createRunwise({ config: loadConfig({}), store, brain, log: silentLogger() });
      const bot = createDiscordBot({ config, runwise, log: silentLogger() });
      await bot.start();
      bots.push(bot);
    }
    expect(fake.gateway.log.identifies).toHaveLength(2);
  });
  afterAll(async () => {
    await Promise.all(bots.map((bot) => bot.stop()));
    await store?.close();
    await fake?.close();
  });

  const repliesTo = (id: string) => fake.ok('POST', paths.channelMessages(CHANNEL_ID)).filter((c) => c.body.message_reference?.message_id === id);

  it('GIVEN both instances receive a mention THEN it is answered once', async () => {
    const mention = events.mention('what is kvm?');
    fake.gateway.dispatch('MESSAGE_CREATE', mention);
    const marker = events.mention('what is docker?');
    fake.gateway.dispatch('MESSAGE_CREATE', marker);
    await fake.waitFor(() => repliesTo(marker.id).length > 0 && repliesTo(mention.id).length > 0, 'both replies');
    const contents = repliesTo(mention.id).map((c) => c.body.content);
    expect(new Set(contents).size).toBe(contents.length);
  });

  it('GIVEN both instances see a member join THEN one welcome', async () => {
    const join = events.memberAdd();
    fake.gateway.dispatch('GUILD_MEMBER_ADD', join);
    const marker = events.memberAdd();
    fake.gateway.dispatch('GUILD_MEMBER_ADD', marker);
    const welcomesFor = (id: string) => fake.ok('POST', paths.channelMessages(WELCOME_CHANNEL_ID)).filter((c) => c.body.content.includes(`<@${id}>`));
    await fake.waitFor(() => welcomesFor(marker.user.id).length > 0 && welcomesFor(join.user.id).length > 0, 'both welcomes');
    expect(welcomesFor(join.user.id)).toHaveLength(1);
  });
});
