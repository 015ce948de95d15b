import { describe, expect, it } from 'vitest';
import { AnswerCaseSchema, judge, summarise } from '../../src/eval/answer-set.js';

const question = AnswerCaseSchema.parse({ id: 'q1', text: 'is hyper-v type 1?', expect_any: [['type 1', 'bare-metal'], ['windows']], expect_none: ['hyper-v is a type 2'], topic: 'hypervisor-types' });
const offTopic = AnswerCaseSchema.parse({ id: 'o1', text: 'best pizza?', expect_oos: true, topic: 'out-of-scope' });

describe('answer-level judging (the devset rule)', () => {
  it('GIVEN a reply with one string of each list THEN it passes', () => {
    expect(judge(question, { intent: 'fact', text: 'Yes: Hyper-V is a Type 1 hypervisor; Windows runs in its root partition.' })).toBe(true);
  });

  it('GIVEN a list with no hit, a classic error, or an out-of-scope reply THEN it fails', () => {
    expect(judge(question, { intent: 'fact', text: 'It is a bare-metal hypervisor.' })).toBe(false);
    expect(judge(question, { intent: 'fact', text: 'On Windows, Hyper-V is a type 2 hypervisor, not type 1.' })).toBe(false);
    expect(judge(question, { intent: 'out_of_scope', text: 'type 1 windows' })).toBe(false);
  });

  it('GIVEN an off-topic line THEN only an out-of-scope reply passes', () => {
    expect(judge(offTopic, { intent: 'out_of_scope', text: 'Sorry…' })).toBe(true);
    expect(judge(offTopic, { intent: 'fact', text: 'Sorry…' })).toBe(false);
  });

  it('GIVEN judged lines THEN counts passes per kind and per topic', () => {
    const { byKind, byTopic } = summarise([
      { case: question, pass: true, intent: 'fact', text: '' },
      { case: offTopic, pass: false, intent: 'fact', text: '' },
    ]);
    expect(byKind.get('question')).toEqual([1, 1]);
    expect(byKind.get('out_of_scope')).toEqual([0, 1]);
    expect(byTopic.get('hypervisor-types')).toEqual([1, 1]);
  });
});
