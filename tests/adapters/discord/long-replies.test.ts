import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAX_REPLY_TEXT, type Core, type Reply } from '../../../src/core/types.js';
import { createStore } from '../../../src/store/index.js';
import { buttonsOf, CHANNEL_ID, events, paths, startHarness, type Harness } from './harness.js';

/**
 * The real core's answers are data that changes and rarely comes near the limits, so this suite pins
 * the worst case instead: a core that answers with the longest text a Reply may carry (or quotes the
 * question back), sent through the real discord.js client to the fake Discord.
 */
const paragraphs = (n: number) => Array.from({ length: n }, (_, i) => `Paragraph ${i + 1}. ${'Containers share the kernel; VMs do not. '.repeat(3)}`.trim());
const longText = (() => {
  const out: string[] = [];
  for (const p of paragraphs(100)) {
    if ([...out, p].join('\n\n').length > MAX_REPLY_TEXT) break;
    out.push(p);
  }
  return out.join('\n\n');
})();

const core: Core = {
  async handle(message) {
    const base = { intent: 'test', confidence: 1, sources: [{ id: 's', title: 'Seed', url: 'https://example.org/seed' }] };
    if (message.text.startsWith('echo')) return { ...base, kind: 'notice', text: `You asked: ${message.text}`, choices: [] };
    const reply: Reply = { ...base, kind: 'answer', topic: 't', text: longText, choices: [{ id: 'more:t', label: 'Tell me more' }] };
    return reply;
  },
};

describe('replies at the limits, through discord.js to the fake Discord', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({ runwise: { core, store: await createStore('memory:') } });
  });
  afterAll(async () => h?.close());

  it('GIVEN a 2,800-character answer to a mention THEN it arrives as several replies within 2,000 characters, in order', async () => {
    expect(longText.length).toBeGreaterThan(2000);
    const mention = events.mention('tell me everything');
    h.fake.gateway.dispatch('MESSAGE_CREATE', mention);
    const parts = await h.fake.waitFor(() => {
      const found = h.fake.ok('POST', paths.channelMessages(CHANNEL_ID)).filter((c) => c.body.message_reference?.message_id === mention.id);
      return found.length >= 2 ? found : null;
    }, 'two parts');
    for (const part of parts) expect(part.body.content.length).toBeLessThanOrEqual(2000);
    const text = parts.map((p) => p.body.content).join('\n\n');
    expect(text.startsWith(longText)).toBe(true); // order kept, nothing lost; the sources line follows
    expect(text).toContain('https://example.org/seed');
    expect(buttonsOf(parts.at(-1)?.body)).toHaveLength(1);
    expect(parts.slice(0, -1).every((p) => buttonsOf(p.body).length === 0)).toBe(true);
  });

  it('GIVEN a long answer to /runwise ask THEN the original holds the first part and follow-ups the rest, in order', async () => {
    const interaction = events.command('ask', 'tell me everything');
    h.fake.gateway.dispatch('INTERACTION_CREATE', interaction);
    const [first] = await h.sent('PATCH', paths.original(interaction.token));
    const rest = await h.sent('POST', paths.followups(interaction.token));
    const parts = [first, ...rest];
    for (const part of parts) expect(part?.body.content.length).toBeLessThanOrEqual(2000);
    expect(parts.map((p) => p?.body.content).join('\n\n').startsWith(longText)).toBe(true);
  });

  it('GIVEN a reply that quotes @everyone, a role and a user THEN Discord is told to ping nobody', async () => {
    const mention = events.mention('echo @everyone @here <@&1210000000000000001> <@1400000000000000002>');
    h.fake.gateway.dispatch('MESSAGE_CREATE', mention);
    const reply = await h.fake.waitFor(
      () => h.fake.ok('POST', paths.channelMessages(CHANNEL_ID)).find((c) => c.body.message_reference?.message_id === mention.id),
      'the echo',
    );
    expect(reply.body.content).toContain('@everyone');
    expect(reply.body.allowed_mentions).toEqual({ parse: [], replied_user: false });
    expect(reply.pings).toEqual({ everyone: false, users: [], roles: [] });
  });
});
