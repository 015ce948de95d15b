import { ApplicationIntegrationType, InteractionContextType } from 'discord.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { registerCommands } from '../../../src/adapters/discord/register.js';
import { loadConfig } from '../../../src/config.js';
import { silentLogger } from '../../../src/log.js';
import { startFakeDiscord, type FakeDiscord } from './fake-discord.js';
import { BOT, BOT_ID, GUILD_ID } from './harness.js';

describe('npm run discord:register', () => {
  let fake: FakeDiscord;
  beforeAll(async () => {
    fake = await startFakeDiscord({ botUser: BOT, applicationId: BOT_ID, guilds: [] });
  });
  afterAll(async () => fake?.close());

  const env = () => ({ DISCORD_TOKEN: 'fake-bot-token', DISCORD_APPLICATION_ID: BOT_ID, DISCORD_API_URL: fake.apiUrl });

  it('GIVEN DISCORD_GUILD_ID THEN /runwise with ask, recommend, tour and help, and "Ask runwise" on messages, are registered to that server', async () => {
    const result = await registerCommands({ config: loadConfig({ ...env(), DISCORD_GUILD_ID: GUILD_ID }), log: silentLogger() });
    expect(result.scope).toBe('guild');
    const [call] = fake.ok('PUT', new RegExp(`^/applications/${BOT_ID}/guilds/${GUILD_ID}/commands$`));
    expect(call?.authorization).toBe('Bot fake-bot-token');
    const [command, onMessage] = call?.body ?? [];
    expect(call?.body).toHaveLength(2);
    expect(onMessage).toMatchObject({ name: 'Ask runwise', type: 3 });
    expect(onMessage.description ?? '').toBe('');
    expect(command.name).toBe('runwise');
    expect(command.options.map((o: { name: string }) => o.name)).toEqual(['ask', 'recommend', 'tour', 'help']);
    const ask = command.options[0];
    expect(ask.options).toEqual([expect.objectContaining({ name: 'question', type: 3, required: true })]);
    for (const text of [command.description, ...command.options.map((o: { description: string }) => o.description)]) {
      expect(text.length).toBeGreaterThan(0);
      expect(text.length).toBeLessThanOrEqual(100);
    }
  });

  it('GIVEN no guild THEN the commands are registered globally, installable to servers and to users, usable in servers, the bot DM and other DMs', async () => {
    const result = await registerCommands({ config: loadConfig(env()), log: silentLogger() });
    expect(result.scope).toBe('global');
    expect(result.commands).toEqual(['runwise', 'Ask runwise']);
    const calls = fake.ok('PUT', new RegExp(`^/applications/${BOT_ID}/commands$`));
    expect(calls).toHaveLength(1);
    for (const command of calls[0]?.body ?? []) {
      expect(command.integration_types).toEqual([ApplicationIntegrationType.GuildInstall, ApplicationIntegrationType.UserInstall]);
      expect(command.contexts).toEqual([InteractionContextType.Guild, InteractionContextType.BotDM, InteractionContextType.PrivateChannel]);
    }
  });

  it('GIVEN no token THEN the error names the variable', async () => {
    await expect(registerCommands({ config: loadConfig({}), log: silentLogger() })).rejects.toThrow(/DISCORD_TOKEN/);
  });
});
