import { MessageFlags } from 'discord.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadDiscordWords } from '../../../src/adapters/discord/words.js';
import type { Core } from '../../../src/core/types.js';
import { createStore } from '../../../src/store/index.js';
import { buttonsOf, CHANNEL_ID, events, paths, startHarness, type Harness } from './harness.js';

/** A core that answers a question with one button, and fails on anything said with the word "fail" or on a click. */
const core: Core = {
  async handle(message) {
    if (message.choiceId || message.text.includes('fail')) throw new Error('core exploded at /srv/runwise/secret.ts:42');
    return { kind: 'answer', intent: 'define', topic: 't', confidence: 1, text: 'An answer.', choices: [{ id: 'more:t', label: 'More' }], sources: [] };
  },
};

describe('failures, against a fake Discord', () => {
  const error = loadDiscordWords().error;
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({ runwise: { core, store: await createStore('memory:') } });
  });
  afterAll(async () => h?.close());

  it('GIVEN the core fails on a button click THEN only the clicker sees a polite error, and the buttons stay usable', async () => {
    const mention = events.mention('what is kvm?');
    h.fake.gateway.dispatch('MESSAGE_CREATE', mention);
    const answered = await h.fake.waitFor(
      () => h.fake.ok('POST', paths.channelMessages(CHANNEL_ID)).find((c) => c.body.message_reference?.message_id === mention.id),
      'the answer with a button',
    );
    const [button] = buttonsOf(answered.response);
    const click = events.button(button.custom_id, answered.response);
    h.fake.gateway.dispatch('INTERACTION_CREATE', click);
    const [ack] = await h.sent('POST', paths.callback(click.id));
    expect(ack?.body.type).toBe(6);
    const [notice] = await h.sent('POST', paths.followups(click.token));
    expect(notice?.body.flags & MessageFlags.Ephemeral).toBe(MessageFlags.Ephemeral);
    expect(notice?.body.content).toBe(error);
    expect(notice?.body.allowed_mentions).toMatchObject({ parse: [] });
    // The failed turn did not lock the message: the user can click again.
    expect(h.fake.ok('PATCH', paths.original(click.token))).toEqual([]);
  });

  it('GIVEN the core fails on a mention THEN the reply is the polite error, without internals', async () => {
    const mention = events.mention('please fail');
    h.fake.gateway.dispatch('MESSAGE_CREATE', mention);
    const reply = await h.fake.waitFor(
      () => h.fake.ok('POST', paths.channelMessages(CHANNEL_ID)).find((c) => c.body.message_reference?.message_id === mention.id),
      'the error reply',
    );
    expect(reply.body.content).toBe(error);
    expect(reply.body.content).not.toMatch(/secret|exploded|\.ts/);
    expect(reply.body.allowed_mentions).toMatchObject({ parse: [] });
  });
});
