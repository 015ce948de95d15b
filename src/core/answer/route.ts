import type { Entry, TechEntry } from '../knowledge/schema.js';
import { fill } from '../messages.js';
import { notice } from '../notice.js';
import { boundText } from '../text/bound.js';
import type { Choice, Reply } from '../types.js';
import { choiceId } from './choice-id.js';
import {
  answerAlternatives,
  answerCompare,
  answerEntry,
  answerFacet,
  answerHypervisorType,
  intentLabel,
  pairKey,
  type AnswerContext,
} from './compose.js';

interface Scored {
  intent: string;
  confidence: number;
}

/** The buttons offered wherever the bot says what it can do. */
export function startChoices(ctx: AnswerContext): Choice[] {
  const { labels } = ctx.messages;
  return [
    { id: choiceId.start('tour'), label: labels.tour },
    { id: choiceId.start('recommend'), label: labels.recommend },
    { id: choiceId.meta('ask'), label: labels.ask },
  ];
}

/** The welcome for newcomers and the Slack App Home: the start buttons plus help. */
export function welcomeChoices(ctx: AnswerContext): Choice[] {
  return [...startChoices(ctx), { id: choiceId.meta('help'), label: ctx.messages.labels.help }];
}

export function fallback(ctx: AnswerContext, confidence: number, text = ctx.messages.outOfScope): Reply {
  return {
    kind: 'fallback',
    intent: 'out_of_scope',
    confidence,
    text,
    choices: [...startChoices(ctx).slice(0, 2), { id: choiceId.meta('help'), label: ctx.messages.labels.help }],
    sources: [],
  };
}

function techs(ctx: AnswerContext, ids: readonly string[]): TechEntry[] {
  return ids.map((id) => ctx.kb.entries.get(id)).filter((e): e is TechEntry => e?.type === 'tech');
}

function topic(ctx: AnswerContext, intent: string, scored: Scored): Reply {
  const entry = ctx.kb.byIntent.get(intent);
  return entry ? answerEntry(ctx, entry, scored) : fallback(ctx, scored.confidence);
}

/** Answers a classified message from the knowledge base; dialogue intents are the caller's. */
export function answerIntent(ctx: AnswerContext, intent: string, entityIds: readonly string[], confidence: number): Reply {
  const scored = { intent, confidence };
  const named = techs(ctx, entityIds);
  const first = named[0];
  const { messages } = ctx;
  switch (intent) {
    case 'greeting':
      return notice(intent, messages.greeting, startChoices(ctx), confidence);
    case 'thanks':
      return notice(intent, messages.thanks, [], confidence);
    case 'goodbye':
      return notice(intent, messages.goodbye, [], confidence);
    case 'about_bot':
      return notice(intent, messages.aboutBot, startChoices(ctx), confidence);
    case 'complaint':
      return notice(intent, messages.complaint, startChoices(ctx), confidence);
    case 'help':
      return notice(intent, messages.help, startChoices(ctx), confidence);
    case 'out_of_scope':
      return fallback(ctx, confidence);
    case 'hypervisor_type': {
      if (first) return answerHypervisorType(ctx, first, scored);
      // "bare metal or hosted?" without a name is the type 1 vs type 2 question itself.
      const pair = ctx.kb.byPair.get(pairKey('type-1-hypervisor', 'type-2-hypervisor'));
      return pair ? answerEntry(ctx, pair, scored) : fallback(ctx, confidence);
    }
    // About a named technology: without one we know, the subject is outside our knowledge; never guess.
    case 'define':
      return first ? answerEntry(ctx, first, scored) : fallback(ctx, confidence);
    case 'vendor':
      return first ? answerFacet(ctx, first, 'vendor', scored) : fallback(ctx, confidence);
    case 'license':
      return first ? answerFacet(ctx, first, 'license', scored) : fallback(ctx, confidence);
    case 'use_case':
      return first ? answerFacet(ctx, first, 'typicalUse', scored) : fallback(ctx, confidence);
    case 'alternatives':
      return first ? answerAlternatives(ctx, first, scored) : fallback(ctx, confidence);
    case 'compare':
      return compare(ctx, named, scored);
    default:
      return topic(ctx, intent, scored);
  }
}

/** A topic card given because no fact answers the exact question; the lead says so. */
export function answerTopicNote(ctx: AnswerContext, intent: string, entityIds: readonly string[], confidence: number): Reply {
  const reply = answerIntent(ctx, intent, entityIds, confidence);
  if (reply.kind !== 'answer') return reply;
  const topicName = ctx.kb.entries.get(reply.topic);
  const title = topicName ? (topicName.type === 'tech' ? topicName.name : topicName.title) : reply.topic;
  return { ...reply, text: boundText(`${fill(ctx.messages.noSpecificFact, { topic: title })}\n\n${reply.text}`) };
}

function compare(ctx: AnswerContext, named: TechEntry[], scored: Scored): Reply {
  const [a, b] = named;
  if (a && b) return answerCompare(ctx, a, b, scored);
  if (!a) return topic(ctx, 'vm_vs_container', scored);
  const reply = answerEntry(ctx, a, scored, { lead: fill(ctx.messages.compareNeedsTwo, { name: a.name }) });
  const others = [...a.alternatives, ...a.related].map((id) => ctx.kb.entries.get(id)).filter((e): e is Entry => e?.type === 'tech');
  const choices = others.slice(0, 3).map((o) => ({
    id: choiceId.ask('compare', [a.id, o.id]),
    label: intentLabel(ctx, 'compare', [a.name, o.type === 'tech' ? o.name : o.title])!,
  }));
  return { ...reply, choices: choices.length ? choices : reply.choices };
}

/** Answers an entry by id (a follow-up button), summary or details. */
export function answerById(ctx: AnswerContext, id: string, detailed: boolean): Reply | undefined {
  const entry = ctx.kb.entries.get(id);
  return entry ? answerEntry(ctx, entry, { intent: entry.type === 'topic' ? (entry.intent ?? 'compare') : 'define', confidence: 1 }, { detailed }) : undefined;
}

/** "Did you mean…?" with the likely intents as buttons, keeping the technologies the user named. */
export function clarify(ctx: AnswerContext, ranking: readonly Scored[], entityIds: readonly string[], confidence: number): Reply {
  const names = techs(ctx, entityIds).map((t) => t.name);
  const choices: Choice[] = [];
  for (const { intent } of ranking) {
    if (intent === 'out_of_scope') continue;
    const needsEntity = ['define', 'hypervisor_type', 'vendor', 'license', 'use_case', 'alternatives'].includes(intent);
    if (needsEntity && names.length === 0) continue;
    if (intent === 'compare' && names.length < 2) continue;
    const label = intentLabel(ctx, intent, names);
    if (label) choices.push({ id: choiceId.ask(intent, entityIds.slice(0, 2)), label });
  }
  if (choices.length === 0) return fallback(ctx, confidence);
  return { kind: 'clarify', intent: ranking[0]?.intent ?? 'out_of_scope', confidence, text: ctx.messages.clarify, choices, sources: [] };
}
