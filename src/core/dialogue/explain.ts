import type { Verdict } from '../types.js';
import type { Slots } from './extract.js';
import { VERDICTS, type AnswerChoice, type QuestionStep, type RecommendFlow } from './schema.js';
import { scoreRecommendation } from './score.js';

/**
 * "What decided it" and "what would change it", computed from the same pure scoring function the
 * verdict comes from, so the explanation can never disagree with the verdict.
 */

const weight = (c: AnswerChoice, v: Verdict) => c.weights[v] ?? 0;

function answerOf(q: QuestionStep, slots: Slots): AnswerChoice | undefined {
  return q.choices.find((c) => c.id === slots[q.slot]);
}

/** The (at most three) answers that pushed the verdict furthest ahead of its nearest rival. */
export function decidedBy(flow: RecommendFlow, slots: Slots, verdict: Verdict): AnswerChoice[] {
  const lead = (c: AnswerChoice) => weight(c, verdict) - Math.max(...VERDICTS.filter((v) => v !== verdict).map((v) => weight(c, v)));
  return flow.questions
    .map((q, order) => ({ c: answerOf(q, slots), order }))
    .filter((x): x is { c: AnswerChoice; order: number } => !!x.c && weight(x.c, verdict) > 0)
    .sort((a, b) => lead(b.c) - lead(a.c) || weight(b.c, verdict) - weight(a.c, verdict) || a.order - b.order)
    .slice(0, 3)
    .map((x) => x.c);
}

export interface Change {
  /** The answers that would have to be different (one, or two when no single answer flips it). */
  answers: { question: QuestionStep; choice: AnswerChoice }[];
  verdict: Verdict;
}

/**
 * The smallest change of answers that flips the verdict, one per rival verdict: a single answer if
 * any does (an open or "not sure" question first, since that contradicts nothing the user said),
 * else a pair of answers (open questions first).
 */
export function wouldChange(flow: RecommendFlow, slots: Slots): Change[] {
  const current = scoreRecommendation(flow, slots).verdict;
  const isOpen = (q: QuestionStep) => slots[q.slot] === undefined || slots[q.slot] === 'skip';
  const singles: (Change & { open: boolean; margin: number })[] = [];
  for (const q of flow.questions) {
    for (const c of q.choices) {
      if (slots[q.slot] === c.id) continue;
      const s = scoreRecommendation(flow, { ...slots, [q.slot]: c.id });
      if (s.verdict === current) continue;
      const margin = s.totals[s.verdict] - s.totals[current];
      singles.push({ answers: [{ question: q, choice: c }], verdict: s.verdict, open: isOpen(q), margin });
    }
  }
  const out: Change[] = [];
  for (const v of VERDICTS) {
    if (v === current) continue;
    const best = singles
      .filter((x) => x.verdict === v)
      .sort((a, b) => Number(b.open) - Number(a.open) || b.margin - a.margin)[0];
    if (best) out.push({ answers: best.answers, verdict: v });
  }
  if (out.length > 0) return out;
  return pairChange(flow, slots, current, isOpen);
}

/** Two answers that flip it together: open questions first, then changing what was said. */
function pairChange(flow: RecommendFlow, slots: Slots, current: Verdict, isOpen: (q: QuestionStep) => boolean): Change[] {
  const qs = [...flow.questions.filter(isOpen), ...flow.questions.filter((q) => !isOpen(q))];
  for (let i = 0; i < qs.length; i++) {
    for (let j = i + 1; j < qs.length; j++) {
      const [a, b] = [qs[i]!, qs[j]!];
      for (const ca of a.choices) {
        for (const cb of b.choices) {
          const s = scoreRecommendation(flow, { ...slots, [a.slot]: ca.id, [b.slot]: cb.id });
          if (s.verdict !== current) return [{ answers: [{ question: a, choice: ca }, { question: b, choice: cb }], verdict: s.verdict }];
        }
      }
    }
  }
  return [];
}
