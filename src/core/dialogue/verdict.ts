import { MAX_REPLY_TEXT, type Reply } from '../types.js';
import type { Slots } from './extract.js';
import { recId, START_TOUR } from './ids.js';
import type { Flows } from './load.js';
import type { RecommendFlow } from './schema.js';
import { scoreRecommendation } from './score.js';
import { boundText } from '../text/bound.js';
import { bullets, INTENT, paragraphs, resolveSources } from './reply.js';
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

/** The end of the recommendation: verdict, explanation, next steps, and reasons tied to the answers. */
export function verdictReply(flows: Flows, slots: Slots): Reply {
  const { recommend: flow, controls } = flows;
  const score = scoreRecommendation(flow, slots);
  const text = flow.verdicts[score.verdict];
  const reasons = [...score.reasons, ...score.against.map((reason) => fill(controls.text.against, { reason }))];

  const compose = (shown: string[]) =>
    paragraphs(
      `**${text.title}**`,
      text.explanation,
      score.closeTo ? fill(controls.text.closeCall, { other: flow.verdicts[score.closeTo].name }) : undefined,
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

  return {
    kind: 'verdict',
    intent: INTENT.recommend,
    confidence: 1,
    text: boundText(body),
    choices: [
      { id: recId.restart(), label: controls.labels.restart },
      { id: START_TOUR, label: controls.labels.takeTour },
    ],
    sources: resolveSources(flows, text.sources),
    recommendation: { verdict: score.verdict, reasons },
  };
}
