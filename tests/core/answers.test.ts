import { describe, expect, it } from 'vitest';
import { MAX_CHOICE_ID, MAX_CHOICE_LABEL, MAX_CHOICES, MAX_REPLY_TEXT, type Reply } from '../../src/core/types.js';
import { choiceLabelled, harness, sharedBrain } from './harness.js';

function expectWellFormed(reply: Reply) {
  expect(reply.text.trim().length).toBeGreaterThan(0);
  expect(reply.text.length).toBeLessThanOrEqual(MAX_REPLY_TEXT);
  expect(reply.choices.length).toBeLessThanOrEqual(MAX_CHOICES);
  for (const c of reply.choices) {
    expect(c.label.length).toBeLessThanOrEqual(MAX_CHOICE_LABEL);
    expect(c.id.length).toBeLessThanOrEqual(MAX_CHOICE_ID);
  }
  expect(reply.text).not.toMatch(/\bat .+\.(ts|js):\d+/); // no stack traces
}

describe('answers from the knowledge base', () => {
  it('GIVEN "what is kvm" THEN answers about KVM with sources and a "more" button', async () => {
    const { say } = await harness();
    const reply = await say('what is kvm?');
    expect(reply).toMatchObject({ kind: 'answer', intent: 'define', topic: 'kvm' });
    expect(reply.sources.length).toBeGreaterThan(0);
    expect(reply.choices.some((c) => c.id === 'more:kvm')).toBe(true);
    expectWellFormed(reply);
  });

  it('GIVEN a typo or a spacing variant THEN still finds the technology', async () => {
    const { say } = await harness();
    expect(await say('what is podmn')).toMatchObject({ kind: 'answer', topic: 'podman' });
    expect(await say('tell me about virtual box')).toMatchObject({ kind: 'answer', topic: 'virtualbox' });
  });

  it('GIVEN "is hyper-v type 1 or type 2" THEN says type 1, not what one seed claims', async () => {
    const { say } = await harness();
    const reply = await say('is hyperv a type 1 or type 2 hypervisor?');
    expect(reply).toMatchObject({ kind: 'answer', topic: 'hyper-v' });
    expect(reply.text).toMatch(/type[- ]1/i);
  });

  it('GIVEN two named technologies THEN answers a comparison of those two', async () => {
    const { say } = await harness();
    const { knowledge } = sharedBrain();
    const reply = await say('docker vs podman');
    expect(reply.kind).toBe('answer');
    expect(reply.intent).toBe('compare');
    const written = knowledge.byPair.get(['docker', 'podman'].sort().join('|'));
    if (written) expect(reply.kind === 'answer' && reply.topic).toBe(written.id);
    expect(reply.text).toMatch(/docker/i);
    expect(reply.text).toMatch(/podman/i);
    const faster = await say('is kvm faster than esxi');
    expect(faster.intent).toBe('compare');
    expect(faster.text).toMatch(/kvm/i);
    expect(faster.text).toMatch(/esxi/i);
  });

  it('GIVEN a trade-off question THEN answers from that topic', async () => {
    const { say } = await harness();
    const reply = await say('how much faster do containers start than vms?');
    expect(reply).toMatchObject({ kind: 'answer', intent: 'startup_time' });
    expect(reply.sources.length).toBeGreaterThan(0);
  });

  it('GIVEN "more" THEN gives the longer details of the same entry', async () => {
    const { say, click } = await harness();
    const short = await say('what is a hypervisor');
    const more = await click(choiceLabelled(short, /more/i));
    expect(more.kind).toBe('answer');
    expect(more.text.length).toBeGreaterThan(short.text.length);
    expect(more.choices.some((c) => c.id.startsWith('more:'))).toBe(false);
  });

  it('GIVEN a follow-up button THEN answers what its label says', async () => {
    const { say, click } = await harness();
    const reply = await say('what is kvm');
    const followUp = reply.choices.find((c) => c.id.startsWith('ask:define:'));
    expect(followUp).toBeDefined();
    const next = await click(followUp!.id);
    expect(next.kind).toBe('answer');
    expect(next.kind === 'answer' && next.topic).toBe(followUp!.id.split(':')[2]);
  });
});

describe('what the bot does not know', () => {
  it('GIVEN an unrelated question THEN says what it can help with and logs it as unanswered', async () => {
    const { say, runwise } = await harness();
    const reply = await say("what's the weather like in paris tomorrow?");
    expect(reply).toMatchObject({ kind: 'fallback', intent: 'out_of_scope' });
    expect(reply.choices.length).toBeGreaterThan(0);
    const logged = await runwise.store.read('unanswered');
    expect(logged.map((e) => e.text)).toContain("what's the weather like in paris tomorrow?");
    expect(logged[0]).not.toHaveProperty('user');
  });

  it('GIVEN a clear question about a technology it does not know THEN does not guess, and logs it', async () => {
    const { say, runwise } = await harness();
    for (const text of ['what is terraform?', 'who makes nginx', 'is terraform free?']) {
      const reply = await say(text);
      expect(reply).toMatchObject({ kind: 'fallback', intent: 'out_of_scope' });
    }
    expect((await runwise.store.read('unanswered')).map((e) => e.text)).toEqual(['what is terraform?', 'who makes nginx', 'is terraform free?']);
  });

  it.each([
    ['empty', ''],
    ['whitespace', '   \n  '],
    ['20,000 characters', 'docker '.repeat(2858)],
    ['only emoji', '🐳🐳🐳'],
    ['a code block', '```\nkubectl get pods\n```'],
    ['another language', '仮想マシンとコンテナの違いは何ですか'],
    ['control characters', '\u0000\u0001\u0002'],
  ])('GIVEN %s THEN replies politely without crashing', async (_name, text) => {
    const { say } = await harness();
    const reply = await say(text);
    expect(reply.kind).toBe('fallback');
    expect(reply.intent).toBe('out_of_scope');
    expectWellFormed(reply);
  });

  it('GIVEN mentions around a question THEN answers the question', async () => {
    const { say } = await harness();
    const reply = await say('<@U0RUNWISE> <!channel> what is podman?');
    expect(reply).toMatchObject({ kind: 'answer', topic: 'podman' });
  });
});

describe('feedback', () => {
  it('GIVEN helpful / not helpful clicks THEN thanks the user and records them per topic', async () => {
    const { say, click, runwise } = await harness();
    const reply = await say('what is containerd');
    await click(choiceLabelled(reply, /not helpful/i));
    const thanks = await click(choiceLabelled(reply, /^👍|^helpful/i));
    expect(thanks.kind).toBe('notice');
    const feedback = await runwise.store.read('feedback');
    expect(feedback.map((f) => [f.topic, f.helpful])).toEqual([
      ['containerd', false],
      ['containerd', true],
    ]);
  });
});
