import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { LIMITS } from '../../../src/adapters/slack/render.js';
import { blocksOf, BOT_TOKEN, commandFrom, eventFrom, posts, SECRET, startHarness, visibleText, type Harness } from './harness.js';
import { scriptedCore } from './scripted-core.js';
import { sendSigned, slackSignature } from './signed.js';

let h: Harness;
beforeEach(async () => {
  h = await startHarness();
});
afterEach(async () => {
  await h?.close();
});

/** Calls that put something in front of a person (everything but the start-up auth.test). */
const visibleCalls = () => h.fake.calls.filter((c) => c.method !== 'auth.test');

describe('Slack events: answering', () => {
  it('GIVEN @runwise <question> in a channel THEN the answer is posted in a thread under the mention, with sources', async () => {
    const mention = eventFrom('app_mention');
    const sent = await h.event(mention);
    expect(sent.status).toBe(200);
    const [post] = await h.fake.waitForDelivered('chat.postMessage');
    expect(post!.body).toMatchObject({ channel: 'C0GENERAL', thread_ts: mention.event.ts });
    expect(post!.authorized).toBe(true);
    const blocks = blocksOf(post!);
    expect(blocks[0]!.type).toBe('section');
    expect(blocks.some((b) => b.type === 'context' && JSON.stringify(b).includes('Sources'))).toBe(true);
    expect(String(post!.body.text).length).toBeGreaterThan(0);
  });

  it('GIVEN a DM to the bot THEN the answer is posted in the DM (not in a thread)', async () => {
    await h.event(eventFrom('message_im'));
    const [post] = await h.fake.waitForDelivered('chat.postMessage');
    expect(post!.body.channel).toBe('D0ALICE');
    expect(post!.body.thread_ts).toBeUndefined();
    expect(visibleText(post!).length).toBeGreaterThan(0);
  });

  it('GIVEN the bot’s own message, an edit, or a join THEN nothing is posted (no loops)', async () => {
    await h.event(eventFrom('message_bot_own'));
    await h.event(eventFrom('message_changed'));
    await h.event(eventFrom('message_im', (e) => Object.assign(e, { subtype: 'channel_join', text: '<@U0ALICE> has joined the channel' })));
    await h.event(eventFrom('message_im', (e) => Object.assign(e, { bot_id: 'B0OTHERBOT', user: 'U0OTHERBOT' })));
    await h.idle();
    expect(visibleCalls()).toEqual([]);
  });

  it('GIVEN a reply in a thread where no dialogue waits THEN the bot stays quiet', async () => {
    await h.event(eventFrom('message_thread'));
    await h.idle();
    expect(visibleCalls()).toEqual([]);
  });

  it('GIVEN a 20,000-character message THEN one polite reply within Block Kit limits, not an echo', async () => {
    const long = 'Should I use a VM or a container for this? '.repeat(500).slice(0, 20_000);
    await h.event(eventFrom('message_im', (e) => (e.text = long)));
    const [post] = await h.fake.waitForDelivered('chat.postMessage');
    await h.idle();
    expect(posts(h.fake)).toHaveLength(1);
    const blocks = blocksOf(post!);
    expect(blocks.length).toBeLessThanOrEqual(LIMITS.messageBlocks);
    for (const block of blocks) if (block.text) expect(block.text.text.length).toBeLessThanOrEqual(LIMITS.sectionText);
    expect(visibleText(post!).length).toBeLessThan(5_000);
  });

  it('GIVEN a message full of <!channel>, <!here> and user mentions THEN nothing posted can ping anyone', async () => {
    const text = '<@U0RUNBOT> <!channel> <!here> <!everyone> <@U0EVE> &lt;!channel&gt; what is <!channel>?';
    await h.event(eventFrom('app_mention', (e) => (e.text = text)));
    await h.event(eventFrom('message_im', (e) => (e.text = '<!here|here> is docker better than <!channel>?')));
    await h.fake.waitForDelivered('chat.postMessage', 2);
    await h.idle();
    for (const call of visibleCalls()) {
      const raw = JSON.stringify(call.body);
      expect(raw).not.toMatch(/<!(channel|here|everyone|subteam)/);
      expect(raw).not.toMatch(/<@U/);
    }
  });
});

describe('Slack events: delivery', () => {
  it('GIVEN Slack retries an event (same event_id, x-slack-retry-num) THEN it is answered once', async () => {
    const mention = eventFrom('app_mention');
    await h.event(mention);
    await h.fake.waitForDelivered('chat.postMessage');
    const retry = await h.event(mention, { retryNum: 1 });
    expect(retry.status).toBe(200);
    await h.idle();
    expect(posts(h.fake)).toHaveLength(1);
  });

  it('GIVEN a retry arriving at a second instance sharing the store THEN still answered once', async () => {
    const second = await startHarness({ store: h.runwise.store, fake: h.fake });
    try {
      const mention = eventFrom('app_mention');
      await h.event(mention);
      await second.event(mention, { retryNum: 1 });
      await Promise.all([h.idle(), second.idle()]);
      expect(posts(h.fake)).toHaveLength(1);
    } finally {
      await second.close();
    }
  });

  it('GIVEN the Web API answers 429 (Retry-After) and then 500 THEN the reply is still delivered exactly once', async () => {
    h.fake.failNext('chat.postMessage', { status: 429, retryAfter: 1 });
    h.fake.failNext('chat.postMessage', { status: 500 });
    await h.event(eventFrom('message_im'));
    await h.fake.waitForDelivered('chat.postMessage', 1, 15_000);
    await h.idle();
    const attempts = h.fake.calls.filter((c) => c.method === 'chat.postMessage');
    expect(attempts.map((c) => c.status)).toEqual([429, 500, 200]);
    expect(posts(h.fake)).toHaveLength(1);
  });

  it('GIVEN the core fails THEN the user gets a polite private message without internals', async () => {
    const failing = await startHarness({ core: scriptedCore({ fail: () => true }) });
    try {
      await failing.event(eventFrom('app_mention'));
      const [notice] = await failing.fake.waitForDelivered('chat.postEphemeral');
      expect(notice!.body).toMatchObject({ channel: 'C0GENERAL', user: 'U0ALICE', thread_ts: '1712000000.000100' });
      expect(visibleText(notice!)).not.toMatch(/secret stack|Error|at /);
      expect(failing.fake.delivered('chat.postMessage')).toHaveLength(0);
    } finally {
      await failing.close();
    }
  });

  it('GIVEN the core fails on /runwise THEN the command is still acknowledged and only the user sees a polite error', async () => {
    const failing = await startHarness({ core: scriptedCore({ fail: () => true }) });
    try {
      const sent = await failing.command(commandFrom(failing.fake, 'recommend'));
      expect(sent).toEqual({ status: 200, text: '' });
      const [notice] = await failing.fake.waitForDelivered('chat.postEphemeral');
      expect(notice!.body).toMatchObject({ channel: 'C0GENERAL', user: 'U0ALICE' });
      expect(visibleText(notice!)).not.toMatch(/secret stack|Error|at /);
      await failing.idle();
      expect(failing.fake.delivered('chat.postMessage')).toHaveLength(0);
    } finally {
      await failing.close();
    }
  });
});

describe('Slack HTTP endpoint', () => {
  it('GET /healthz answers 200 when ready', async () => {
    const response = await fetch(`${h.url}/healthz`);
    expect(response.status).toBe(200);
  });

  it('GIVEN a bad signature THEN 401 and nothing posted', async () => {
    const sent = await h.event(eventFrom('app_mention'), { signature: slackSignature('not-the-secret', Math.floor(Date.now() / 1000), '{}') });
    expect(sent.status).toBe(401);
    await h.idle();
    expect(visibleCalls()).toEqual([]);
  });

  it('GIVEN a correctly signed request older than five minutes THEN 401 and nothing posted', async () => {
    const sent = await h.event(eventFrom('app_mention'), { timestampSec: Math.floor(Date.now() / 1000) - 6 * 60 });
    expect(sent.status).toBe(401);
    await h.idle();
    expect(visibleCalls()).toEqual([]);
  });

  it('GIVEN an unsigned request THEN 401', async () => {
    const response = await fetch(`${h.url}/slack/events`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(eventFrom('app_mention')) });
    expect(response.status).toBe(401);
  });

  it('answers Slack’s url_verification challenge', async () => {
    const body = JSON.stringify({ token: 'x', challenge: 'c-123', type: 'url_verification' });
    const sent = await sendSigned(`${h.url}/slack/events`, body, 'application/json', { secret: SECRET });
    expect(sent.status).toBe(200);
    expect(sent.text).toContain('c-123');
  });

  it('never logs the bot token or the signing secret, even at debug', async () => {
    await h.event(eventFrom('app_mention'));
    await h.fake.waitForDelivered('chat.postMessage');
    await h.idle();
    const logs = h.logs.join('');
    expect(logs.length).toBeGreaterThan(0);
    expect(logs).not.toContain(BOT_TOKEN);
    expect(logs).not.toContain(SECRET);
  });
});
