import { ButtonStyle } from 'discord.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RecordedCall } from './fake-discord.js';
import { buttonsOf, CHANNEL_ID, events, paths, startWithRealCore, type RealHarness } from './harness.js';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Json = any;

/** The first button that answers the current question (not back / cancel / restart / skip). */
const answerButton = (message: Json) =>
  buttonsOf(message).find((b) => /^rw:rec:[^:]+:[^:]+$/.test(b.custom_id) && !b.custom_id.startsWith('rw:rec:ctl:') && !b.custom_id.endsWith(':skip'));

describe('dialogue buttons, against a fake Discord and the real core', () => {
  let h: RealHarness;
  beforeAll(async () => {
    h = await startWithRealCore();
  });
  afterAll(async () => h?.close());

  /** Clicks `customId` on `message`; returns the edit of the clicked message and the messages that followed. */
  async function click(message: Json, customId: string, user?: Json) {
    const interaction = events.button(customId, message, user);
    h.fake.gateway.dispatch('INTERACTION_CREATE', interaction);
    const [ack] = await h.sent('POST', paths.callback(interaction.id));
    const [next] = await h.sent('POST', paths.followups(interaction.token));
    const edits = h.fake.ok('PATCH', paths.original(interaction.token));
    return { ack, edits, next: next as RecordedCall, interaction };
  }

  it('GIVEN /runwise recommend THEN clicking answers all the way ends in a verdict, each clicked message locked', async () => {
    const start = events.command('recommend');
    h.fake.gateway.dispatch('INTERACTION_CREATE', start);
    let [current] = await h.sent('PATCH', paths.original(start.token));
    let steps = 0;
    for (let button = answerButton(current?.response); button; button = answerButton(current?.response)) {
      const { ack, edits, next } = await click(current?.response, button.custom_id);
      expect(ack?.body.type).toBe(6); // deferred update: acknowledged at once, no visible change yet
      const locked = buttonsOf(edits[0]?.body);
      expect(locked.length).toBe(buttonsOf(current?.response).length);
      expect(locked.every((b) => b.disabled === true)).toBe(true);
      expect(locked.filter((b) => b.style === ButtonStyle.Success).map((b) => b.custom_id)).toEqual([button.custom_id]);
      expect(next.body.allowed_mentions).toMatchObject({ parse: [] });
      current = next;
      steps += 1;
      expect(steps).toBeLessThan(20);
    }
    expect(steps).toBeGreaterThan(1);
    const verdict = h.replies.at(-1);
    expect(verdict?.kind).toBe('verdict');
    expect(current?.body.content).toContain(verdict?.text.slice(0, 60));
  });

  it('GIVEN a question by mention THEN a free-text reply to the bot continues the dialogue', async () => {
    const start = events.mention('recommend me something');
    h.fake.gateway.dispatch('MESSAGE_CREATE', start);
    const replyTo = (id: string) => () => h.fake.ok('POST', paths.channelMessages(CHANNEL_ID)).find((c) => c.body.message_reference?.message_id === id);
    await h.fake.waitFor(replyTo(start.id), 'the first question');
    const asked = h.replies.at(-1);
    expect(asked).toMatchObject({ kind: 'question', flow: 'recommend' });
    const answer = events.mention('not sure');
    h.fake.gateway.dispatch('MESSAGE_CREATE', answer);
    await h.fake.waitFor(replyTo(answer.id), 'the next step');
    expect(h.replies.at(-1)?.kind).toBe('question');
    expect(h.replies.at(-1)).not.toMatchObject({ kind: 'question', step: (asked as { step: string }).step });
  });

  it('GIVEN someone else clicks a button on my question THEN my buttons stay usable and they get their own answer', async () => {
    const start = events.command('recommend');
    h.fake.gateway.dispatch('INTERACTION_CREATE', start);
    const [question] = await h.sent('PATCH', paths.original(start.token));
    const button = answerButton(question?.response);
    const bob = { ...start.member.user, id: '1400000000000000002', username: 'bob' };
    const { edits, next } = await click(question?.response, button.custom_id, bob);
    expect(edits).toEqual([]);
    expect(next.response.interaction_metadata.user.id).toBe(bob.id);
  });
});

describe('a double click, against a fake Discord and the real core', () => {
  let h: RealHarness;
  beforeAll(async () => {
    h = await startWithRealCore();
  });
  afterAll(async () => h?.close());

  it('GIVEN the owner clicks the same button twice before the message is locked THEN the next step is posted once', async () => {
    const start = events.command('recommend');
    h.fake.gateway.dispatch('INTERACTION_CREATE', start);
    const [question] = await h.sent('PATCH', paths.original(start.token));
    const button = answerButton(question?.response);
    const first = events.button(button.custom_id, question?.response);
    const second = events.button(button.custom_id, question?.response);
    h.fake.gateway.dispatch('INTERACTION_CREATE', first);
    h.fake.gateway.dispatch('INTERACTION_CREATE', second);
    // Both clicks are acknowledged (Discord requires it); one moves the dialogue on.
    await h.sent('POST', paths.callback(first.id));
    await h.sent('POST', paths.callback(second.id));
    await h.fake.waitFor(() => [first, second].some((click) => h.fake.ok('POST', paths.followups(click.token)).length > 0), 'the next step');
    // A later interaction, answered, gives the other click time to post (it must not).
    const marker = events.command('help_dm');
    h.fake.gateway.dispatch('INTERACTION_CREATE', marker);
    await h.sent('PATCH', paths.original(marker.token));
    const followUps = [first, second].flatMap((click) => h.fake.ok('POST', paths.followups(click.token)));
    expect(followUps).toHaveLength(1);
    const locks = [first, second].flatMap((click) => h.fake.ok('PATCH', paths.original(click.token)));
    expect(locks).toHaveLength(1);
  });
});
