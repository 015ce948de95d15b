import { afterEach, describe, expect, it } from 'vitest';
import { startFakeDiscord, type FakeDiscord } from '../adapters/discord/fake-discord.js';
import { BOT, BOT_ID, CHANNEL_ID, events, fixture, paths } from '../adapters/discord/harness.js';
import { startBot, waitUntil as until } from '../support/bot-process.js';
import { scrape } from './scrape.js';

/** The bot with its metrics server on an ephemeral port. */
const start = (env: Record<string, string>) => startBot({ METRICS_PORT: '0', ...env });

describe('METRICS_PORT', () => {
  let discord: FakeDiscord | undefined;
  let kill: (() => void) | undefined;
  afterEach(async () => {
    kill?.();
    await discord?.close();
  });

  it('GIVEN a Discord-only bot THEN /metrics, /readyz and /healthz are served on METRICS_PORT and count its turns', async () => {
    discord = await startFakeDiscord({ botUser: BOT, applicationId: BOT_ID, guilds: [fixture('guild_create')] });
    const bot = start({ DISCORD_TOKEN: 'metrics-port-discord-token', DISCORD_APPLICATION_ID: BOT_ID, DISCORD_API_URL: discord.apiUrl });
    kill = () => bot.child.kill('SIGKILL');
    const port = await until(() => bot.logs().find((l) => l.msg === 'serving /healthz, /readyz and /metrics')?.port, 'the metrics server');
    await until(() => bot.logs().some((l) => l.msg === 'platform started'), 'Discord to start');
    const url = `http://127.0.0.1:${port}`;
    expect((await fetch(`${url}/healthz`)).status).toBe(200);
    expect((await fetch(`${url}/readyz`)).status).toBe(200);

    const question = events.mention('what is kvm?');
    discord.gateway.dispatch('MESSAGE_CREATE', question);
    await discord.waitFor(() => discord!.ok('POST', paths.channelMessages(CHANNEL_ID)).find((c) => c.body.message_reference?.message_id === question.id), 'the reply', 15_000);
    const { status, values } = await scrape(`${url}/metrics`);
    expect(status).toBe(200);
    expect(values.get('runwise_turns_total{platform="discord",intent="define",kind="answer"}')).toBe(1);

    bot.child.kill('SIGTERM');
    expect(await bot.exited).toBe(0);
    kill = undefined;
  });

  it('GIVEN the terminal chat THEN METRICS_PORT serves its counts too', async () => {
    const chat = start({});
    kill = () => chat.child.kill('SIGKILL');
    const port = await until(() => chat.logs().find((l) => l.msg === 'serving /healthz, /readyz and /metrics')?.port, 'the metrics server');
    chat.child.stdin.write('what is kvm\n');
    await until(() => /KVM/.test(chat.stdout().split('what is kvm')[1] ?? ''), 'the answer');
    const { values } = await scrape(`http://127.0.0.1:${port}/metrics`);
    expect(values.get('runwise_turns_total{platform="cli",intent="define",kind="answer"}')).toBe(1);
    chat.child.stdin.end();
    expect(await chat.exited).toBe(0);
    kill = undefined;
  });
});
