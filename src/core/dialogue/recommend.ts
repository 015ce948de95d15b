import type { Choice, Reply } from '../types.js';
import { extractSlots, type Slots } from './extract.js';
import { parseDialogueChoice, recId, type DialogueAction } from './ids.js';
import { looksLikeQuestion, readControl, readNumber, readPick, replyKeys } from './input.js';
import type { Flows } from './load.js';
import { INTENT, notice, paragraphs, type DialogueResult } from './reply.js';
import type { QuestionStep } from './schema.js';
import { openQuestions, scoreRecommendation } from './score.js';
import { MAX_HISTORY, type RecommendState } from './state.js';
import { fill, key } from './text.js';
import { verdictReply } from './verdict.js';

type RecAction = Extract<DialogueAction, { flow: 'recommend' }>;

/** The pending question: the one on screen if still open, else the first open one. */
function pendingQuestion(flows: Flows, state: RecommendState): QuestionStep | undefined {
  const open = openQuestions(flows.recommend, state.slots);
  return open.find((q) => q.id === state.step) ?? open[0];
}

/** The buttons of a question, in the order typed numbers refer to. */
function questionChoices(flows: Flows, state: RecommendState, q: QuestionStep): Choice[] {
  const { labels } = flows.controls;
  return [
    ...q.choices.map((c) => ({ id: recId.answer(q.slot, c.id), label: c.label })),
    { id: recId.skip(q.slot), label: labels.skip },
    ...(state.history.length > 0 ? [{ id: recId.back(q.id), label: labels.back }] : []),
    { id: recId.cancel(), label: labels.cancel },
  ];
}

function questionReply(flows: Flows, state: RecommendState, q: QuestionStep, prefix?: string): Reply {
  const total = flows.recommend.questions.length;
  const index = total - openQuestions(flows.recommend, state.slots).length + 1;
  return {
    kind: 'question',
    intent: INTENT.recommend,
    confidence: 1,
    flow: 'recommend',
    step: q.id,
    progress: { index, total },
    text: paragraphs(fill(flows.controls.text.progress, { index, total }), prefix, q.text, q.hint),
    choices: questionChoices(flows, state, q),
    sources: [],
  };
}

/** The verdict once it cannot change any more, otherwise the next open question. */
function advance(flows: Flows, state: RecommendState, prefix?: string): DialogueResult {
  const q = pendingQuestion(flows, state);
  if (!q || scoreRecommendation(flows.recommend, state.slots).decided) return { state: null, reply: verdictReply(flows, state.slots) };
  const next = { ...state, step: q.id };
  return { state: next, reply: questionReply(flows, next, q, prefix) };
}

/** "Noted: <label>; <label>." for answers read from free text, so the user sees what was understood. */
function noted(flows: Flows, slots: Slots): string | undefined {
  const labels = flows.recommend.questions.flatMap((q) => {
    const c = q.choices.find((ch) => ch.id === slots[q.slot]);
    return c ? [c.label] : [];
  });
  return labels.length ? fill(flows.controls.text.noted, { answers: labels.join('; ') }) : undefined;
}

function record(state: RecommendState, changes: Slots, now: number): RecommendState {
  const history = [...state.history, { step: state.step, slots: state.slots }].slice(-MAX_HISTORY);
  return { ...state, slots: { ...state.slots, ...changes }, history, updatedAt: now };
}

function fresh(flows: Flows, slots: Slots, now: number): RecommendState {
  return { v: 1, flow: 'recommend', step: flows.recommend.questions[0]!.id, slots, history: [], updatedAt: now };
}

export function startRecommend(flows: Flows, text: string | undefined, now: number): DialogueResult {
  const slots = text ? extractSlots(flows, text) : {};
  return advance(flows, fresh(flows, slots, now), noted(flows, slots) ?? flows.recommend.intro);
}

export function repromptRecommend(flows: Flows, state: RecommendState, prefix?: string): Reply {
  return advance(flows, state, prefix).reply;
}

function goBack(flows: Flows, state: RecommendState, now: number): DialogueResult {
  const last = state.history.at(-1);
  if (!last) return { state: { ...state, updatedAt: now }, reply: repromptRecommend(flows, state, flows.controls.text.nothingBack) };
  return advance(flows, { ...state, step: last.step, slots: last.slots, history: state.history.slice(0, -1), updatedAt: now });
}

export function applyRecommendAction(flows: Flows, state: RecommendState, action: RecAction, now: number): DialogueResult {
  const stay = (): DialogueResult => ({ state: { ...state, updatedAt: now }, reply: repromptRecommend(flows, state) });
  switch (action.type) {
    case 'answer': {
      const q = flows.recommend.questions.find((x) => x.slot === action.slot);
      if (!q || (action.choice !== 'skip' && !q.choices.some((c) => c.id === action.choice))) return stay();
      return advance(flows, record(state, { [q.slot]: action.choice }, now));
    }
    case 'back':
      // A back button from an older message (or a double click) must not undo two answers.
      return action.step === state.step ? goBack(flows, state, now) : stay();
    case 'cancel':
      return { state: null, reply: notice(INTENT.recommend, flows.controls.text.cancelled) };
    case 'restart':
      return advance(flows, fresh(flows, {}, now), flows.controls.text.restarted);
  }
}

/** A whole-message reply that answers the pending question only ("no", "it's linux", "minutes"). */
function pendingAnswer(flows: Flows, q: QuestionStep, text: string): string | undefined {
  const keys = replyKeys(flows, text);
  return q.choices.find((c) => c.answers.some((a) => keys.includes(key(a))))?.id;
}

/** null when the text neither answers the recommendation nor steers it. */
export function continueRecommend(
  flows: Flows,
  state: RecommendState,
  input: { text: string; choiceId?: string },
  now: number,
): DialogueResult | null {
  if (input.choiceId) {
    const action = parseDialogueChoice(input.choiceId);
    return action?.flow === 'recommend' ? applyRecommendAction(flows, state, action, now) : null;
  }
  const text = input.text.trim();
  const q = pendingQuestion(flows, state);
  if (!text || !q) return null;

  const pick = readPick(questionChoices(flows, state, q), text);
  const picked = pick ? parseDialogueChoice(pick.id) : null;
  if (picked?.flow === 'recommend') return applyRecommendAction(flows, state, picked, now);
  if (readNumber(text) !== null) return { state: { ...state, updatedAt: now }, reply: repromptRecommend(flows, state) };

  const answer = pendingAnswer(flows, q, text);
  if (answer) return advance(flows, record(state, { [q.slot]: answer }, now));

  switch (readControl(flows, text)) {
    case 'cancel':
      return applyRecommendAction(flows, state, { flow: 'recommend', type: 'cancel' }, now);
    case 'restart':
      return applyRecommendAction(flows, state, { flow: 'recommend', type: 'restart' }, now);
    case 'back':
      return goBack(flows, state, now);
    case 'skip':
      return advance(flows, record(state, { [q.slot]: 'skip' }, now));
    case 'next':
      return { state: { ...state, updatedAt: now }, reply: repromptRecommend(flows, state) };
    case null:
      break;
  }

  if (looksLikeQuestion(flows, text)) return null;
  const found = extractSlots(flows, text);
  if (Object.keys(found).length === 0) return null;
  return advance(flows, record(state, found, now), noted(flows, found));
}
