import { MAX_REPLY_TEXT, type Choice, type Reply } from '../types.js';
import { boundText } from '../text/bound.js';
import { decidedBy, wouldChange } from './explain.js';
import type { Slots } from './extract.js';
import { recId, START_TOUR } from './ids.js';
import type { Flows } from './load.js';
import { decidingQuestion, evidence, unanswered } from './policy.js';
import { bullets, INTENT, paragraphs, resolveSources } from './reply.js';
import type { AnswerChoice, RecommendFlow } from './schema.js';
import { scoreRecommendation } from './score.js';
import { encodeSlots } from './slot-code.js';
import { fill } from './text.js';

type NextStep = RecommendFlow['verdicts']['vm']['nextSteps'][number];

const matches = (step: NextStep, slots: Slots) =>
  Object.entries(step.when ?? {}).every(([slot, ids]) => ids.includes(slots[slot] ?? ''));

/** Steps without conditions, steps whose conditions hold, and the fallback when none held. */
export function nextSteps(steps: readonly NextStep[], slots: Slots): string[] {
  const anyMatched = steps.some((s) => s.when && matches(s, slots));
  return steps
    .filter((s) => (s.when ? matches(s, slots) : s.fallback ? !anyMatched : true))
    .map((s) => s.text);
}

const conditionOf = (c: AnswerChoice) => c.condition ?? c.label;

/**
 * The end of the recommendation: verdict, explanation, what decided it, what would change it, next
 * steps, and reasons tied to the answers. When one open question could still flip it, the verdict
 * says it is leaning and offers that question as a button.
 */
export function verdictReply(flows: Flows, slots: Slots, prefix?: string): Reply {
  const { recommend: flow, controls } = flows;
  const score = scoreRecommendation(flow, slots);
  const text = flow.verdicts[score.verdict];
  const reasons = [...score.reasons, ...score.against.map((reason) => fill(controls.text.against, { reason }))];
  const decided = decidedBy(flow, slots, score.verdict).map((c) => c.label);
  const changes = wouldChange(flow, slots).map((ch) =>
    fill(controls.text.wouldChange, { condition: ch.answers.map((a) => conditionOf(a.choice)).join(' and '), verdict: flow.verdicts[ch.verdict].name }),
  );
  const settle = score.decided || evidence(slots) === 0 ? undefined : decidingQuestion(flow, slots, unanswered(flow, slots));

  const compose = (shown: string[]) =>
    paragraphs(
      prefix,
      settle ? fill(controls.text.leaning, { verdict: text.name, question: settle.text }) : undefined,
      `**${text.title}**`,
      text.explanation,
      score.closeTo ? fill(controls.text.closeCall, { other: flow.verdicts[score.closeTo].name }) : undefined,
      decided.length ? `${controls.text.decidedHeading}\n${bullets(decided)}` : undefined,
      changes.length ? `${controls.text.changeHeading}\n${bullets(changes)}` : undefined,
      `${controls.text.nextStepsHeading}\n${bullets(nextSteps(text.nextSteps, slots))}`,
      shown.length ? `${controls.text.reasonsHeading}\n${bullets(shown)}` : controls.text.noReasons,
    );
  // Drop the last reasons rather than cut a sentence when a long flow overflows the limit.
  let shown = reasons;
  let body = compose(shown);
  while (body.length > MAX_REPLY_TEXT && shown.length > 1) {
    shown = shown.slice(0, -1);
    body = compose(shown);
  }

  const choices: Choice[] = [
    ...(settle ? [{ id: recId.ask(settle.slot, encodeSlots(flow, slots)), label: controls.labels.settle }] : []),
    { id: recId.restart(), label: controls.labels.restart },
    { id: START_TOUR, label: controls.labels.takeTour },
  ];
  return {
    kind: 'verdict',
    intent: INTENT.recommend,
    confidence: 1,
    text: boundText(body),
    choices,
    sources: resolveSources(flows, text.sources),
    recommendation: { verdict: score.verdict, reasons, decided_by: decided, would_change: changes },
  };
}
