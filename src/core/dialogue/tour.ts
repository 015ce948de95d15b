import type { Choice, Reply } from '../types.js';
import { parseDialogueChoice, START_RECOMMEND, START_TOUR, tourId, type DialogueAction } from './ids.js';
import { readControl, readPick } from './input.js';
import type { Flows } from './load.js';
import { INTENT, notice, paragraphs, resolveSources, type DialogueResult } from './reply.js';
import type { CheckStep, TourStep } from './schema.js';
import type { TourState } from './state.js';
import { fill } from './text.js';

type TourAction = Extract<DialogueAction, { flow: 'tour' }>;

function locate(flows: Flows, state: TourState): { step: TourStep; index: number } {
  const steps = flows.tour.steps;
  const index = Math.max(0, steps.findIndex((s) => s.id === state.step));
  return { step: steps[index]!, index };
}

const isOpenCheck = (step: TourStep, state: TourState): step is CheckStep =>
  step.type === 'check' && state.answers[step.id] === undefined;

/** The buttons of a step, in the order typed numbers refer to. */
function tourChoices(flows: Flows, state: TourState): Choice[] {
  const { labels } = flows.controls;
  const { step, index } = locate(flows, state);
  const last = index === flows.tour.steps.length - 1;
  const main = isOpenCheck(step, state)
    ? step.choices.map((c) => ({ id: tourId.check(step.id, c.id), label: c.label }))
    : [{ id: tourId.next(step.id), label: last ? labels.finish : labels.next }];
  return [...main, ...(index > 0 ? [{ id: tourId.back(step.id), label: labels.back }] : []), { id: tourId.stop(), label: labels.stopTour }];
}

function feedback(flows: Flows, step: CheckStep, picked: string): string {
  const right = step.choices.find((c) => c.id === step.answer)!;
  const verdict = picked === step.answer ? flows.controls.text.checkRight : fill(flows.controls.text.checkWrong, { answer: right.label });
  return paragraphs(verdict, step.explanation);
}

export function repromptTour(flows: Flows, state: TourState): Reply {
  const { step, index } = locate(flows, state);
  const total = flows.tour.steps.length;
  const head = [fill(flows.controls.text.tourProgress, { index: index + 1, total }), `**${step.title}**`];
  const picked = step.type === 'check' ? state.answers[step.id] : undefined;
  const text =
    step.type === 'info'
      ? paragraphs(...head, ...step.body)
      : picked === undefined
        ? paragraphs(...head, ...step.body, step.question)
        : paragraphs(...head, feedback(flows, step, picked));
  return {
    kind: 'question',
    intent: INTENT.tour,
    confidence: 1,
    flow: 'tour',
    step: step.id,
    progress: { index: index + 1, total },
    text,
    choices: tourChoices(flows, state),
    sources: resolveSources(flows, step.sources),
  };
}

const show = (flows: Flows, state: TourState): DialogueResult => ({ state, reply: repromptTour(flows, state) });

/** A fresh tour state at `stepId` when it names a step, else at the first step. */
export function tourAt(flows: Flows, stepId: string | undefined, now: number): TourState {
  const steps = flows.tour.steps;
  const step = steps.find((s) => s.id === stepId) ?? steps[0]!;
  return { v: 1, flow: 'tour', step: step.id, answers: {}, updatedAt: now };
}

export function startTour(flows: Flows, resumeStep: string | undefined, now: number): DialogueResult {
  return show(flows, tourAt(flows, resumeStep, now));
}

export function applyTourAction(flows: Flows, state: TourState, action: TourAction, now: number): DialogueResult {
  const steps = flows.tour.steps;
  const { step, index } = locate(flows, state);
  const touched = { ...state, updatedAt: now };
  // Buttons name their step, so a click on an older message or a double click changes nothing.
  if ((action.type === 'next' || action.type === 'back' || action.type === 'check') && action.step !== step.id) return show(flows, touched);
  switch (action.type) {
    case 'next': {
      const following = steps[index + 1];
      if (following) return show(flows, { ...touched, step: following.id });
      const { labels, text } = flows.controls;
      const choices = [
        { id: START_RECOMMEND, label: labels.recommend },
        { id: tourId.restart(), label: labels.restartTour },
      ];
      return { state: null, reply: notice(INTENT.tour, text.tourDone, choices), tourDone: true };
    }
    case 'back': {
      const previous = steps[index - 1];
      if (!previous) return show(flows, touched);
      // Going back to a check lets the user answer it again.
      const answers = Object.fromEntries(Object.entries(state.answers).filter(([id]) => id !== previous.id));
      return show(flows, { ...touched, step: previous.id, answers });
    }
    case 'check':
      if (!isOpenCheck(step, state) || !step.choices.some((c) => c.id === action.choice)) return show(flows, touched);
      return show(flows, { ...touched, answers: { ...state.answers, [step.id]: action.choice } });
    case 'stop': {
      const { labels, text } = flows.controls;
      const choices = [
        { id: START_TOUR, label: labels.resumeTour },
        { id: START_RECOMMEND, label: labels.recommend },
      ];
      return { state: null, reply: notice(INTENT.tour, text.tourStopped, choices) };
    }
    case 'restart':
      return show(flows, { ...touched, step: steps[0]!.id, answers: {} });
  }
}

/** null when the text is not about the tour (the core answers it, then re-shows the step). */
export function continueTour(
  flows: Flows,
  state: TourState,
  input: { text: string; choiceId?: string },
  now: number,
): DialogueResult | null {
  const act = (action: DialogueAction | null) => (action?.flow === 'tour' ? applyTourAction(flows, state, action, now) : null);
  if (input.choiceId) return act(parseDialogueChoice(input.choiceId));
  const text = input.text.trim();
  if (!text) return null;
  const { step } = locate(flows, state);

  const pick = readPick(tourChoices(flows, state), text);
  if (pick) return act(parseDialogueChoice(pick.id));
  const letter = /^\(?([a-z])\s*[.)]?$/i.exec(text)?.[1]?.toLowerCase();
  if (letter && isOpenCheck(step, state) && step.choices.some((c) => c.id === letter)) {
    return act({ flow: 'tour', type: 'check', step: step.id, choice: letter });
  }
  switch (readControl(flows, text)) {
    case 'cancel':
      return act({ flow: 'tour', type: 'stop' });
    case 'restart':
      return act({ flow: 'tour', type: 'restart' });
    case 'back':
      return act({ flow: 'tour', type: 'back', step: step.id });
    case 'skip':
    case 'next':
      return act({ flow: 'tour', type: 'next', step: step.id });
    case null:
      return null;
  }
}
