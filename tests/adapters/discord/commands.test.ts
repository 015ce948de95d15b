import { MessageFlags } from 'discord.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadDiscordWords } from '../../../src/adapters/discord/words.js';
import { buttonsOf, events, fixture, paths, startWithRealCore, type RealHarness } from './harness.js';

describe('/runwise slash command, against a fake Discord and the real core', () => {
  let h: RealHarness;
  beforeAll(async () => {
    h = await startWithRealCore();
  });
  afterAll(async () => h?.close());

  /** Dispatches the command; returns the acknowledgement and the answer that replaced "thinking…". */
  async function run(name: Parameters<typeof events.command>[0], question?: string) {
    const interaction = events.command(name, question);
    h.fake.gateway.dispatch('INTERACTION_CREATE', interaction);
    const [ack] = await h.sent('POST', paths.callback(interaction.id));
    const [answer] = await h.sent('PATCH', paths.original(interaction.token));
    return { interaction, ack, answer };
  }

  it('GIVEN /runwise ask THEN it defers at once (type 5) and then edits the original with the answer', async () => {
    const { ack, answer, interaction } = await run('ask', 'what is kvm?');
    expect(ack?.body.type).toBe(5);
    expect(ack?.body.data?.flags ?? 0).toBe(0); // public: the answer is for the channel
    const order = h.fake.calls.filter((c) => c.path.includes(interaction.token) || c.path.includes(interaction.id));
    expect(order.map((c) => c.method)).toEqual(['POST', 'PATCH']);
    expect(answer?.body.content.length).toBeGreaterThan(0);
    expect(answer?.body.allowed_mentions).toMatchObject({ parse: [] });
    expect(h.replies.at(-1)?.kind).not.toBe('fallback');
  });

  it('GIVEN /runwise recommend THEN the first question arrives with answer buttons', async () => {
    const { answer } = await run('recommend');
    expect(answer?.body.content.length).toBeGreaterThan(0);
    const buttons = buttonsOf(answer?.body);
    expect(buttons.length).toBeGreaterThan(1);
    for (const button of buttons) expect(button.custom_id).toMatch(/^rw:/);
    expect(h.replies.at(-1)?.kind).toBe('question');
  });

  it('GIVEN /runwise tour THEN the tour starts', async () => {
    const { answer } = await run('tour');
    expect(answer?.body.content.length).toBeGreaterThan(0);
    expect(buttonsOf(answer?.body).length).toBeGreaterThan(0);
    expect(h.replies.at(-1)).toMatchObject({ kind: 'question', flow: 'tour' });
  });

  it('GIVEN /runwise help in a DM THEN the help text arrives there', async () => {
    const { answer } = await run('help_dm');
    expect(h.replies.at(-1)?.intent).toBe('help');
    expect(answer?.body.content).toContain(h.replies.at(-1)?.text.slice(0, 60));
  });

  it('GIVEN a very long question THEN every message of the answer stays within 2,000 characters, in order', async () => {
    const { answer, interaction } = await run('ask', `what is docker ${'x '.repeat(10_000)}`);
    const followUps = h.fake.ok('POST', paths.followups(interaction.token));
    for (const part of [answer, ...followUps]) expect(part?.body.content.length).toBeLessThanOrEqual(2000);
  });

  it('GIVEN /runwise ask in a DM between two people, runwise installed to the user only THEN the answer comes through the interaction webhook, never a channel send', async () => {
    const dm = fixture('interaction_message_command_user_dm');
    const interaction = { ...events.command('ask', 'what is lxc?'), context: dm.context, channel_id: dm.channel_id, channel: dm.channel, user: dm.user, authorizing_integration_owners: dm.authorizing_integration_owners };
    for (const key of ['guild_id', 'guild', 'guild_locale', 'member']) delete interaction[key];
    delete interaction.data.guild_id;
    const before = h.fake.calls.filter((c) => c.path.startsWith('/channels/')).length;
    h.fake.gateway.dispatch('INTERACTION_CREATE', interaction);
    const [ack] = await h.sent('POST', paths.callback(interaction.id));
    const [answer] = await h.sent('PATCH', paths.original(interaction.token));
    expect(ack?.body.type).toBe(5);
    expect(answer?.body.content.length).toBeGreaterThan(0);
    expect(answer?.body.allowed_mentions).toMatchObject({ parse: [] });
    expect(h.fake.calls.filter((c) => c.path.startsWith('/channels/'))).toHaveLength(before);
  });

  it('GIVEN Discord rejects the answer THEN the user gets a short ephemeral error and no details', async () => {
    const interaction = events.command('ask', 'what is lxc?');
    h.fake.failOnce({ method: 'PATCH', path: paths.original(interaction.token), status: 400 });
    h.fake.gateway.dispatch('INTERACTION_CREATE', interaction);
    const [notice] = await h.sent('POST', paths.followups(interaction.token));
    expect(notice?.body.flags & MessageFlags.Ephemeral).toBe(MessageFlags.Ephemeral);
    expect(notice?.body.content).toBe(loadDiscordWords().error);
    // The public "thinking…" placeholder is removed rather than left spinning.
    expect(h.fake.ok('DELETE', paths.original(interaction.token))).toHaveLength(1);
  });
});
