import { GatewayIntentBits } from 'discord.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHANNEL_ID, events, paths, startWithRealCore, type RealHarness } from './harness.js';

describe('gateway session, against a fake Discord and the real core', () => {
  let h: RealHarness;
  beforeAll(async () => {
    h = await startWithRealCore();
  });
  afterAll(async () => h?.close());

  it('identifies once with the token and only non-privileged intents by default', () => {
    expect(h.fake.gateway.log.identifies).toHaveLength(1);
    const identify = h.fake.gateway.log.identifies[0]!;
    expect(identify['token']).toBe('fake-bot-token');
    const intents = Number(identify['intents']);
    for (const bit of [GatewayIntentBits.Guilds, GatewayIntentBits.GuildMessages, GatewayIntentBits.DirectMessages]) {
      expect(intents & bit).toBe(bit);
    }
    expect(intents & GatewayIntentBits.MessageContent).toBe(0);
    expect(intents & GatewayIntentBits.GuildMembers).toBe(0);
  });

  it('GIVEN the gateway drops the connection THEN the session resumes and a message sent meanwhile is answered once', async () => {
    h.fake.gateway.disconnect(4000);
    const mention = events.mention('what is containerd?');
    h.fake.gateway.dispatch('MESSAGE_CREATE', mention); // queued until the client is back
    await h.fake.waitFor(() => h.fake.gateway.log.resumes.length === 1, 'a RESUME');
    const replies = await h.fake.waitFor(() => {
      const found = h.fake.ok('POST', paths.channelMessages(CHANNEL_ID)).filter((c) => c.body.message_reference?.message_id === mention.id);
      return found.length > 0 ? found : null;
    }, 'the reply after resuming');
    expect(h.fake.gateway.log.identifies).toHaveLength(1); // resumed, not a fresh session
    expect(h.fake.gateway.log.connections).toBe(2);
    expect(replies.length).toBeGreaterThan(0);

    const after = events.mention('what is cri-o?');
    h.fake.gateway.dispatch('MESSAGE_CREATE', after);
    await h.fake.waitFor(
      () => h.fake.ok('POST', paths.channelMessages(CHANNEL_ID)).find((c) => c.body.message_reference?.message_id === after.id),
      'a reply on the resumed session',
    );
  });

  it('GIVEN stop() THEN nothing more is answered and the socket is closed', async () => {
    await h.bot.stop();
    const before = h.fake.calls.length;
    h.fake.gateway.dispatch('MESSAGE_CREATE', events.mention('what is kvm?'));
    // Nothing to wait for: the client is gone, so the dispatch stays queued at the fake.
    expect(h.fake.calls.length).toBe(before);
    expect(h.bot.client.isReady()).toBe(false);
  });
});
