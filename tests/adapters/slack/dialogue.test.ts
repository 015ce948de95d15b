import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { FakeCall } from './fake-slack.js';
import { blocksOf, buttonsOf, clickPayload, commandFrom, eventFrom, posts, startHarness, visibleText, type Harness } from './harness.js';

let h: Harness;
beforeEach(async () => {
  h = await startHarness();
});
afterEach(async () => {
  await h?.close();
});

const isVerdict = (call: FakeCall) => blocksOf(call).some((b) => b.type === 'divider');
const hasButtons = (call: FakeCall) => buttonsOf(call).length > 0;
/** The step's answer buttons, not the way out ("cancel", "start again") or side trips. */
const answerButton = (call: FakeCall) => {
  const index = buttonsOf(call).findIndex((b) => !/cancel|stop|restart|again|^meta:/i.test(b.value));
  return index >= 0 ? index : 0;
};

describe('/runwise', () => {
  it('acknowledges at once with an empty 200, then answers a question in the channel', async () => {
    const sent = await h.command(commandFrom(h.fake, 'what is a hypervisor?'));
    expect(sent).toEqual({ status: 200, text: '' });
    const [post] = await h.fake.waitForDelivered('chat.postMessage');
    expect(post!.body.channel).toBe('C0GENERAL');
    expect(post!.body.thread_ts).toBeUndefined();
    expect(visibleText(post!).length).toBeGreaterThan(0);
  });

  it.each(['help', ''])('"/runwise %s" answers only the user (ephemeral)', async (text) => {
    await h.command(commandFrom(h.fake, text));
    const [help] = await h.fake.waitForDelivered('chat.postEphemeral');
    expect(help!.body).toMatchObject({ channel: 'C0GENERAL', user: 'U0ALICE' });
    expect(visibleText(help!).length).toBeGreaterThan(20);
    await h.idle();
    expect(posts(h.fake)).toHaveLength(0);
  });

  it.each(['recommend', 'tour'])('"/runwise %s" starts a dialogue in the channel with buttons', async (text) => {
    await h.command(commandFrom(h.fake, text));
    const [post] = await h.fake.waitForDelivered('chat.postMessage');
    expect(post!.body.channel).toBe('C0GENERAL');
    expect(hasButtons(post!)).toBe(true);
  });

  it('GIVEN the bot is not in the channel THEN the answer still reaches the channel through the response_url', async () => {
    h.fake.failNext('chat.postMessage', { error: 'not_in_channel' });
    await h.command(commandFrom(h.fake, 'what is docker?'));
    const [responded] = await h.fake.waitForDelivered('respond');
    expect(responded!.body.response_type).toBe('in_channel');
    expect(visibleText(responded!).length).toBeGreaterThan(0);
  });
});

describe('buttons', () => {
  it('GIVEN /runwise recommend THEN clicking buttons walks to a verdict; each clicked message loses its buttons', async () => {
    await h.command(commandFrom(h.fake, 'recommend'));
    let [current] = await h.fake.waitForDelivered('chat.postMessage');
    for (let step = 0; step < 15 && !isVerdict(current!); step += 1) {
      expect(hasButtons(current!)).toBe(true);
      const payload = clickPayload(h.fake, current!, answerButton(current!));
      expect((await h.action(payload)).status).toBe(200);
      const replies = await h.fake.waitForDelivered('chat.postMessage', step + 2);
      const updates = await h.fake.waitForDelivered('chat.update', step + 1);
      const update = updates.at(-1)!;
      // The clicked message: same message, its buttons replaced by "✓ <label>".
      expect(update.body.ts).toBe(payload.container.message_ts);
      expect(buttonsOf(update)).toHaveLength(0);
      expect(visibleText(update)).toContain(`✓ ${payload.actions[0].text.text}`);
      current = replies.at(-1)!;
      // Every step continues in one thread: under the first message the dialogue posted.
      expect(current.body.thread_ts).toBe(String(posts(h.fake)[0]!.response!.ts));
    }
    expect(isVerdict(current!)).toBe(true);
  });

  it('GIVEN the same buttons clicked twice THEN the dialogue moves on once', async () => {
    await h.event(eventFrom('app_mention', (e) => (e.text = '<@U0RUNBOT> recommend')));
    const [question] = await h.fake.waitForDelivered('chat.postMessage');
    expect(hasButtons(question!)).toBe(true);
    const payload = clickPayload(h.fake, question!, 0);
    await Promise.all([h.action(payload), h.action({ ...payload, actions: [{ ...payload.actions[0], action_ts: '1712100002.000002' }] })]);
    await h.fake.waitForDelivered('chat.postMessage', 2);
    await h.idle();
    expect(posts(h.fake)).toHaveLength(2);
    expect(h.fake.delivered('chat.update')).toHaveLength(1);
  });

  it('GIVEN a dialogue in a mention thread THEN a typed answer in the thread (no mention) continues it', async () => {
    const mention = eventFrom('app_mention', (e) => (e.text = '<@U0RUNBOT> recommend'));
    await h.event(mention);
    const [question] = await h.fake.waitForDelivered('chat.postMessage');
    expect(question!.body.thread_ts).toBe(mention.event.ts);
    const label = buttonsOf(question!)[answerButton(question!)]!.text.text;
    await h.event(eventFrom('message_thread', (e) => Object.assign(e, { text: label, thread_ts: mention.event.ts })));
    const replies = await h.fake.waitForDelivered('chat.postMessage', 2);
    const next = replies[1]!;
    expect(next.body.thread_ts).toBe(mention.event.ts);
    // The dialogue moved on: a different step (or the verdict), not the same question again.
    expect(visibleText(next)).not.toBe(visibleText(question!));
    expect(hasButtons(next) || isVerdict(next)).toBe(true);
  });

  it('GIVEN /runwise recommend THEN a typed answer in the thread under its message continues the same dialogue', async () => {
    await h.command(commandFrom(h.fake, 'recommend'));
    const [question] = await h.fake.waitForDelivered('chat.postMessage');
    const root = String(question!.response!.ts);
    const label = buttonsOf(question!)[answerButton(question!)]!.text.text;
    await h.event(eventFrom('message_thread', (e) => Object.assign(e, { text: label, thread_ts: root, parent_user_id: 'U0RUNBOT' })));
    const replies = await h.fake.waitForDelivered('chat.postMessage', 2);
    expect(replies[1]!.body.thread_ts).toBe(root);
    expect(visibleText(replies[1]!)).not.toBe(visibleText(question!));
    expect(hasButtons(replies[1]!) || isVerdict(replies[1]!)).toBe(true);
  });

  it('GIVEN a dialogue in a DM THEN a typed answer continues it in the DM', async () => {
    await h.event(eventFrom('message_im', (e) => (e.text = 'recommend')));
    const [question] = await h.fake.waitForDelivered('chat.postMessage');
    expect(hasButtons(question!)).toBe(true);
    const label = buttonsOf(question!)[answerButton(question!)]!.text.text;
    await h.event(eventFrom('message_im', (e) => Object.assign(e, { text: label, ts: '1712000100.000900' })));
    const replies = await h.fake.waitForDelivered('chat.postMessage', 2);
    expect(replies[1]!.body.channel).toBe('D0ALICE');
    expect(visibleText(replies[1]!)).not.toBe(visibleText(question!));
  });
});

describe('onboarding and App Home', () => {
  it('GIVEN a person joins a welcome channel twice, and again after a restart THEN one ephemeral welcome with the tour, recommendation, ask and help buttons', async () => {
    await h.event(eventFrom('member_joined_channel'));
    const [welcome] = await h.fake.waitForDelivered('chat.postEphemeral');
    expect(welcome!.body).toMatchObject({ channel: 'C0WELCOME', user: 'U0BOB' });
    expect(buttonsOf(welcome!).map((b) => b.value)).toEqual(['start:tour', 'start:recommend', 'meta:ask', 'meta:help']);
    await h.event(eventFrom('member_joined_channel'));
    await h.idle();
    const restarted = await startHarness({ store: h.runwise.store, fake: h.fake });
    try {
      await restarted.event(eventFrom('member_joined_channel'));
      await restarted.idle();
    } finally {
      await restarted.close();
    }
    expect(h.fake.delivered('chat.postEphemeral')).toHaveLength(1);
    expect(posts(h.fake)).toHaveLength(0);
  });

  it('GIVEN a join in another channel, or the bot itself joining THEN no welcome', async () => {
    await h.event(eventFrom('member_joined_channel', (e) => (e.channel = 'C0RANDOM')));
    await h.event(eventFrom('member_joined_channel', (e) => (e.user = 'U0RUNBOT')));
    await h.idle();
    expect(h.fake.calls.filter((c) => c.method.startsWith('chat.'))).toEqual([]);
  });

  it('GIVEN a click on the ephemeral welcome THEN the welcome shows the choice and the follow-up stays private', async () => {
    await h.event(eventFrom('member_joined_channel'));
    const [welcome] = await h.fake.waitForDelivered('chat.postEphemeral');
    const index = buttonsOf(welcome!).findIndex((b) => b.value === 'start:recommend');
    await h.action(clickPayload(h.fake, welcome!, index, { user: 'U0BOB', ephemeral: true }));
    const [replaced] = await h.fake.waitForDelivered('respond');
    expect(replaced!.body.replace_original).toBe(true);
    expect(visibleText(replaced!)).toContain('✓');
    const ephemerals = await h.fake.waitForDelivered('chat.postEphemeral', 2);
    expect(ephemerals[1]!.body).toMatchObject({ channel: 'C0WELCOME', user: 'U0BOB' });
    expect(hasButtons(ephemerals[1]!)).toBe(true);
    expect(posts(h.fake)).toHaveLength(0);
  });

  it('GIVEN SLACK_WELCOME_MODE=dm THEN the welcome arrives as a DM', async () => {
    const dm = await startHarness({ fake: h.fake, env: { SLACK_WELCOME_MODE: 'dm' } });
    try {
      await dm.event(eventFrom('member_joined_channel'));
      const [welcome] = await h.fake.waitForDelivered('chat.postMessage');
      expect(h.fake.delivered('conversations.open')[0]!.body.users).toBe('U0BOB');
      expect(welcome!.body.channel).toBe('D0BOB');
      expect(hasButtons(welcome!)).toBe(true);
    } finally {
      await dm.close();
    }
  });

  it('GIVEN App Home is opened THEN views.publish shows what the bot does with buttons; a click continues in the DM', async () => {
    await h.event(eventFrom('app_home_opened'));
    const [published] = await h.fake.waitForDelivered('views.publish');
    expect(published!.body.user_id).toBe('U0ALICE');
    expect((published!.body.view as { type: string }).type).toBe('home');
    expect(hasButtons(published!)).toBe(true);
    const payload = clickPayload(h.fake, published!, buttonsOf(published!).findIndex((b) => b.value === 'start:tour'));
    payload.container = { type: 'view', view_id: 'V0HOME0001' };
    payload.view = { id: 'V0HOME0001', type: 'home' };
    delete payload.message;
    delete payload.channel;
    delete payload.response_url;
    await h.action(payload);
    const [post] = await h.fake.waitForDelivered('chat.postMessage');
    expect(post!.body.channel).toBe('D0ALICE');
    expect(hasButtons(post!)).toBe(true);
    expect(h.fake.delivered('chat.update')).toHaveLength(0);
  });
});
