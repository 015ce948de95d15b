import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadSlackMessages } from '../../../src/adapters/slack/messages.js';
import type { FakeCall } from './fake-slack.js';
import { buttonsOf, clickPayload, eventFrom, posts, startHarness, visibleText, type Harness } from './harness.js';

let h: Harness;
beforeEach(async () => {
  h = await startHarness();
});
afterEach(async () => {
  await h?.close();
});

const words = loadSlackMessages().assistant;
const THREAD = { channel: 'D0ALICE', ts: '1712000300.000100' };
const assistantCalls = () => h.fake.calls.filter((c) => c.method.startsWith('assistant.'));
const indexOf = (call: FakeCall) => h.fake.calls.indexOf(call);

/** A message typed in the assistant thread the fixture started. */
const typed = (text: string) => eventFrom('message_im_assistant', (e) => (e.text = text));

async function startThread(): Promise<void> {
  await h.event(eventFrom('assistant_thread_started'));
  await h.fake.waitForDelivered('assistant.threads.setSuggestedPrompts');
  await h.fake.waitForDelivered('chat.postMessage');
  await h.idle();
  h.fake.reset();
}

describe('Slack assistant panel', () => {
  it('GIVEN assistant_thread_started THEN the welcome is posted in that thread with buttons, and four suggested prompts are set', async () => {
    await h.event(eventFrom('assistant_thread_started'));
    const [prompts] = await h.fake.waitForDelivered('assistant.threads.setSuggestedPrompts');
    expect(prompts!.body).toMatchObject({ channel_id: THREAD.channel, thread_ts: THREAD.ts, title: words.promptsTitle });
    const list = prompts!.body.prompts as Array<{ title: string; message: string }>;
    expect(list).toHaveLength(4);
    expect(list.map((p) => p.title)).toEqual(words.prompts.map((p) => p.title));
    const [welcome] = await h.fake.waitForDelivered('chat.postMessage');
    expect(welcome!.body).toMatchObject({ channel: THREAD.channel, thread_ts: THREAD.ts });
    expect(buttonsOf(welcome!).length).toBeGreaterThan(0);
  });

  it('GIVEN a message.im in the assistant thread THEN status "is looking it up…", then the answer in the thread; the first question becomes the title, shortened', async () => {
    await startThread();
    const question = 'What is a hypervisor, and do I need one to run containers on my laptop at work?';
    await h.event(typed(question));
    const [reply] = await h.fake.waitForDelivered('chat.postMessage');
    await h.idle();
    const [status] = h.fake.delivered('assistant.threads.setStatus');
    expect(status!.body).toMatchObject({ channel_id: THREAD.channel, thread_ts: THREAD.ts, status: words.status });
    expect(indexOf(status!)).toBeLessThan(indexOf(reply!));
    expect(reply!.body).toMatchObject({ channel: THREAD.channel, thread_ts: THREAD.ts });
    expect(visibleText(reply!)).toMatch(/hypervisor/i);
    const [title] = h.fake.delivered('assistant.threads.setTitle');
    expect(title!.body).toMatchObject({ channel_id: THREAD.channel, thread_ts: THREAD.ts });
    const text = String(title!.body.title);
    expect(text.length).toBeLessThanOrEqual(60);
    expect(text.endsWith('…')).toBe(true);
    expect(question.startsWith(text.slice(0, -1).trimEnd())).toBe(true);

    // Later questions keep the title.
    await h.event(typed('docker vs podman'));
    await h.fake.waitForDelivered('chat.postMessage', 2);
    await h.idle();
    expect(h.fake.delivered('assistant.threads.setTitle')).toHaveLength(1);
    expect(h.fake.delivered('assistant.threads.setStatus')).toHaveLength(2);
  });

  it('GIVEN "help me choose" in the assistant thread THEN the recommendation runs there: buttons, clicks and typed answers stay in the thread', async () => {
    await startThread();
    await h.event(typed(words.prompts[1]!.message));
    const [first] = await h.fake.waitForDelivered('chat.postMessage');
    expect(first!.body.thread_ts).toBe(THREAD.ts);
    expect(buttonsOf(first!).length).toBeGreaterThan(1);
    const progress = (call: FakeCall) => Number(/Question (\d+) of/.exec(visibleText(call))?.[1] ?? 0);
    expect(progress(first!)).toBe(1);

    await h.action(clickPayload(h.fake, first!, 0, { ts: String(first!.response!.ts) }));
    const [, second] = await h.fake.waitForDelivered('chat.postMessage', 2);
    expect(second!.body).toMatchObject({ channel: THREAD.channel, thread_ts: THREAD.ts });
    expect(progress(second!)).toBeGreaterThan(1);

    // A typed answer continues the same dialogue (the label of one of the offered choices).
    await h.event(typed(buttonsOf(second!)[0]!.text.text));
    const replies = await h.fake.waitForDelivered('chat.postMessage', 3);
    await h.idle();
    expect(replies[2]!.body.thread_ts).toBe(THREAD.ts);
    expect(progress(replies[2]!)).toBeGreaterThan(progress(second!));
  });

  it('GIVEN a workspace without the assistant feature THEN a DM thread reply is answered as before and no assistant method is called', async () => {
    await h.event(eventFrom('message_im', (e) => Object.assign(e, { thread_ts: '1712000000.000050', text: 'what is kvm?' })));
    const [reply] = await h.fake.waitForDelivered('chat.postMessage');
    await h.idle();
    expect(reply!.body).toMatchObject({ channel: 'D0ALICE', thread_ts: '1712000000.000050' });
    expect(assistantCalls()).toEqual([]);
    expect(posts(h.fake)).toHaveLength(1);
  });

  it('GIVEN the assistant methods fail (feature turned off later) THEN the answer still arrives', async () => {
    await startThread();
    h.fake.failNext('assistant.threads.setStatus', { error: 'not_allowed_token_type' });
    h.fake.failNext('assistant.threads.setTitle', { error: 'not_allowed_token_type' });
    await h.event(typed('what is lxc?'));
    const [reply] = await h.fake.waitForDelivered('chat.postMessage');
    await h.idle();
    expect(reply!.body.thread_ts).toBe(THREAD.ts);
    expect(posts(h.fake)).toHaveLength(1);
  });
});
