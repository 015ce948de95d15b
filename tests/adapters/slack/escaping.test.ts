import { afterEach, beforeEach, expect, it } from 'vitest';
import type { Inbound, Reply } from '../../../src/core/types.js';
import type { FakeCall } from './fake-slack.js';
import { buttonsOf, clickPayload, commandFrom, eventFrom, startHarness, visibleText, type Harness } from './harness.js';
import { scriptedCore } from './scripted-core.js';

/** A core that quotes the user back in its text, a button label and a source title: the worst case for escaping. */
const echo = (message: Inbound): Reply => ({
  kind: 'answer',
  intent: 'define',
  topic: 't',
  confidence: 1,
  text: `You said: ${message.text || message.choiceId}`,
  choices: [{ id: 'more:t', label: message.text.slice(0, 60) || 'again' }],
  sources: [{ id: 's', title: message.text.slice(0, 80) || 'source', url: 'https://example.org/a?b=1&c=2' }],
});

const UNESCAPED = /<!(channel|here|everyone|subteam)|<@U/;

let h: Harness;
let core: ReturnType<typeof scriptedCore>;
beforeEach(async () => {
  core = scriptedCore({ answer: echo });
  h = await startHarness({ core });
});
afterEach(async () => {
  await h?.close();
});

const raw = (call: FakeCall) => JSON.stringify(call.body);

it('GIVEN a core that quotes typed <!channel>, <!here> and <@U…> back THEN every posted field is escaped, and the update after a click too', async () => {
  // Typed literally, Slack sends the characters escaped; the core gets them decoded.
  const typed = '<@U0RUNBOT> &lt;!channel&gt; &amp; &lt;@U0EVE&gt; &lt;!here&gt; pick me';
  await h.event(eventFrom('app_mention', (e) => (e.text = typed)));
  const [post] = await h.fake.waitForDelivered('chat.postMessage');
  expect(core.seen[0]!.text).toBe('<!channel> & <@U0EVE> <!here> pick me');

  expect(raw(post!)).not.toMatch(UNESCAPED);
  expect(post!.body.text).toContain('&lt;!channel&gt; &amp; &lt;@U0EVE&gt; &lt;!here&gt;');
  const [button] = buttonsOf(post!);
  expect(button!.text.text).toBe('&lt;!channel&gt; &amp; &lt;@U0EVE&gt; &lt;!here&gt; pick me');
  expect(visibleText(post!)).toContain('<https://example.org/a?b=1&amp;c=2|&lt;!channel&gt;');

  await h.action(clickPayload(h.fake, post!, 0));
  const [update] = await h.fake.waitForDelivered('chat.update');
  const replies = await h.fake.waitForDelivered('chat.postMessage', 2);
  await h.idle();
  expect(raw(update!)).not.toMatch(UNESCAPED);
  // The label comes back as shown (escaped) and is not escaped twice.
  expect(visibleText(update!)).toContain('✓ &lt;!channel&gt; &amp; &lt;@U0EVE&gt; &lt;!here&gt; pick me');
  expect(core.seen[1]!.choiceId).toBe('more:t');
  for (const call of [...replies, update!]) expect(raw(call)).not.toMatch(UNESCAPED);
});

it('GIVEN the same text in a DM and in /runwise THEN the replies are escaped there too', async () => {
  await h.event(eventFrom('message_im', (e) => (e.text = '&lt;!channel&gt; hello')));
  const [dm] = await h.fake.waitForDelivered('chat.postMessage');
  expect(core.seen[0]!.text).toBe('<!channel> hello');
  expect(raw(dm!)).not.toMatch(UNESCAPED);
  expect(dm!.body.text).toContain('&lt;!channel&gt; hello');

  await h.command(commandFrom(h.fake, '&lt;!here&gt; &amp; hi'));
  const posts = await h.fake.waitForDelivered('chat.postMessage', 2);
  expect(core.seen[1]!.text).toBe('<!here> & hi');
  expect(posts[1]!.body.channel).toBe('C0GENERAL');
  expect(raw(posts[1]!)).not.toMatch(UNESCAPED);
  expect(posts[1]!.body.text).toContain('&lt;!here&gt; &amp; hi');
});
