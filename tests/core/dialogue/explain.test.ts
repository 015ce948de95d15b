import { describe, expect, it } from 'vitest';
import { decidedBy, wouldChange } from '../../../src/core/dialogue/explain.js';
import { nextMove } from '../../../src/core/dialogue/policy.js';
import { scoreRecommendation, startFlow } from '../../../src/core/dialogue/engine.js';
import { flows, NOW, question, turn, verdict } from './helpers.js';

const flow = flows.recommend;

describe('what decided it and what would change it', () => {
  it('GIVEN answers THEN "decided by" lists the answers that pushed the verdict ahead most, at most three', () => {
    const slots = { os: 'windows', shape: 'monolith', hardware: 'dedicated', estate: 'vmware', skills: 'containers' };
    const by = decidedBy(flow, slots, scoreRecommendation(flow, slots).verdict).map((c) => c.id);
    expect(by.length).toBeLessThanOrEqual(3);
    expect(by).toContain('windows');
    expect(by).not.toContain('containers');
  });

  it('GIVEN a verdict THEN every change it names really flips it under the scoring function', () => {
    const cases: Record<string, string>[] = [{ os: 'linux', shape: 'micro' }, { os: 'windows' }, { isolation: 'tenant', estate: 'kubernetes' }, {}];
    for (const slots of cases) {
      const before = scoreRecommendation(flow, slots).verdict;
      for (const change of wouldChange(flow, slots)) {
        const after = { ...slots, ...Object.fromEntries(change.answers.map((a) => [a.question.slot, a.choice.id])) };
        expect(scoreRecommendation(flow, after).verdict).toBe(change.verdict);
        expect(change.verdict).not.toBe(before);
      }
    }
  });

  it('GIVEN a Linux workload THEN needing Windows is named as what would make it a VM-side verdict', () => {
    const changes = wouldChange(flow, { os: 'linux', scaling: 'elastic' });
    expect(changes.some((c) => c.answers.some((a) => a.question.slot === 'os' && a.choice.id !== 'linux'))).toBe(true);
  });
});

describe('asking only what counts', () => {
  it('GIVEN a described workload and one "not sure" THEN the verdict comes, leaning, with the deciding question as a button', () => {
    const { state, reply } = startFlow(flows, 'recommend', { now: NOW, text: 'a linux service we wrote ourselves' });
    question(reply);
    const end = verdict(turn(state!, { text: 'not sure' }).reply);
    expect(end.text).toContain('Leaning towards');
    const settle = end.choices.find((c) => c.label === flows.controls.labels.settle);
    expect(settle?.id).toMatch(/^rec:ctl:ask:/);
    expect(end.recommendation.decided_by?.length).toBeGreaterThan(0);
    expect(end.recommendation.would_change?.length).toBeGreaterThan(0);
  });

  it('GIVEN the settle button THEN that question is asked with the earlier answers kept', async () => {
    const { startFromChoice } = await import('../../../src/core/dialogue/engine.js');
    const { state } = startFlow(flows, 'recommend', { now: NOW, text: 'a linux service we wrote ourselves' });
    const end = verdict(turn(state!, { text: 'not sure' }).reply);
    const settle = end.choices.find((c) => c.label === flows.controls.labels.settle)!;
    const again = startFromChoice(flows, settle.id, { now: NOW })!;
    expect(question(again.reply).step).toBe(settle.id.split(':')[3]!.split('.')[0]);
    expect(again.state?.flow === 'recommend' && again.state.slots).toMatchObject({ os: 'linux' });
  });

  it('GIVEN a described workload THEN at most three more questions, each one that could still change the verdict', () => {
    let { state, reply } = startFlow(flows, 'recommend', { now: NOW, text: 'a python api' });
    let asked = 0;
    while (reply.kind === 'question') {
      asked++;
      const q = flow.questions.find((x) => x.id === (reply.kind === 'question' ? reply.step : ''))!;
      ({ state, reply } = turn(state!, { choiceId: `rec:${q.slot}:${q.choices[0]!.id}` }));
    }
    expect(asked).toBeLessThanOrEqual(flow.policy!.maxQuestions);
  });

  it('GIVEN nothing said and every answer "not sure" THEN the default verdict after the skip budget', () => {
    const move = nextMove(flow, { os: 'skip', isolation: 'skip', shape: 'skip' }, { asked: 3, budget: 6, skips: 3 });
    expect(move.type).toBe('verdict');
  });
});

describe('regulated is not automatically a VM (NIST SP 800-190)', () => {
  it('GIVEN only "regulated" THEN the verdict is not vm, and the reason speaks of segmenting containers', () => {
    const score = scoreRecommendation(flow, { isolation: 'regulated' });
    expect(score.verdict).not.toBe('vm');
    const reason = flow.questions.find((q) => q.slot === 'isolation')!.choices.find((c) => c.id === 'regulated')!.reason;
    expect(reason).toMatch(/800-190/);
    expect(reason).toMatch(/node pools/);
  });

  it('GIVEN a separate kernel per tenant is required and nothing else THEN a VM', () => {
    expect(scoreRecommendation(flow, { isolation: 'dedicated' }).verdict).toBe('vm');
  });
});
