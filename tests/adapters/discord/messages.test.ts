import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHANNEL_ID, events, fixture, paths, startWithRealCore, type RealHarness } from './harness.js';

const DM_CHANNEL_ID: string = fixture('message_create_dm').channel_id;
const NOBODY = { everyone: false, users: [], roles: [] };

describe('Discord messages, against a fake Discord and the real core', () => {
  let h: RealHarness;
  beforeAll(async () => {
    h = await startWithRealCore();
  });
  afterAll(async () => h?.close());

  const repliesTo = (messageId: string) => () => {
    const calls = h.fake.ok('POST', paths.channelMessages(CHANNEL_ID)).filter((c) => c.body.message_reference?.message_id === messageId);
    return calls.length > 0 ? calls : null;
  };

  it('GIVEN a mention in a channel THEN it replies to that message, without pinging the author', async () => {
    const mention = events.mention('what is kvm?');
    h.fake.gateway.dispatch('MESSAGE_CREATE', mention);
    const [reply] = await h.fake.waitFor(repliesTo(mention.id), 'a reply to the mention');
    expect(reply?.body.content.length).toBeGreaterThan(0);
    expect(reply?.body.content).not.toContain(`<@`);
    expect(reply?.body.allowed_mentions).toEqual({ parse: [], replied_user: false });
    expect(reply?.pings).toEqual(NOBODY);
  });

  it('GIVEN a DM THEN it answers in the DM, as a plain message', async () => {
    const dm = events.dm('docker vs podman');
    h.fake.gateway.dispatch('MESSAGE_CREATE', dm);
    const [reply] = await h.sent('POST', paths.channelMessages(DM_CHANNEL_ID));
    expect(reply?.body.content.length).toBeGreaterThan(0);
    expect(reply?.body.message_reference).toBeUndefined();
    expect(reply?.body.allowed_mentions).toMatchObject({ parse: [] });
  });

  it('GIVEN @everyone, @here, a role and a user in the question THEN the reply pings nobody', async () => {
    const mention = events.mention('@everyone @here <@&1210000000000000001> <@1400000000000000002> what is docker?');
    h.fake.gateway.dispatch('MESSAGE_CREATE', mention);
    const replies = await h.fake.waitFor(repliesTo(mention.id), 'a reply');
    for (const reply of replies) {
      expect(reply.body.allowed_mentions).toMatchObject({ parse: [] });
      expect(reply.pings).toEqual(NOBODY);
      expect(reply.response.mention_everyone).toBe(false);
    }
  });

  it('GIVEN a 20,000-character question THEN a polite answer arrives, every message within 2,000 characters', async () => {
    const mention = events.mention(`what is kvm ${'and why '.repeat(2500)}`);
    expect(mention.content.length).toBeGreaterThan(20_000);
    h.fake.gateway.dispatch('MESSAGE_CREATE', mention);
    const replies = await h.fake.waitFor(repliesTo(mention.id), 'a reply');
    for (const reply of replies) {
      expect(reply.body.content.length).toBeGreaterThan(0);
      expect(reply.body.content.length).toBeLessThanOrEqual(2000);
    }
  });

  it('GIVEN messages from bots, from itself, and channel chatter without a mention THEN nothing is sent', async () => {
    const before = h.fake.calls.length;
    const bot = { ...fixture('message_create_mention').author, id: '1400000000000000099', bot: true };
    h.fake.gateway.dispatch('MESSAGE_CREATE', events.mention('what is kvm?', bot));
    h.fake.gateway.dispatch('MESSAGE_CREATE', events.mention('what is kvm?', fixture('message_create_mention').mentions[0]));
    h.fake.gateway.dispatch('MESSAGE_CREATE', { ...events.mention('x'), content: 'lunch anyone?', mentions: [] });
    // A marker message that is answered proves the three before it were processed (events are in order).
    const dmRepliesBefore = h.fake.ok('POST', paths.channelMessages(DM_CHANNEL_ID)).length;
    h.fake.gateway.dispatch('MESSAGE_CREATE', events.dm('what is lxc?'));
    await h.sent('POST', paths.channelMessages(DM_CHANNEL_ID), dmRepliesBefore + 1);
    const sentToChannel = h.fake.calls.slice(before).filter((c) => c.method === 'POST' && paths.channelMessages(CHANNEL_ID).test(c.path));
    expect(sentToChannel).toEqual([]);
  });

  it('GIVEN Discord answers 429 once THEN the reply is delivered exactly once, after the wait', async () => {
    h.fake.failOnce({ method: 'POST', path: paths.channelMessages(CHANNEL_ID), status: 429 });
    const mention = events.mention('what is podman?');
    h.fake.gateway.dispatch('MESSAGE_CREATE', mention);
    const delivered = await h.fake.waitFor(repliesTo(mention.id), 'the reply after the rate limit');
    const attempts = h.fake.calls.filter((c) => c.body?.message_reference?.message_id === mention.id);
    expect(attempts.map((c) => c.status)).toEqual([429, ...delivered.map(() => 200)]);
    expect(new Set(delivered.map((c) => c.body.content)).size).toBe(delivered.length);
  });

  it('GIVEN Discord answers 500 once THEN the reply is retried and delivered exactly once', async () => {
    h.fake.failOnce({ method: 'POST', path: paths.channelMessages(CHANNEL_ID), status: 500 });
    const mention = events.mention('what is xen?');
    h.fake.gateway.dispatch('MESSAGE_CREATE', mention);
    const delivered = await h.fake.waitFor(repliesTo(mention.id), 'the reply after the server error');
    const attempts = h.fake.calls.filter((c) => c.body?.message_reference?.message_id === mention.id);
    expect(attempts[0]?.status).toBe(500);
    expect(attempts.filter((c) => c.status === 200)).toHaveLength(delivered.length);
  });

  it('GIVEN the same message delivered twice (a replayed event) THEN it is answered once', async () => {
    const mention = events.mention('what is esxi?');
    h.fake.gateway.dispatch('MESSAGE_CREATE', mention);
    h.fake.gateway.dispatch('MESSAGE_CREATE', mention);
    const marker = events.mention('what is hyper-v?');
    h.fake.gateway.dispatch('MESSAGE_CREATE', marker);
    await h.fake.waitFor(repliesTo(marker.id), 'the marker reply');
    const first = repliesTo(mention.id)() ?? [];
    expect(first.length).toBeGreaterThan(0);
    expect(new Set(first.map((c) => c.body.content)).size).toBe(first.length);
  });
});
