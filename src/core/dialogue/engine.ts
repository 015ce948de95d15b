import { assertNever, type Reply } from '../types.js';
import { parseDialogueChoice, START_RECOMMEND, START_TOUR } from './ids.js';
import type { Flows } from './load.js';
import { applyRecommendAction, continueRecommend, repromptRecommend, startRecommend } from './recommend.js';
import { INTENT, notice, type DialogueResult } from './reply.js';
import type { DialogueState } from './state.js';
import { applyTourAction, continueTour, repromptTour, startTour, tourAt } from './tour.js';

/**
 * The dialogue engine: pure functions from (flows, state, input, now) to (state, reply).
 * The caller stores the state (null means "no dialogue"), checks expiry, and answers side questions.
 */

export type FlowId = 'recommend' | 'tour';

export interface StartOptions {
  /** The message that started a recommendation: every answer it already gives is taken. */
  text?: string;
  /** The tour step to resume at (from the user's saved progress). */
  resumeStep?: string;
  now: number;
}

export type ContinueResult = ({ handled: true } & DialogueResult) | { handled: false };

export function startFlow(flows: Flows, flowId: FlowId, opts: StartOptions): DialogueResult {
  switch (flowId) {
    case 'recommend':
      return startRecommend(flows, opts.text, opts.now);
    case 'tour':
      return startTour(flows, opts.resumeStep, opts.now);
    default:
      return assertNever(flowId);
  }
}

/**
 * One user turn inside a running dialogue. `handled: false` means the input is not for this
 * dialogue (a side question, or a button of another flow or feature): the state is unchanged,
 * the caller answers the message and may append `repromptReply`.
 */
export function continueFlow(
  flows: Flows,
  state: DialogueState,
  input: { text: string; choiceId?: string },
  now: number,
): ContinueResult {
  const result = state.flow === 'recommend' ? continueRecommend(flows, state, input, now) : continueTour(flows, state, input, now);
  return result ? { handled: true, ...result } : { handled: false };
}

/** The pending step again, e.g. after answering a side question. */
export function repromptReply(flows: Flows, state: DialogueState): Reply {
  return state.flow === 'recommend' ? repromptRecommend(flows, state) : repromptTour(flows, state);
}

/**
 * A dialogue button clicked when no dialogue of its flow is running (finished, expired, cancelled,
 * or a button on an old message): starts that flow and applies the click, so old buttons still work.
 * Also accepts the core's start:recommend / start:tour. null for any other id.
 */
export function startFromChoice(flows: Flows, choiceId: string, opts: { now: number; resumeStep?: string }): DialogueResult | null {
  const { now } = opts;
  if (choiceId === START_RECOMMEND) return startFlow(flows, 'recommend', { now });
  if (choiceId === START_TOUR) return startFlow(flows, 'tour', { now, resumeStep: opts.resumeStep });
  const action = parseDialogueChoice(choiceId);
  if (!action) return null;
  if (action.flow === 'recommend') {
    if (action.type === 'cancel') return { state: null, reply: notice(INTENT.recommend, flows.controls.text.cancelled) };
    const started = startFlow(flows, 'recommend', { now });
    // Answers, "ask again" and "recommend for this" buttons carry what they need; back and restart just start.
    const replays = action.type === 'answer' || action.type === 'ask' || action.type === 'fill';
    if (!replays || started.state?.flow !== 'recommend') return started;
    return applyRecommendAction(flows, started.state, action, now);
  }
  switch (action.type) {
    case 'stop':
      return applyTourAction(flows, tourAt(flows, undefined, now), action, now);
    case 'restart':
      return startTour(flows, undefined, now);
    case 'next':
    case 'back':
    case 'check': {
      // Replay the click on the step it was made on (a step that no longer exists starts the tour).
      const at = tourAt(flows, action.step, now);
      return at.step === action.step ? applyTourAction(flows, at, action, now) : startTour(flows, undefined, now);
    }
  }
}

export { readOutside, type OutsideReading } from './outside.js';
export { isDialogueChoice, parseDialogueChoice, recId, tourId, START_RECOMMEND, START_TOUR } from './ids.js';
export { loadFlows, type Flows } from './load.js';
export { extractSlots, type Slots } from './extract.js';
export { scoreRecommendation, type Score } from './score.js';
export { isExpired, parseDialogueState, type DialogueState } from './state.js';
export type { DialogueResult } from './reply.js';
