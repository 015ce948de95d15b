import type { Verdict } from '../types.js';
import type { Slots } from './extract.js';
import { VERDICTS, type AnswerChoice, type QuestionStep, type RecommendFlow } from './schema.js';

export type Totals = Record<Verdict, number>;

export interface Score {
  verdict: Verdict;
  /** Reasons of the answers that point at the verdict, in question order. */
  reasons: string[];
  /** Reasons of the answers that point only elsewhere: shown as counterpoints. */
  against: string[];
  totals: Totals;
  /** True when no way of answering the open questions could change the verdict. */
  decided: boolean;
  /** The next best verdict when it scored within CLOSE_MARGIN of the winner. */
  closeTo?: Verdict;
}

/** A runner-up this near the winner is named in the verdict ("it was close"). */
export const CLOSE_MARGIN = 2;

const weight = (c: AnswerChoice, v: Verdict) => c.weights[v] ?? 0;

function answerOf(q: QuestionStep, slots: Slots): AnswerChoice | undefined {
  const id = slots[q.slot];
  return id === undefined ? undefined : q.choices.find((c) => c.id === id);
}

/** Questions neither answered nor skipped. */
export function openQuestions(flow: RecommendFlow, slots: Slots): QuestionStep[] {
  return flow.questions.filter((q) => slots[q.slot] === undefined);
}

/**
 * Sums each answer's weights. Equal totals go to the verdict listed first in `flow.tieBreak`.
 * "decided": for every other verdict, the most the open questions could add to it relative to the
 * leader (each question's best case, summed) cannot overtake the leader, counting the tie-break.
 * Skipped questions ("not sure") count as answered with no weight.
 */
export function scoreRecommendation(flow: RecommendFlow, slots: Slots): Score {
  const totals: Totals = { vm: 0, container: 0, 'containers-on-vms': 0 };
  const answered: AnswerChoice[] = [];
  for (const q of flow.questions) {
    const c = answerOf(q, slots);
    if (!c) continue;
    answered.push(c);
    for (const v of VERDICTS) totals[v] += weight(c, v);
  }

  const rank = (v: Verdict) => flow.tieBreak.indexOf(v);
  const ordered = [...VERDICTS].sort((a, b) => totals[b] - totals[a] || rank(a) - rank(b));
  const verdict = ordered[0]!;
  const second = ordered[1]!;

  const open = openQuestions(flow, slots);
  const decided = VERDICTS.every((other) => {
    if (other === verdict) return true;
    const swing = open.reduce((sum, q) => sum + Math.max(0, ...q.choices.map((c) => weight(c, other) - weight(c, verdict))), 0);
    const margin = totals[verdict] - totals[other];
    return margin > swing || (margin === swing && rank(verdict) < rank(other));
  });

  const reasons: string[] = [];
  const against: string[] = [];
  for (const c of answered) {
    if (weight(c, verdict) > 0) reasons.push(c.reason);
    else if (VERDICTS.some((v) => weight(c, v) > 0)) against.push(c.reason);
  }

  const close = totals[second] > 0 && totals[verdict] - totals[second] <= CLOSE_MARGIN;
  return { verdict, reasons, against, totals, decided, ...(close ? { closeTo: second } : {}) };
}
