import { describe, expect, it } from 'vitest';
import {
  continueFlow,
  isDialogueChoice,
  isExpired,
  parseDialogueState,
  repromptReply,
  startFlow,
  startFromChoice,
  type DialogueState,
} from '../../../src/core/dialogue/engine.js';
import type { Verdict } from '../../../src/core/types.js';
import { expectRenderable, flows, NOW, question, turn, verdict } from './helpers.js';

const { controls } = flows;
const start = (text?: string) => {
  const r = startFlow(flows, 'recommend', { now: NOW, ...(text ? { text } : {}) });
  expectRenderable(r.reply);
  return r;
};
const reasonOf = (slot: string, id: string) => flows.recommend.questions.find((q) => q.slot === slot)!.choices.find((c) => c.id === id)!.reason;

/** Clicks the planned answer of every question asked (or "Not sure"), until the verdict. */
function clickThrough(plan: Record<string, string>) {
  let { state, reply } = start();
  const asked: string[] = [];
  while (reply.kind === 'question') {
    const step = reply.step;
    asked.push(step);
    const q = flows.recommend.questions.find((x) => x.id === step)!;
    const id = `rec:${q.slot}:${plan[q.slot] ?? 'skip'}`;
    expect(reply.choices.map((c) => c.id)).toContain(id);
    ({ state, reply } = turn(state!, { choiceId: id }));
  }
  return { state, reply: verdict(reply), asked };
}

describe('recommendation by buttons', () => {
  const plans: [Verdict, Record<string, string>][] = [
    ['vm', { os: 'windows', isolation: 'regulated', shape: 'monolith', scaling: 'steady', startup: 'minutes', hardware: 'dedicated', estate: 'vmware', skills: 'vm' }],
    ['container', { os: 'linux', isolation: 'trusted', shape: 'micro', scaling: 'elastic', startup: 'seconds', hardware: 'none', estate: 'kubernetes', skills: 'containers' }],
    ['containers-on-vms', { os: 'windows', isolation: 'tenant', shape: 'mixed', scaling: 'elastic', startup: 'seconds', hardware: 'gpu', estate: 'cloud', skills: 'both' }],
  ];

  for (const [expected, plan] of plans) {
    it(`GIVEN answers pointing at ${expected} THEN the verdict is ${expected} with reasons, next steps and sources`, () => {
      const { state, reply } = clickThrough(plan);
      expect(state).toBeNull();
      expect(reply.recommendation.verdict).toBe(expected);
      expect(reply.recommendation.reasons).toContain(reasonOf('os', plan.os!));
      const text = flows.recommend.verdicts[expected];
      expect(reply.text).toContain(text.explanation);
      expect(reply.text).toContain(controls.text.nextStepsHeading);
      expect(reply.text).toContain(`- ${reasonOf('os', plan.os!)}`);
      expect(reply.sources.length).toBeGreaterThan(0);
      expect(reply.sources[0]!.title).toMatch(/^Title of /);
      expect(reply.choices.map((c) => c.id)).toEqual(['rec:ctl:restart', 'start:tour']);
      expect(reply.intent).toBe('recommend_start');
    });
  }

  it('GIVEN a VMware estate THEN the VM next step talks about the existing vSphere cluster', () => {
    let { state, reply } = start('we run everything on VMware');
    while (reply.kind === 'question') {
      const step = reply.step;
      const q = flows.recommend.questions.find((x) => x.id === step)!;
      ({ state, reply } = turn(state!, { choiceId: `rec:${q.slot}:${plans[0]![1][q.slot]}` }));
    }
    expect(verdict(reply).recommendation.verdict).toBe('vm');
    expect(reply.text).toContain(flows.recommend.verdicts.vm.nextSteps.find((s) => s.when?.estate?.includes('vmware'))!.text);
    expect(reply.text).not.toContain(flows.recommend.verdicts.vm.nextSteps.find((s) => s.fallback)!.text);
  });

  it('GIVEN Windows on Linux hosts and microservices (conflicting) THEN the verdict gives reasons for both', () => {
    const { reply } = clickThrough({ os: 'windows', shape: 'micro' });
    expect(['containers-on-vms', 'vm']).toContain(reply.recommendation.verdict);
    expect(reply.text).toContain(reasonOf('os', 'windows'));
    expect(reply.text).toContain(reasonOf('shape', 'micro'));
  });

  it('GIVEN every question answered "Not sure" THEN a default verdict that says it is a default, after a few questions', () => {
    const { reply, asked } = clickThrough({});
    expect(asked).toHaveLength(flows.recommend.policy!.maxSkips);
    expect(reply.text).toContain(controls.text.noReasons);
  });

  it('shows progress, Not sure and Cancel on the first question, and Back only once there is something to undo', () => {
    const first = question(start().reply);
    expect(first.progress).toEqual({ index: 1, total: flows.recommend.policy!.maxQuestionsCold });
    expect(first.text).toContain(flows.recommend.intro);
    expect(first.text.startsWith('Question 1 of')).toBe(true);
    const labels = first.choices.map((c) => c.label);
    expect(labels).toEqual(expect.arrayContaining([controls.labels.skip, controls.labels.cancel]));
    expect(labels).not.toContain(controls.labels.back);
    const { reply } = turn(start().state!, { choiceId: 'rec:os:linux' });
    expect(question(reply).progress?.index).toBe(2);
    expect(reply.choices.map((c) => c.label)).toContain(controls.labels.back);
  });
});

describe('recommendation from free text', () => {
  it('GIVEN the first message answers two questions THEN neither is asked and both are confirmed', () => {
    const { state, reply } = start('legacy .NET app that needs Windows Server, our hosts are Linux');
    const q = question(reply);
    expect(state?.flow === 'recommend' && state.slots).toEqual({ os: 'windows', shape: 'monolith' });
    expect(['os', 'shape']).not.toContain(q.step);
    expect(q.progress).toEqual({ index: 1, total: flows.recommend.policy!.maxQuestions });
    expect(q.text).toContain('Noted:');
    expect(q.text).toContain('Windows or another OS');
  });

  it('GIVEN a description that already points somewhere THEN the first question says where so far, why, and what pulls the other way', () => {
    const { reply } = start('a windows desktop app for 20 users, we already run kubernetes');
    const q = question(reply);
    // Windows and a monolith point to VMs; the Kubernetes estate pulls towards containers.
    expect(q.text).toContain(`So far this points to ${flows.recommend.verdicts.vm.name}.`);
    expect(q.text).toContain(reasonOf('os', 'windows'));
    expect(q.text).toContain(controls.text.against.replace('{reason}', reasonOf('estate', 'kubernetes')));
    // Nothing said yet: no lean.
    expect(question(start().reply).text).not.toContain('So far');
  });

  it('GIVEN one message that describes everything THEN the verdict comes at once', () => {
    const { state, reply } = start(
      'Regulated banking app, a legacy monolith on Windows Server, steady load, minutes to start are fine, it needs a licence dongle, we run VMware and our people are sysadmins',
    );
    expect(state).toBeNull();
    expect(verdict(reply).recommendation.verdict).toBe('vm');
    // The verdict says where it points: no "so far" before it.
    expect(reply.text).not.toContain('So far');
  });

  it('GIVEN free text mid-flow that answers several questions THEN those are never asked', () => {
    let { state, reply } = start();
    ({ state, reply } = turn(state!, { text: "it's a Linux app, stateless microservices, and we already run Kubernetes" }));
    expect(question(reply).step).toBe('isolation');
    const asked = [question(reply).step];
    while (reply.kind === 'question') {
      const step = reply.step;
      const q = flows.recommend.questions.find((x) => x.id === step)!;
      ({ state, reply } = turn(state!, { choiceId: `rec:${q.slot}:skip` }));
      if (reply.kind === 'question') asked.push(reply.step);
    }
    expect(asked).not.toContain('os');
    expect(asked).not.toContain('shape');
    expect(asked).not.toContain('estate');
  });

  it('GIVEN free text that answers a later question THEN it is noted and the pending question is asked again', () => {
    const { state } = start();
    const { state: next, reply } = turn(state!, { text: 'we are all on AWS' });
    expect(question(reply).step).toBe('os');
    expect(reply.text).toContain('Noted: A public cloud');
    expect(next?.flow === 'recommend' && next.slots).toEqual({ estate: 'cloud' });
  });

  it('GIVEN a number or a label typed THEN it picks that choice', () => {
    const { state } = start();
    const byNumber = turn(state!, { text: '1' });
    expect(byNumber.state?.flow === 'recommend' && byNumber.state.slots).toEqual({ os: 'windows' });
    const byLabel = turn(state!, { text: 'no: it runs on linux, like the hosts' });
    expect(byLabel.state?.flow === 'recommend' && byLabel.state.slots).toEqual({ os: 'linux' });
    const skipByNumber = turn(state!, { text: `${flows.recommend.questions[0]!.choices.length + 1}.` });
    expect(skipByNumber.state?.flow === 'recommend' && skipByNumber.state.slots).toEqual({ os: 'skip' });
  });

  it('GIVEN a short reply with filler words THEN it still answers the pending question', () => {
    for (const text of ["it's linux", 'no, linux', 'yeah windows']) {
      const r = turn(start().state!, { text });
      expect(r.state?.flow === 'recommend' && r.state.slots['os']).toBe(text.includes('windows') ? 'windows' : 'linux');
    }
  });

  it('GIVEN a number with no such choice THEN the question is asked again', () => {
    const { state } = start();
    const r = turn(state!, { text: '9' });
    expect(question(r.reply).step).toBe('os');
    expect(r.state?.flow === 'recommend' && r.state.slots).toEqual({});
  });

  it('GIVEN a short reply such as "no" THEN it answers the pending question only', () => {
    let { state, reply } = start('a linux app');
    expect(question(reply).step).toBe('isolation');
    ({ state, reply } = turn(state!, { text: 'no' }));
    expect(question(reply).step).toBe('shape');
    expect(state?.flow === 'recommend' && state.slots).toEqual({ os: 'linux', isolation: 'trusted' });
    ({ state, reply } = turn(state!, { text: "it's microservices" }));
    expect(state?.flow === 'recommend' && state.slots['shape']).toBe('micro');
  });
});

describe('recommendation controls', () => {
  const answered = () => {
    let { state } = start();
    ({ state } = turn(state!, { choiceId: 'rec:os:linux' }));
    ({ state } = turn(state!, { choiceId: 'rec:isolation:trusted' }));
    return state!;
  };

  it('GIVEN "not sure", "idk" or the button THEN the question is skipped and the next one asked', () => {
    for (const input of [{ text: 'not sure' }, { text: 'idk' }, { text: 'skip this one please' }, { choiceId: 'rec:os:skip' }]) {
      const { state, reply } = turn(start().state!, input);
      expect(question(reply).step).not.toBe('os');
      expect(state?.flow === 'recommend' && state.slots).toEqual({ os: 'skip' });
    }
  });

  it('GIVEN "back" THEN the previous question is asked again with its answer removed', () => {
    const state = answered();
    for (const input of [{ text: 'back' }, { text: 'go back' }, { choiceId: 'rec:ctl:back:shape' }]) {
      const r = turn(state, input);
      expect(question(r.reply).step).toBe('isolation');
      expect(r.state?.flow === 'recommend' && r.state.slots).toEqual({ os: 'linux' });
    }
  });

  it('GIVEN a back button from an older question THEN nothing is undone', () => {
    const r = turn(answered(), { choiceId: 'rec:ctl:back:isolation' });
    expect(question(r.reply).step).toBe('shape');
    expect(r.state?.flow === 'recommend' && r.state.slots).toEqual({ os: 'linux', isolation: 'trusted' });
  });

  it('GIVEN "back" on the first question THEN it says there is nothing to go back to', () => {
    const r = turn(start().state!, { text: 'previous' });
    expect(question(r.reply).step).toBe('os');
    expect(r.reply.text).toContain(controls.text.nothingBack);
  });

  it('GIVEN "start over" THEN all answers are dropped and the first question is asked', () => {
    for (const input of [{ text: 'start over' }, { text: 'restart' }, { choiceId: 'rec:ctl:restart' }]) {
      const r = turn(answered(), input);
      expect(question(r.reply).step).toBe('os');
      expect(r.reply.text).toContain(controls.text.restarted);
      expect(r.state?.flow === 'recommend' && r.state.slots).toEqual({});
    }
  });

  it('GIVEN "cancel" THEN the dialogue ends with a notice', () => {
    for (const input of [{ text: 'cancel' }, { text: 'nevermind' }, { text: 'stop please' }, { choiceId: 'rec:ctl:cancel' }]) {
      const r = turn(answered(), input);
      expect(r.state).toBeNull();
      expect(r.reply.kind).toBe('notice');
      expect(r.reply.text).toBe(controls.text.cancelled);
    }
  });

  it('GIVEN a side question or an unrelated button THEN it is not handled and the state is untouched', () => {
    const state = answered();
    for (const input of [
      { text: 'what is kvm?' },
      { text: 'how fast does a VM boot' },
      { text: 'is kubernetes hard to learn?' },
      { text: 'tell me a joke' },
      { text: '', choiceId: 'more:kvm' },
      { text: '', choiceId: 'tour:next:what-vm' },
    ]) {
      expect(continueFlow(flows, state, input, NOW)).toEqual({ handled: false });
    }
    expect(question(repromptReply(flows, state)).step).toBe('shape');
  });

  it('GIVEN a stored state THEN it survives JSON and the dialogue continues from it', () => {
    const stored: unknown = JSON.parse(JSON.stringify(answered()));
    const state = parseDialogueState(stored);
    expect(state).not.toBeNull();
    const next = turn(state!, { choiceId: 'rec:shape:micro' });
    expect(next.state?.flow === 'recommend' && next.state.slots).toEqual({ os: 'linux', isolation: 'trusted', shape: 'micro' });
    expect(parseDialogueState({ flow: 'recommend' })).toBeNull();
  });

  it('expires after the idle time and not before', () => {
    const state: DialogueState = { ...answered(), updatedAt: NOW };
    expect(isExpired(state, NOW + 30 * 60_000, 30 * 60_000)).toBe(false);
    expect(isExpired(state, NOW + 30 * 60_000 + 1, 30 * 60_000)).toBe(true);
    expect(turn(state, { choiceId: 'rec:shape:micro' }, NOW + 5).state?.updatedAt).toBe(NOW + 5);
  });
});

describe('buttons outside a running dialogue', () => {
  it('recognises its own choice ids only', () => {
    expect(isDialogueChoice('rec:os:windows')).toBe(true);
    expect(isDialogueChoice('tour:check:isolation:b')).toBe(true);
    expect(isDialogueChoice('more:kvm')).toBe(false);
    expect(startFromChoice(flows, 'more:kvm', { now: NOW })).toBeNull();
  });

  it('GIVEN an answer button from an expired dialogue THEN a new recommendation starts with that answer', () => {
    const r = startFromChoice(flows, 'rec:os:windows', { now: NOW })!;
    expect(r.state?.flow === 'recommend' && r.state.slots).toEqual({ os: 'windows' });
    expect(question(r.reply).step).not.toBe('os');
  });

  it('GIVEN "Start over" on a verdict THEN a fresh recommendation starts', () => {
    const r = startFromChoice(flows, 'rec:ctl:restart', { now: NOW })!;
    expect(question(r.reply).step).toBe('os');
  });
});
