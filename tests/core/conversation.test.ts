import { describe, expect, it } from 'vitest';
import type { Reply } from '../../src/core/types.js';
import { createMemoryStore } from '../../src/store/memory.js';
import type { Store } from '../../src/store/types.js';
import { choiceLabelled, harness } from './harness.js';

/** Clicks the first real answer of each question until a verdict comes (bounded). */
async function clickThrough(click: (id: string) => Promise<Reply>, first: Reply): Promise<Reply[]> {
  const seen = [first];
  let reply = first;
  for (let i = 0; i < 12 && reply.kind === 'question'; i++) {
    const answer = reply.choices.find((c) => /^rec:(?!ctl)[^:]+:(?!skip)/.test(c.id));
    if (!answer) break;
    reply = await click(answer.id);
    seen.push(reply);
  }
  return seen;
}

describe('recommendation dialogue through the core', () => {
  it('GIVEN "help me choose" THEN asks questions with choices and ends in a verdict with reasons', async () => {
    const { say, click } = await harness();
    const first = await say('help me choose between a vm and containers for our app');
    expect(first.kind).toBe('question');
    expect(first.choices.length).toBeGreaterThan(1);
    const replies = await clickThrough(click, first);
    const verdict = replies.at(-1)!;
    expect(verdict.kind).toBe('verdict');
    if (verdict.kind !== 'verdict') return;
    expect(['vm', 'container', 'containers-on-vms']).toContain(verdict.recommendation.verdict);
    expect(verdict.recommendation.reasons.length).toBeGreaterThan(0);
  });

  it('GIVEN a workload described in one message THEN does not ask again what it already said', async () => {
    const { say } = await harness();
    const reply = await say('vm or container? legacy .NET monolith that needs Windows Server, our hosts are Linux');
    expect(['question', 'verdict']).toContain(reply.kind);
    if (reply.kind === 'question') expect(reply.step).not.toBe('os');
  });

  it('GIVEN a side question mid-dialogue THEN answers it and asks the pending question again', async () => {
    const { say } = await harness();
    const first = await say('recommend');
    expect(first.kind).toBe('question');
    const side = await say('wait, what is a hypervisor?');
    expect(side.kind).toBe('question');
    expect(side.kind === 'question' && first.kind === 'question' && side.step).toBe(first.kind === 'question' ? first.step : '');
    expect(side.text.toLowerCase()).toContain('hypervisor');
    expect(side.choices.map((c) => c.id)).toEqual(first.choices.map((c) => c.id));
  });

  it('GIVEN "cancel" THEN ends the dialogue, and a later "2" is not taken as an answer', async () => {
    const { say } = await harness();
    await say('recommend');
    const cancelled = await say('cancel');
    expect(cancelled.kind).toBe('notice');
    const after = await say('2');
    expect(after.kind).not.toBe('question');
  });

  it('GIVEN a dialogue idle past its time-to-live THEN forgets it', async () => {
    const { say, clock } = await harness({ env: { DIALOGUE_TTL_MINUTES: '5' } });
    const first = await say('recommend');
    expect(first.kind).toBe('question');
    clock.now += 6 * 60_000;
    const after = await say('1');
    expect(after.kind).not.toBe('question');
  });

  it('GIVEN two conversations THEN their dialogues do not mix', async () => {
    const { say } = await harness();
    await say('recommend', 'alice-dm', 'alice');
    const bob = await say('1', 'bob-dm', 'bob');
    expect(bob.kind).not.toBe('question');
  });
});

describe('tour', () => {
  it('GIVEN a user who stopped mid-tour THEN continues where they left off, even in another conversation', async () => {
    const { say, click } = await harness();
    const first = await say('start the tour', 'c1', 'carol');
    expect(first.kind).toBe('question');
    const second = await click(choiceLabelled(first, /next/i), 'c1', 'carol');
    expect(second.kind === 'question' && first.kind === 'question' && second.step !== first.step).toBe(true);
    const resumed = await say('tour', 'c2', 'carol');
    expect(resumed.kind === 'question' && second.kind === 'question' && resumed.step).toBe(second.kind === 'question' ? second.step : '');
    const fresh = await say('tour', 'c3', 'dave');
    expect(fresh.kind === 'question' && first.kind === 'question' && fresh.step).toBe(first.kind === 'question' ? first.step : '');
  });
});

describe('tour progress', () => {
  it('GIVEN a user who stops the tour THEN "tour" later picks it up at the same step', async () => {
    const { say, click } = await harness();
    const first = await say('tour', 'c1', 'erin');
    const second = await click(choiceLabelled(first, /next/i), 'c1', 'erin');
    const stopped = await click(choiceLabelled(second, /stop/i), 'c1', 'erin');
    expect(stopped.kind).toBe('notice');
    const resumed = await say('tour', 'c1', 'erin');
    expect(resumed.kind === 'question' && resumed.step).toBe(second.kind === 'question' ? second.step : 'not a question');
  });

  it('GIVEN a user who finished the tour THEN "tour" starts it from the beginning', async () => {
    const { say, click } = await harness();
    let reply = await say('tour', 'c1', 'finn');
    const firstStep = reply.kind === 'question' ? reply.step : '';
    for (let i = 0; i < 20 && reply.kind === 'question'; i++) {
      const next = reply.choices.find((c) => c.id.startsWith('tour:next:')) ?? reply.choices.find((c) => c.id.startsWith('tour:check:'));
      if (!next) break;
      reply = await click(next.id, 'c1', 'finn');
    }
    expect(reply.kind).toBe('notice'); // the end of the tour
    const again = await say('tour', 'c1', 'finn');
    expect(again.kind === 'question' && again.step).toBe(firstStep);
  });
});

describe('state safety', () => {
  it('GIVEN two bot instances answering one dialogue at the same time THEN both answers are kept', async () => {
    const store = createMemoryStore();
    const a = await harness({ store });
    const b = await harness({ store });
    const first = await a.say('recommend');
    expect(first.kind).toBe('question');
    // Two different slots answered at once, through different instances.
    const [r1, r2] = await Promise.all([a.say('we need windows server on linux hosts'), b.say('it is a legacy monolith')]);
    for (const r of [r1, r2]) expect(['question', 'verdict']).toContain(r.kind);
    const stored = await store.get<{ dialogue?: { slots?: Record<string, string> } }>('conversation', 'c1');
    // Neither answer alone settles the verdict, so the dialogue is still open and must hold both.
    const slots = stored?.value.dialogue?.slots;
    expect(slots?.os).toBeDefined();
    expect(slots?.shape).toBeDefined();
  });

  it('GIVEN a store that fails THEN replies with a polite error instead of crashing', async () => {
    const broken: Store = {
      ...createMemoryStore(),
      get: () => Promise.reject(new Error('disk on fire')),
    };
    const { say } = await harness({ store: broken });
    const reply = await say('what is kvm');
    expect(reply.kind).toBe('notice');
    expect(reply.text).not.toMatch(/disk on fire|Error|at .*:\d+/);
    expect(reply.text.length).toBeGreaterThan(10);
  });
});
