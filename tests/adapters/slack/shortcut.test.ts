import { afterEach, describe, expect, it } from 'vitest';
import type { Inbound, Reply } from '../../../src/core/types.js';
import { blocksOf, posts, shortcutFrom, startHarness, visibleText, type Harness, type HarnessOptions } from './harness.js';
import { scriptedCore } from './scripted-core.js';

let h: Harness | undefined;
const start = async (options: HarnessOptions = {}) => (h = await startHarness(options));
afterEach(async () => {
  await h?.close();
  h = undefined;
});

const UNESCAPED = /<!(channel|here|everyone|subteam)|<@U/;
/** The message the fixture's shortcut was used on. */
const TARGET = { channel: 'C0GENERAL', ts: '1712000400.000100' };

describe('Slack message shortcut "Ask runwise"', () => {
  it('GIVEN the shortcut on someone else’s message in a public channel THEN it is acknowledged at once and answered in that message’s thread, for all to see', async () => {
    const { fake, ...app } = await start();
    const sent = await app.action(shortcutFrom(fake));
    expect(sent).toEqual({ status: 200, text: '' });
    const [post] = await fake.waitForDelivered('chat.postMessage');
    expect(post!.body).toMatchObject({ channel: TARGET.channel, thread_ts: TARGET.ts });
    expect(fake.delivered('chat.postEphemeral')).toHaveLength(0);
    // The answer names the message it answers, then answers it: here, the recommendation for that workload.
    const [first] = blocksOf(post!);
    expect(first!.type).toBe('context');
    expect(visibleText(post!)).toContain('should we run the new billing service in a VM or in containers?');
    expect(visibleText(post!).length).toBeGreaterThan(200);
  });

  it('GIVEN the message is a reply inside a thread THEN the answer goes in that same thread', async () => {
    const { fake, ...app } = await start();
    await app.action(shortcutFrom(fake, (p) => Object.assign(p.message, { ts: '1712000450.000100', thread_ts: '1712000440.000100' })));
    const [post] = await fake.waitForDelivered('chat.postMessage');
    expect(post!.body).toMatchObject({ channel: TARGET.channel, thread_ts: '1712000440.000100' });
  });

  it('GIVEN a message full of <!channel>, <!here> and mentions THEN the quoted text and the answer are escaped: nothing can ping', async () => {
    const echo = (m: Inbound): Reply => ({ kind: 'answer', intent: 'define', topic: 't', confidence: 1, text: `You asked: ${m.text}`, choices: [{ id: 'more:t', label: m.text.slice(0, 40) }], sources: [] });
    const core = scriptedCore({ answer: echo });
    const { fake, ...app } = await start({ core });
    const text = '<!channel> <@U0EVE> &lt;!here&gt; &amp; is <!subteam^S0OPS|@ops> right about podman?';
    await app.action(shortcutFrom(fake, (p) => (p.message.text = text)));
    const [post] = await fake.waitForDelivered('chat.postMessage');
    expect(core.seen[0]!.text).toBe('@channel @U0EVE <!here> & is @ops right about podman?');
    expect(JSON.stringify(post!.body)).not.toMatch(UNESCAPED);
    expect(visibleText(post!)).toContain('@channel @U0EVE &lt;!here&gt; &amp; is @ops right about podman?');
  });

  it('GIVEN the bot cannot post there (a private channel or a DM it is not in) THEN only the person who asked gets the answer, through the response_url', async () => {
    const { fake, ...app } = await start();
    fake.failNext('chat.postMessage', { error: 'channel_not_found' });
    await app.action(shortcutFrom(fake, (p) => (p.channel = { id: 'G0PRIVATE', name: 'privategroup' })));
    const [responded] = await fake.waitForDelivered('respond');
    expect(responded!.body).toMatchObject({ response_type: 'ephemeral', replace_original: false });
    expect(visibleText(responded!).length).toBeGreaterThan(100);
    await app.idle();
    expect(posts(fake)).toHaveLength(0);
  });

  it('GIVEN a message without text (a file alone) THEN only the person who asked hears why, and the core is not asked', async () => {
    const core = scriptedCore();
    const { fake, ...app } = await start({ core });
    await app.action(shortcutFrom(fake, (p) => (p.message.text = '')));
    const [responded] = await fake.waitForDelivered('respond');
    expect(responded!.body.response_type).toBe('ephemeral');
    await app.idle();
    expect(core.seen).toHaveLength(0);
    expect(posts(fake)).toHaveLength(0);
  });

  it('GIVEN reply: "ephemeral" in data/slack.json THEN only the person who asked sees the answer, in the channel', async () => {
    const { fake, ...app } = await start({ messages: (m) => ({ ...m, shortcut: { ...m.shortcut, reply: 'ephemeral' } }) });
    await app.action(shortcutFrom(fake));
    const [notice] = await fake.waitForDelivered('chat.postEphemeral');
    expect(notice!.body).toMatchObject({ channel: TARGET.channel, user: 'U0ALICE' });
    await app.idle();
    expect(posts(fake)).toHaveLength(0);
  });

  it('GIVEN reply: "dm" in data/slack.json THEN the answer goes to the person’s DM with the bot', async () => {
    const { fake, ...app } = await start({ messages: (m) => ({ ...m, shortcut: { ...m.shortcut, reply: 'dm' } }) });
    await app.action(shortcutFrom(fake));
    const [post] = await fake.waitForDelivered('chat.postMessage');
    expect(fake.delivered('conversations.open')[0]!.body.users).toBe('U0ALICE');
    expect(post!.body.channel).toBe('D0ALICE');
    expect(visibleText(post!)).toContain('billing service');
  });
});
