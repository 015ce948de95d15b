import { asOfNote, datedClaim, monthYear } from '../knowledge/dated.js';
import type { Knowledge } from '../knowledge/load.js';
import type { Entry, TechEntry } from '../knowledge/schema.js';
import { fill, type Messages } from '../messages.js';
import type { Choice, Reply, Source } from '../types.js';
import { boundLabel, boundText } from '../text/bound.js';
import { choiceId } from './choice-id.js';

export interface AnswerContext {
  kb: Knowledge;
  messages: Messages;
}

interface Scored {
  intent: string;
  confidence: number;
}

const MAX_FOLLOW_UPS = 2;

export function sourcesOf(kb: Knowledge, ids: readonly string[]): Source[] {
  const seen = new Set<string>();
  const sources: Source[] = [];
  for (const id of ids) {
    const doc = kb.sources.get(id);
    if (!doc || seen.has(id)) continue;
    seen.add(id);
    sources.push(doc.url ? { id, title: doc.title, url: doc.url } : { id, title: doc.title });
  }
  return sources;
}

export function nameOf(kb: Knowledge, id: string): string {
  const entry = kb.entries.get(id);
  if (!entry) return id;
  return entry.type === 'tech' ? entry.name : entry.title;
}

export function intentLabel(ctx: AnswerContext, intent: string, names: readonly string[] = []): string | undefined {
  const template = ctx.messages.intentLabels[intent];
  if (template) return boundLabel(fill(template, { name: names[0] ?? '', other: names[1] ?? '' }));
  const topic = ctx.kb.byIntent.get(intent);
  return topic ? boundLabel(topic.title) : undefined;
}

/** A follow-up button that opens another entry. */
function followUp(ctx: AnswerContext, id: string): Choice | undefined {
  const entry = ctx.kb.entries.get(id);
  if (!entry) return undefined;
  if (entry.type === 'tech') return { id: choiceId.ask('define', [id]), label: intentLabel(ctx, 'define', [entry.name])! };
  return { id: choiceId.ask('entry', [id]), label: boundLabel(entry.title) };
}

function followUps(ctx: AnswerContext, entry: Entry): Choice[] {
  const ids = entry.type === 'tech' ? [...entry.related, ...entry.alternatives] : entry.related;
  const choices: Choice[] = [];
  for (const id of ids) {
    const choice = followUp(ctx, id);
    if (choice && !choices.some((c) => c.id === choice.id)) choices.push(choice);
    if (choices.length >= MAX_FOLLOW_UPS) break;
  }
  return choices;
}

function feedbackChoices(ctx: AnswerContext, entryId: string): Choice[] {
  return [
    { id: choiceId.feedback(true, entryId), label: ctx.messages.labels.helpful },
    { id: choiceId.feedback(false, entryId), label: ctx.messages.labels.notHelpful },
  ];
}

/**
 * The answer built from one entry: its summary (or its details when the user asked for more),
 * optionally led by a sentence that frames it, with "more", feedback and follow-up buttons.
 */
export function answerEntry(
  ctx: AnswerContext,
  entry: Entry,
  scored: Scored,
  options: { lead?: string; body?: string; detailed?: boolean; extraSources?: readonly string[] } = {},
): Reply {
  const body = options.body ?? (options.detailed ? entry.details : entry.summary);
  const asOf = options.body === undefined ? asOfNote(entry) : undefined;
  const text = boundText([options.lead, body, asOf].filter(Boolean).join('\n\n'));
  const choices: Choice[] = [
    ...(options.detailed ? [] : [{ id: choiceId.more(entry.id), label: ctx.messages.labels.more }]),
    ...feedbackChoices(ctx, entry.id),
    ...followUps(ctx, entry),
  ];
  return {
    kind: 'answer',
    intent: scored.intent,
    confidence: scored.confidence,
    topic: entry.id,
    text,
    choices,
    sources: sourcesOf(ctx.kb, [...entry.sources, ...(options.extraSources ?? [])]),
  };
}

export type Facet = 'vendor' | 'license' | 'typicalUse' | 'status';

const FACET_WORDS: Record<Facet, string> = {
  vendor: 'maker',
  license: 'licensing',
  typicalUse: 'use-case',
  status: 'status',
};

/** "Who makes X", "is X free", "what is X used for": one fact sentence, or the summary with a note that the fact is missing. */
export function answerFacet(ctx: AnswerContext, tech: TechEntry, facet: Facet, scored: Scored): Reply {
  const fact = tech.facts[facet];
  const dated = facet === 'license' || facet === 'status' ? datedClaim(tech, facet) : undefined;
  if (fact) return answerEntry(ctx, tech, scored, { body: dated ? `As of ${monthYear(dated.asOf)}: ${fact}` : fact, lead: undefined });
  return answerEntry(ctx, tech, scored, { lead: fill(ctx.messages.facetMissing, { facet: FACET_WORDS[facet], name: tech.name }) });
}

export function answerHypervisorType(ctx: AnswerContext, tech: TechEntry, scored: Scored): Reply {
  const type = tech.facts.hypervisorType;
  if (type) return answerEntry(ctx, tech, scored, { body: type.note });
  const pair = ctx.kb.byPair.get(pairKey('type-1-hypervisor', 'type-2-hypervisor'));
  if (tech.category === 'concept' && pair && (tech.id.includes('hypervisor') || tech.id === 'virtualization')) {
    return answerEntry(ctx, pair, scored);
  }
  return answerEntry(ctx, tech, scored, { lead: fill(ctx.messages.notAHypervisor, { name: tech.name }) });
}

export function answerAlternatives(ctx: AnswerContext, tech: TechEntry, scored: Scored): Reply {
  const alternatives = tech.alternatives.map((id) => ctx.kb.entries.get(id)).filter((e): e is Entry => e !== undefined);
  if (alternatives.length === 0) {
    return answerEntry(ctx, tech, scored, { lead: fill(ctx.messages.noAlternatives, { name: tech.name }) });
  }
  const lines = alternatives.map((e) => `- **${nameOf(ctx.kb, e.id)}**: ${firstSentence(e.summary)}`);
  const reply = answerEntry(ctx, tech, scored, {
    lead: fill(ctx.messages.alternativesHeader, { name: tech.name }),
    body: lines.join('\n'),
    extraSources: alternatives.flatMap((e) => e.sources),
  });
  const compareChoices = alternatives.slice(0, MAX_FOLLOW_UPS).map((e) => ({
    id: choiceId.ask('compare', [tech.id, e.id]),
    label: intentLabel(ctx, 'compare', [tech.name, nameOf(ctx.kb, e.id)])!,
  }));
  return { ...reply, choices: [...reply.choices.filter((c) => !c.id.startsWith('ask:')), ...compareChoices] };
}

export function pairKey(a: string, b: string): string {
  return [a, b].sort().join('|');
}

const VM_SIDE = new Set(['hypervisor']);
const CONTAINER_SIDE = new Set(['container-engine', 'container-runtime', 'sandboxed-runtime', 'orchestrator']);

/** "X vs Y": a written comparison when there is one, else both summaries side by side. */
export function answerCompare(ctx: AnswerContext, a: Entry, b: Entry, scored: Scored): Reply {
  const written = ctx.kb.byPair.get(pairKey(a.id, b.id));
  if (written) return answerEntry(ctx, written, scored);
  const side = (e: Entry) => (e.type === 'tech' ? (VM_SIDE.has(e.category) ? 'vm' : CONTAINER_SIDE.has(e.category) ? 'container' : 'other') : 'other');
  const differentLayers = side(a) !== 'other' && side(b) !== 'other' && side(a) !== side(b);
  const body = [
    `**${nameOf(ctx.kb, a.id)}**: ${a.summary}`,
    `**${nameOf(ctx.kb, b.id)}**: ${b.summary}`,
    ...(differentLayers ? [ctx.messages.compareDifferentLayers] : []),
  ].join('\n\n');
  const lead = fill(ctx.messages.compareComposed, { a: nameOf(ctx.kb, a.id), b: nameOf(ctx.kb, b.id) });
  const general = differentLayers ? ctx.kb.byIntent.get('vm_vs_container') : undefined;
  const reply = answerEntry(ctx, a, scored, { lead, body, extraSources: b.sources });
  const choices: Choice[] = [
    ...feedbackChoices(ctx, a.id),
    ...[a, b].map((e) => followUp(ctx, e.id)).filter((c): c is Choice => c !== undefined),
    ...(general ? [{ id: choiceId.ask('entry', [general.id]), label: boundLabel(general.title) }] : []),
  ];
  return { ...reply, choices };
}

function firstSentence(text: string): string {
  const match = /^(.+?[.!?])(\s|$)/s.exec(text);
  return (match ? match[1]! : text).replace(/\s+/g, ' ');
}
