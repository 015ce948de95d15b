import type { Verdict } from '../types.js';
import type { Slots } from './extract.js';
import { policyOf, VERDICTS, type AnswerChoice, type QuestionStep, type RecommendFlow } from './schema.js';
import { scoreRecommendation, type Score } from './score.js';

/**
 * Which question to ask next, and when to stop asking: pure functions of the flow and the answers.
 * A question is worth asking only if one of its answers could change the verdict; the one that
 * could change it most is asked first.
 */

const weight = (c: AnswerChoice, v: Verdict) => c.weights[v] ?? 0;

/** Questions the user has not answered with a real answer (open or "not sure"). */
export function unanswered(flow: RecommendFlow, slots: Slots): QuestionStep[] {
  return flow.questions.filter((q) => slots[q.slot] === undefined || slots[q.slot] === 'skip');
}

/** Real answers given (not "not sure"). */
export function evidence(slots: Slots): number {
  return Object.values(slots).filter((v) => v !== 'skip').length;
}

/**
 * How far the best answer to `q` would carry a rival past the leader: positive means some answer
 * flips the verdict (zero flips it when the tie-break favours the rival). The largest over rivals.
 */
export function pull(flow: RecommendFlow, score: Score, q: QuestionStep): number {
  const rank = (v: Verdict) => flow.tieBreak.indexOf(v);
  const lead = score.verdict;
  let best = -Infinity;
  for (const other of VERDICTS) {
    if (other === lead) continue;
    const swing = Math.max(0, ...q.choices.map((c) => weight(c, other) - weight(c, lead)));
    const margin = score.totals[lead] - score.totals[other];
    const tieBonus = rank(other) < rank(lead) ? 0.5 : -0.5;
    best = Math.max(best, swing - margin + tieBonus);
  }
  return best;
}

/** The question whose answer would move the verdict most, among `candidates`; undefined when none could flip it. */
export function decidingQuestion(flow: RecommendFlow, slots: Slots, candidates: readonly QuestionStep[]): QuestionStep | undefined {
  const score = scoreRecommendation(flow, slots);
  let best: { q: QuestionStep; pull: number } | undefined;
  for (const q of candidates) {
    const p = pull(flow, score, q);
    if (p > 0 && (!best || p > best.pull)) best = { q, pull: p };
  }
  return best?.q;
}

export type Move = { type: 'ask'; question: QuestionStep } | { type: 'verdict' };

export interface Progress {
  /** Questions answered so far in this dialogue. */
  asked: number;
  /** Answers after which the verdict comes anyway. */
  budget: number;
  /** "Not sure" answers since the last real answer. */
  skips: number;
}

/**
 * The verdict once no answers could change it, once enough was said that no single answer could,
 * after a "not sure" once something was said (the user knows no more: the leaning verdict), or
 * when the budget is spent. Otherwise the pending
 * question if one of its answers could still flip the verdict, else the open question that comes
 * closest to flipping it (answers to several questions together may still change it).
 */
export function nextMove(flow: RecommendFlow, slots: Slots, progress: Progress, pending?: string): Move {
  const score = scoreRecommendation(flow, slots);
  if (score.decided) return { type: 'verdict' };
  if (evidence(slots) > 0 && progress.skips > 0) return { type: 'verdict' };
  if (progress.asked >= progress.budget || progress.skips >= policyOf(flow).maxSkips) return { type: 'verdict' };
  const open = flow.questions.filter((q) => slots[q.slot] === undefined);
  const current = open.find((q) => q.id === pending);
  if (current && pull(flow, score, current) > 0) return { type: 'ask', question: current };
  let best: { q: QuestionStep; pull: number } | undefined;
  for (const q of open) {
    const p = pull(flow, score, q);
    if (!best || p > best.pull) best = { q, pull: p };
  }
  // Enough said that no single answer could flip it: a description that settles it gets it at once.
  if (best && best.pull <= 0 && evidence(slots) >= policyOf(flow).settleAfter) return { type: 'verdict' };
  return best ? { type: 'ask', question: best.q } : { type: 'verdict' };
}
