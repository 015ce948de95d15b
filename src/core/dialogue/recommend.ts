import type { Choice, Reply } from '../types.js';
import { extractSlots, type Slots } from './extract.js';
import { parseDialogueChoice, recId, type DialogueAction } from './ids.js';
import { asksForAdvice } from './describe.js';
import { looksLikeQuestion, readControl, readNumber, readPick, replyKeys } from './input.js';
import type { Flows } from './load.js';
import { INTENT, notice, paragraphs, type DialogueResult } from './reply.js';
import { policyOf, type QuestionStep } from './schema.js';
import { nextMove } from './policy.js';
import { openQuestions, scoreRecommendation } from './score.js';
import { decodeSlots } from './slot-code.js';
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
  const index = state.turns + 1;
  // The budget, or fewer when fewer questions are left: the verdict may still come sooner.
  const total = Math.min(budgetOf(flows, state), state.turns + openQuestions(flows.recommend, state.slots).length);
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

/** A described workload needs few questions; someone answering button by button gets a few more. */
function budgetOf(flows: Flows, state: RecommendState): number {
  return state.budget ?? policyOf(flows.recommend).maxQuestionsCold;
}

/** The budget once free text has described the workload: a few more questions from here, never more than before. */
function described(flows: Flows, state: RecommendState, found: Slots): RecommendState {
  if (!Object.values(found).some((v) => v !== 'skip')) return state;
  return { ...state, budget: Math.min(budgetOf(flows, state), state.turns + policyOf(flows.recommend).maxQuestions) };
}

/**
 * The verdict once asking more cannot or should not change it (policy.ts), otherwise the next question. `lean` (where
 * the answers point so far) goes only before a question: a verdict says it itself.
 */
function advance(flows: Flows, state: RecommendState, prefix?: string, lean?: string): DialogueResult {
  const move = nextMove(flows.recommend, state.slots, { asked: state.turns, budget: budgetOf(flows, state), skips: state.skips }, state.step);
  if (move.type === 'verdict') return { state: null, reply: verdictReply(flows, state.slots, prefix) };
  const next = { ...state, step: move.question.id };
  return { state: next, reply: questionReply(flows, next, move.question, lean && prefix ? `${prefix} ${lean}` : prefix) };
}

/** "Noted: <label>; <label>." for answers read from free text, so the user sees what was understood. */
function noted(flows: Flows, slots: Slots): string | undefined {
  const labels = flows.recommend.questions.flatMap((q) => {
    const c = q.choices.find((ch) => ch.id === slots[q.slot]);
    return c ? [c.label] : [];
  });
  return labels.length ? fill(flows.controls.text.noted, { answers: labels.join('; ') }) : undefined;
}

/**
 * Where everything said so far points, and why, when it points somewhere: someone who asks "what would you do" gets a
 * first answer before the questions that settle it. As in the verdict, the first point against it follows, so a mixed
 * workload ("windows-only builds too") sees both sides.
 */
function leanSoFar(flows: Flows, slots: Slots): string | undefined {
  const score = scoreRecommendation(flows.recommend, slots);
  const reason = score.reasons[0];
  if (reason === undefined || score.totals[score.verdict] <= 0) return undefined;
  const lean = fill(flows.controls.text.soFar, { verdict: flows.recommend.verdicts[score.verdict].name, reason });
  const against = score.against[0];
  return against === undefined ? lean : `${lean} ${fill(flows.controls.text.against, { reason: against })}`;
}

/** One user turn's answers; a turn of only "not sure" counts towards ending the questions. */
function record(state: RecommendState, changes: Slots, now: number): RecommendState {
  const history = [...state.history, { step: state.step, slots: state.slots }].slice(-MAX_HISTORY);
  const unsure = Object.values(changes).every((v) => v === 'skip');
  return { ...state, slots: { ...state.slots, ...changes }, history, turns: state.turns + 1, skips: unsure ? state.skips + 1 : 0, updatedAt: now };
}

function fresh(flows: Flows, slots: Slots, now: number, step = flows.recommend.questions[0]!.id): RecommendState {
  return { v: 1, flow: 'recommend', step, slots, history: [], turns: 0, skips: 0, updatedAt: now };
}

export function startRecommend(flows: Flows, text: string | undefined, now: number): DialogueResult {
  const slots = text ? extractSlots(flows, text) : {};
  const said = noted(flows, slots);
  return advance(flows, described(flows, fresh(flows, slots, now), slots), said ?? flows.recommend.intro, said && leanSoFar(flows, slots));
}

/** The question on screen again (after a side question, a bad number, "next"). */
export function repromptRecommend(flows: Flows, state: RecommendState, prefix?: string): Reply {
  const q = pendingQuestion(flows, state);
  return q ? questionReply(flows, state, q, prefix) : advance(flows, state, prefix).reply;
}

function goBack(flows: Flows, state: RecommendState, now: number): DialogueResult {
  const last = state.history.at(-1);
  if (!last) return { state: { ...state, updatedAt: now }, reply: repromptRecommend(flows, state, flows.controls.text.nothingBack) };
  const turns = Math.max(0, state.turns - 1);
  return advance(flows, { ...state, step: last.step, slots: last.slots, history: state.history.slice(0, -1), turns, skips: 0, updatedAt: now });
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
    case 'fill': {
      const slots = decodeSlots(flows.recommend, action.code);
      return advance(flows, described(flows, fresh(flows, slots, now), slots), noted(flows, slots) ?? flows.recommend.intro);
    }
    case 'ask': {
      // The question under a leaning verdict: asked again with the answers the button carries.
      const q = flows.recommend.questions.find((x) => x.slot === action.slot);
      const slots = decodeSlots(flows.recommend, action.code);
      if (!q) return advance(flows, fresh(flows, slots, now));
      const { [q.slot]: _dropped, ...rest } = slots;
      const state = described(flows, fresh(flows, rest, now, q.id), rest);
      return { state, reply: questionReply(flows, state, q) };
    }
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

  // Only a question is a side question; "which should we use for X?" is still about the workload.
  if (looksLikeQuestion(flows, text) && !asksForAdvice(flows, text)) return null;
  const found = extractSlots(flows, text);
  if (Object.keys(found).length === 0) return null;
  const next = described(flows, record(state, found, now), found);
  const said = noted(flows, found);
  return advance(flows, next, said, said && leanSoFar(flows, next.slots));
}
