import { afterEach, describe, expect, it } from 'vitest';
import { startBot } from '../../support/bot-process.js';
import { startFakeSlack, type FakeSlack } from '../slack/fake-slack.js';
import { eventFrom } from '../slack/harness.js';
import { eventBody, sendSigned } from '../slack/signed.js';
import { startFakeDiscord, type FakeDiscord } from './fake-discord.js';
import { BOT, BOT_ID, CHANNEL_ID, events, fixture, paths } from './harness.js';

/**
 * `npm start` (dist/src/main.js) as a real process with both platforms configured, each pointed at its
 * fake on loopback: one process answers on Slack and on Discord, and SIGTERM stops both cleanly.
 */
const SLACK_TOKEN = 'xoxb-1-both-platforms-token';
const SLACK_SECRET = 'both-platforms-signing-secret';
const DISCORD_TOKEN = 'both-platforms-discord-token';

describe('npm start with Slack and Discord configured', () => {
  let slack: FakeSlack | undefined;
  let discord: FakeDiscord | undefined;
  let kill: (() => void) | undefined;
  afterEach(async () => {
    kill?.();
    await slack?.close();
    await discord?.close();
  });

  it('GIVEN both platforms THEN one process answers on each, and SIGTERM stops both and exits 0', async () => {
    slack = await startFakeSlack();
    discord = await startFakeDiscord({ botUser: BOT, applicationId: BOT_ID, guilds: [fixture('guild_create')] });
    const bot = startBot({
      PORT: '0',
      SLACK_BOT_TOKEN: SLACK_TOKEN,
      SLACK_SIGNING_SECRET: SLACK_SECRET,
      SLACK_API_URL: slack.apiUrl,
      DISCORD_TOKEN,
      DISCORD_APPLICATION_ID: BOT_ID,
      DISCORD_API_URL: discord.apiUrl,
    });
    kill = () => bot.child.kill('SIGKILL');
    const logLines = bot.logs;

    const started = await discord.waitFor(() => {
      const lines = logLines().filter((l) => l.msg === 'platform started');
      return lines.length === 2 ? lines : null;
    }, 'both platforms to start', 15_000);
    expect(started.map((l) => l.platform).sort()).toEqual(['discord', 'slack']);
    expect(slack.delivered('auth.test')).toHaveLength(1);
    expect(discord.gateway.log.identifies).toHaveLength(1);

    // Slack: a signed mention to the HTTP receiver on the port it logged.
    const port = logLines().find((l) => l.msg === 'slack: receiving events')?.port;
    expect(port).toBeGreaterThan(0);
    const mention = eventFrom('app_mention');
    const sent = await sendSigned(`http://127.0.0.1:${port}/slack/events`, eventBody(mention).body, 'application/json', { secret: SLACK_SECRET });
    expect(sent.status).toBe(200);
    const [post] = await slack.waitForDelivered('chat.postMessage', 1, 15_000);
    expect(post!.body).toMatchObject({ channel: 'C0GENERAL', thread_ts: mention.event.ts });

    // Discord: a mention over the gateway, answered by REST.
    const question = events.mention('what is kvm?');
    discord.gateway.dispatch('MESSAGE_CREATE', question);
    await discord.waitFor(
      () => discord!.ok('POST', paths.channelMessages(CHANNEL_ID)).find((c) => c.body.message_reference?.message_id === question.id),
      'the Discord reply',
      15_000,
    );

    bot.child.kill('SIGTERM');
    expect(await bot.exited).toBe(0);
    kill = undefined;
    const messages = logLines().map((l) => l.msg);
    expect(messages).toEqual(expect.arrayContaining(['slack: stopped', 'discord: disconnected', 'stopped']));
    expect(messages.indexOf('stopped')).toBeGreaterThan(messages.indexOf('slack: stopped'));
    expect(messages.indexOf('stopped')).toBeGreaterThan(messages.indexOf('discord: disconnected'));
    // Logs go to stderr only, and never carry a credential.
    expect(bot.stdout()).toBe('');
    for (const secret of [SLACK_TOKEN, SLACK_SECRET, DISCORD_TOKEN]) expect(bot.stderr()).not.toContain(secret);
  });
});
