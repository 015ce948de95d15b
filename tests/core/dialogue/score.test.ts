import { describe, expect, it } from 'vitest';
import { scoreRecommendation } from '../../../src/core/dialogue/engine.js';
import type { RecommendFlow } from '../../../src/core/dialogue/schema.js';
import { flows } from './helpers.js';

const all = (slotAnswers: Record<string, string>) => slotAnswers;

describe('scoreRecommendation with the shipped flow', () => {
  const flow = flows.recommend;

  it('GIVEN answers that all point at VMs THEN the verdict is vm, decided, with a reason per answer', () => {
    const slots = all({ os: 'windows', isolation: 'regulated', shape: 'monolith', scaling: 'steady', startup: 'minutes', hardware: 'dedicated', estate: 'vmware', skills: 'vm' });
    const score = scoreRecommendation(flow, slots);
    expect(score.verdict).toBe('vm');
    expect(score.decided).toBe(true);
    expect(score.reasons).toHaveLength(8);
    expect(score.against).toEqual([]);
  });

  it('GIVEN cloud-native answers THEN the verdict is container', () => {
    const slots = all({ os: 'linux', isolation: 'trusted', shape: 'micro', scaling: 'elastic', startup: 'seconds', hardware: 'none', estate: 'kubernetes', skills: 'containers' });
    const score = scoreRecommendation(flow, slots);
    expect(score.verdict).toBe('container');
    expect(score.decided).toBe(true);
  });

  it('GIVEN a mixed estate with tenants and Windows THEN the verdict is containers-on-vms', () => {
    const slots = all({ os: 'windows', isolation: 'tenant', shape: 'mixed', scaling: 'elastic', startup: 'seconds', hardware: 'gpu', estate: 'cloud', skills: 'both' });
    expect(scoreRecommendation(flow, slots).verdict).toBe('containers-on-vms');
  });

  it('GIVEN Windows on Linux hosts AND microservices THEN it weighs both and explains both', () => {
    const score = scoreRecommendation(flow, { os: 'windows', shape: 'micro' });
    expect(['containers-on-vms', 'vm']).toContain(score.verdict);
    const windows = flow.questions[0]!.choices.find((c) => c.id === 'windows')!.reason;
    const micro = flow.questions.find((q) => q.slot === 'shape')!.choices.find((c) => c.id === 'micro')!.reason;
    expect([...score.reasons, ...score.against]).toEqual(expect.arrayContaining([windows, micro]));
  });

  it('GIVEN only two answers THEN the verdict is not decided yet', () => {
    expect(scoreRecommendation(flow, { os: 'linux', shape: 'micro' }).decided).toBe(false);
  });

  it('GIVEN every question skipped THEN the tie-break verdict is decided with no reasons', () => {
    const slots = Object.fromEntries(flow.questions.map((q) => [q.slot, 'skip']));
    const score = scoreRecommendation(flow, slots);
    expect(score.verdict).toBe(flow.tieBreak[0]);
    expect(score.decided).toBe(true);
    expect(score.reasons).toEqual([]);
  });
});

/** A two-question flow whose arithmetic is easy to follow. */
function tinyFlow(tieBreak: RecommendFlow['tieBreak']): RecommendFlow {
  const choice = (id: string, weights: Record<string, number>) => ({ id, label: id, weights, reason: `Because of ${id} in this test.`, match: [], answers: [] });
  const verdict = { name: 'x x x', title: 'Title x', explanation: 'An explanation for tests.', nextSteps: [{ text: 'A next step for tests.' }], sources: ['s'] };
  return {
    id: 'recommend',
    intro: 'Intro for the tests.',
    tieBreak,
    questions: [
      { type: 'question', id: 'a', slot: 'a', text: 'First question text?', choices: [choice('vm', { vm: 3 }), choice('ct', { container: 1 })] },
      { type: 'question', id: 'b', slot: 'b', text: 'Second question text?', choices: [choice('vm', { vm: 1 }), choice('ct', { container: 2 })] },
    ],
    verdicts: { vm: verdict, container: verdict, 'containers-on-vms': verdict },
  };
}

describe('scoreRecommendation arithmetic', () => {
  it('GIVEN a lead larger than the open questions can swing THEN decided', () => {
    // vm leads 3-0; question b can add at most 2 to container relative to vm.
    expect(scoreRecommendation(tinyFlow(['vm', 'container', 'containers-on-vms']), { a: 'vm' })).toMatchObject({ verdict: 'vm', decided: true });
  });

  it('GIVEN a lead the open questions could still overturn THEN not decided', () => {
    // container leads 1-0; question b could add 1 to vm: a tie, which the tie-break gives to vm.
    const score = scoreRecommendation(tinyFlow(['vm', 'container', 'containers-on-vms']), { a: 'ct' });
    expect(score).toMatchObject({ verdict: 'container', decided: false });
  });

  it('GIVEN a margin equal to the swing THEN the tie-break decides whether it is settled', () => {
    // Same position, but now container wins ties: b can only tie, so container is settled.
    expect(scoreRecommendation(tinyFlow(['container', 'vm', 'containers-on-vms']), { a: 'ct' }).decided).toBe(true);
  });

  it('GIVEN equal totals THEN the verdict listed first in tieBreak wins, and the runner-up is named as close', () => {
    const score = scoreRecommendation(tinyFlow(['container', 'vm', 'containers-on-vms']), { a: 'ct', b: 'vm' });
    expect(score.totals).toEqual({ vm: 1, container: 1, 'containers-on-vms': 0 });
    expect(score.verdict).toBe('container');
    expect(score.closeTo).toBe('vm');
  });
});

describe('decided is safe', () => {
  it('GIVEN any full set of answers THEN a verdict declared decided early never changes, and every verdict text fits', async () => {
    const { verdictReply } = await import('../../../src/core/dialogue/verdict.js');
    const { MAX_REPLY_TEXT } = await import('../../../src/core/types.js');
    const flow = flows.recommend;
    let combos: Record<string, string>[] = [{}];
    // Every combination of answers; a skip is just an answer that weighs nothing, so skips are left out to keep this quick.
    for (const q of flow.questions) combos = combos.flatMap((c) => q.choices.map((ch) => ({ ...c, [q.slot]: ch.id })));
    let early = 0;
    for (const full of combos) {
      const final = scoreRecommendation(flow, full).verdict;
      const prefix: Record<string, string> = {};
      for (const q of flow.questions) {
        prefix[q.slot] = full[q.slot]!;
        const score = scoreRecommendation(flow, prefix);
        if (score.decided) {
          expect(score.verdict).toBe(final);
          if (Object.keys(prefix).length < flow.questions.length) early++;
          break;
        }
      }
      expect(verdictReply(flows, full).text.length).toBeLessThanOrEqual(MAX_REPLY_TEXT);
    }
    expect(early).toBeGreaterThan(0);
  });
});
