import type { Fact } from '../knowledge/fact-schema.js';
import { fill } from '../messages.js';
import type { Choice, Reply } from '../types.js';
import { boundLabel, boundText } from '../text/bound.js';
import { choiceId } from './choice-id.js';
import { nameOf, sourcesOf, type AnswerContext } from './compose.js';

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

/** "2026-11" → "November 2026". */
export function monthName(asOf: string): string {
  const [year, month] = asOf.split('-');
  return `${MONTHS[Number(month) - 1] ?? month} ${year}`;
}

/** A fact's answer as the user reads it: dated claims say when they were checked. */
export function factText(ctx: AnswerContext, fact: Fact): string {
  return fact.asOf ? `${fact.answer} ${fill(ctx.messages.asOf, { month: monthName(fact.asOf) })}` : fact.answer;
}

/**
 * The reply built from the facts that answer a message, best first: each fact's answer, their sources,
 * "More on X" for the main subject's card, feedback, and a related fact to ask next.
 */
export function answerFacts(ctx: AnswerContext, facts: readonly Fact[], intent: string, confidence: number, next: readonly Fact[] = []): Reply {
  const main = facts[0]!;
  const subject = main.about[0]!;
  const text = boundText(facts.map((f) => factText(ctx, f)).join('\n\n'));
  const choices: Choice[] = [
    { id: choiceId.ask('entry', [subject]), label: boundLabel(fill(ctx.messages.labels.moreOn, { name: nameOf(ctx.kb, subject) })) },
    { id: choiceId.feedback(true, main.id), label: ctx.messages.labels.helpful },
    { id: choiceId.feedback(false, main.id), label: ctx.messages.labels.notHelpful },
    ...next.slice(0, 2).map((f) => ({ id: choiceId.fact(f.id), label: boundLabel(capitalise(f.ask[0]!)) })),
  ];
  return {
    kind: 'answer',
    intent,
    confidence,
    topic: main.id,
    text,
    choices,
    sources: sourcesOf(ctx.kb, facts.flatMap((f) => f.sources)),
  };
}

function capitalise(text: string): string {
  const trimmed = text.trim();
  const question = /[?.!]$/.test(trimmed) ? trimmed : `${trimmed}?`;
  return question.charAt(0).toUpperCase() + question.slice(1);
}
