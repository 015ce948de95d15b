import { GatewayIntentBits } from 'discord.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buttonsOf, events, paths, startWithRealCore, WELCOME_CHANNEL_ID, type RealHarness } from './harness.js';

describe('onboarding welcome, against a fake Discord and the real core', () => {
  let h: RealHarness;
  beforeAll(async () => {
    h = await startWithRealCore({ DISCORD_WELCOME_CHANNEL_ID: WELCOME_CHANNEL_ID });
  });
  afterAll(async () => h?.close());

  it('asks for the Server Members intent only because the welcome is configured', () => {
    const intents = Number(h.fake.gateway.log.identifies[0]?.['intents']);
    expect(intents & GatewayIntentBits.GuildMembers).toBe(GatewayIntentBits.GuildMembers);
  });

  it('GIVEN a member joins (and the event is replayed) THEN one welcome with buttons, pinging only that member', async () => {
    const join = events.memberAdd();
    h.fake.gateway.dispatch('GUILD_MEMBER_ADD', join);
    h.fake.gateway.dispatch('GUILD_MEMBER_ADD', join);
    const other = events.memberAdd();
    h.fake.gateway.dispatch('GUILD_MEMBER_ADD', other);
    const [first, second] = await h.sent('POST', paths.channelMessages(WELCOME_CHANNEL_ID), 2);
    const welcomes = h.fake.ok('POST', paths.channelMessages(WELCOME_CHANNEL_ID));
    const forJoin = welcomes.filter((c) => c.body.content.includes(`<@${join.user.id}>`));
    expect(forJoin).toHaveLength(1);
    expect(first?.pings).toEqual({ everyone: false, users: [join.user.id], roles: [] });
    expect(first?.body.allowed_mentions).toMatchObject({ parse: [], users: [join.user.id] });
    expect(second?.body.content).toContain(`<@${other.user.id}>`);
    const ids = buttonsOf(first?.body).map((b) => b.custom_id);
    expect(ids).toEqual(expect.arrayContaining(['rw:start:tour', 'rw:start:recommend']));
  });

  it('GIVEN the new member clicks "tour" on the welcome THEN the tour starts for them', async () => {
    const join = events.memberAdd();
    h.fake.gateway.dispatch('GUILD_MEMBER_ADD', join);
    const welcome = await h.fake.waitFor(
      () => h.fake.ok('POST', paths.channelMessages(WELCOME_CHANNEL_ID)).find((c) => c.body.content.includes(`<@${join.user.id}>`)),
      'the welcome',
    );
    const click = events.button('rw:start:tour', { ...welcome.response, channel_id: WELCOME_CHANNEL_ID }, join.user);
    click.channel_id = WELCOME_CHANNEL_ID;
    click.channel = { ...click.channel, id: WELCOME_CHANNEL_ID, name: 'welcome' };
    h.fake.gateway.dispatch('INTERACTION_CREATE', click);
    const [next] = await h.sent('POST', paths.followups(click.token));
    expect(next?.body.content.length).toBeGreaterThan(0);
    expect(h.replies.at(-1)).toMatchObject({ kind: 'question', flow: 'tour' });
    const [lock] = await h.sent('PATCH', paths.original(click.token));
    expect(buttonsOf(lock?.body).every((b) => b.disabled)).toBe(true);
  });

  it('ignores bots joining', async () => {
    const bot = events.memberAdd();
    bot.user.bot = true;
    h.fake.gateway.dispatch('GUILD_MEMBER_ADD', bot);
    const marker = events.memberAdd();
    h.fake.gateway.dispatch('GUILD_MEMBER_ADD', marker);
    await h.fake.waitFor(
      () => h.fake.ok('POST', paths.channelMessages(WELCOME_CHANNEL_ID)).find((c) => c.body.content.includes(`<@${marker.user.id}>`)),
      'the marker welcome',
    );
    expect(h.fake.ok('POST', paths.channelMessages(WELCOME_CHANNEL_ID)).some((c) => c.body.content.includes(`<@${bot.user.id}>`))).toBe(false);
  });
});
