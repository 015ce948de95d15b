import { describe, expect, it } from 'vitest';
import { continueFlow, repromptReply, startFlow, startFromChoice, type DialogueState } from '../../../src/core/dialogue/engine.js';
import type { CheckStep } from '../../../src/core/dialogue/schema.js';
import { expectRenderable, flows, NOW, question, turn } from './helpers.js';

const { controls } = flows;
const steps = flows.tour.steps;
const checks = steps.filter((s): s is CheckStep => s.type === 'check');
const start = (resumeStep?: string) => {
  const r = startFlow(flows, 'tour', { now: NOW, ...(resumeStep ? { resumeStep } : {}) });
  expectRenderable(r.reply);
  return r;
};
const wrongOf = (step: CheckStep) => step.choices.find((c) => c.id !== step.answer)!;
const rightOf = (step: CheckStep) => step.choices.find((c) => c.id === step.answer)!;

describe('tour', () => {
  it('has 5 to 8 steps, some of them checks, each citing a source', () => {
    expect(steps.length).toBeGreaterThanOrEqual(5);
    expect(steps.length).toBeLessThanOrEqual(8);
    expect(checks.length).toBeGreaterThan(0);
  });

  it('GIVEN a user who clicks through, answering checks wrong then right THEN each answer is explained and the tour ends', () => {
    let { state, reply } = start();
    let wrong = true;
    for (const [i, step] of steps.entries()) {
      const q = question(reply);
      expect(q.step).toBe(step.id);
      expect(q.flow).toBe('tour');
      expect(q.intent).toBe('tour_start');
      expect(q.progress).toEqual({ index: i + 1, total: steps.length });
      expect(q.text).toContain(step.title);
      expect(q.sources.map((s) => s.id)).toEqual(step.sources);
      if (step.type === 'check') {
        expect(q.text).toContain(step.question);
        const pick = wrong ? wrongOf(step) : rightOf(step);
        ({ state, reply } = turn(state!, { choiceId: `tour:check:${step.id}:${pick.id}` }));
        expect(reply.text).toContain(step.explanation);
        if (wrong) expect(reply.text).toContain(`"${rightOf(step).label}"`);
        else expect(reply.text).toContain(controls.text.checkRight);
        expect(state?.flow === 'tour' && state.answers[step.id]).toBe(pick.id);
        wrong = !wrong;
      }
      const next = reply.choices[0]!;
      expect(next.label).toBe(i === steps.length - 1 ? controls.labels.finish : controls.labels.next);
      const result = turn(state!, { choiceId: next.id });
      ({ state, reply } = result);
      if (i === steps.length - 1) expect(result.tourDone).toBe(true);
    }
    expect(state).toBeNull();
    expect(reply.kind).toBe('notice');
    expect(reply.text).toBe(controls.text.tourDone);
    expect(reply.choices.map((c) => c.id)).toEqual(['start:recommend', 'tour:restart']);
  });

  it('GIVEN typed answers ("next", a letter, a number) THEN they move the tour like buttons', () => {
    const check = checks[0]!;
    let { state, reply } = start(check.id);
    ({ state, reply } = turn(state!, { text: `${check.answer})` }));
    expect(reply.text).toContain(controls.text.checkRight);
    ({ state, reply } = turn(state!, { text: 'ok' }));
    expect(question(reply).step).toBe(steps[steps.indexOf(check) + 1]!.id);
    const again = turn(start(check.id).state!, { text: String(check.choices.indexOf(wrongOf(check)) + 1) });
    expect(again.reply.text).toContain(`"${rightOf(check).label}"`);
  });

  it('GIVEN resumeStep THEN the tour resumes there; an unknown step starts at the beginning', () => {
    expect(question(start(steps[3]!.id).reply).progress?.index).toBe(4);
    expect(question(start('no-such-step').reply).step).toBe(steps[0]!.id);
  });

  it('GIVEN "back" THEN the previous step shows, and a check can be answered again', () => {
    const check = checks[0]!;
    const i = steps.indexOf(check);
    let { state } = start(check.id);
    ({ state } = turn(state!, { choiceId: `tour:check:${check.id}:${check.answer}` }));
    ({ state } = turn(state!, { choiceId: `tour:next:${check.id}` }));
    const back = turn(state!, { text: 'back' });
    expect(question(back.reply).step).toBe(check.id);
    expect(back.reply.text).toContain(check.question);
    expect(back.reply.choices.map((c) => c.id)).toContain(`tour:check:${check.id}:${check.answer}`);
    expect(question(turn(back.state!, { choiceId: `tour:back:${check.id}` }).reply).step).toBe(steps[i - 1]!.id);
  });

  it('GIVEN a double click or an old button THEN the tour does not skip ahead', () => {
    let { state } = start();
    ({ state } = turn(state!, { choiceId: `tour:next:${steps[0]!.id}` }));
    const again = turn(state!, { choiceId: `tour:next:${steps[0]!.id}` });
    expect(question(again.reply).step).toBe(steps[1]!.id);
  });

  it('GIVEN "stop" THEN the tour ends with a way to resume; "start over" goes to step 1', () => {
    const mid = start(steps[2]!.id).state!;
    const stopped = turn(mid, { text: 'stop' });
    expect(stopped.state).toBeNull();
    expect(stopped.reply.text).toBe(controls.text.tourStopped);
    expect(stopped.reply.choices.map((c) => c.id)).toContain('start:tour');
    const restarted = turn(mid, { text: 'start over' });
    expect(question(restarted.reply).step).toBe(steps[0]!.id);
  });

  it('GIVEN a side question during the tour THEN it is not handled, and the step can be shown again', () => {
    const state: DialogueState = start(steps[1]!.id).state!;
    expect(continueFlow(flows, state, { text: 'what is xen?' }, NOW)).toEqual({ handled: false });
    expect(continueFlow(flows, state, { text: '', choiceId: 'rec:os:linux' }, NOW)).toEqual({ handled: false });
    expect(question(repromptReply(flows, state)).step).toBe(steps[1]!.id);
  });

  it('GIVEN a tour button with no tour running THEN the tour picks up at that step', () => {
    const check = checks[0]!;
    const r = startFromChoice(flows, `tour:check:${check.id}:${check.answer}`, { now: NOW })!;
    expect(r.reply.text).toContain(controls.text.checkRight);
    expect(question(startFromChoice(flows, 'start:tour', { now: NOW, resumeStep: steps[4]!.id })!.reply).step).toBe(steps[4]!.id);
    expect(question(startFromChoice(flows, 'tour:restart', { now: NOW })!.reply).step).toBe(steps[0]!.id);
  });
});
