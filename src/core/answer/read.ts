import type { Knowledge } from '../knowledge/load.js';
import type { Nlu, NluResult } from '../nlu/index.js';
import type { Retriever } from '../retrieve/index.js';
import type { Fact } from '../knowledge/fact-schema.js';
import { areNeighbours, isProduct as isProductIn } from '../knowledge/relations.js';
import { contentWords } from '../retrieve/terms.js';
import { nameOf } from './compose.js';
import { fuse, type Reading } from './fuse.js';
import { scopeSignals, type ScopeLexicon, type ScopeSignals } from './scope.js';

export interface ReadDeps {
  kb: Knowledge;
  nlu: Nlu;
  retriever: Retriever;
  scope: ScopeLexicon;
  threshold: number;
}

const MAX_FOREIGN_ADVICE_WORDS = 1;
// "what is kvm", "podman??": no word besides the name (and question words).
const BARE_QUESTION_WORDS = 0;
// Stems that only say "compare these" ("docker vs podman", "difference kvm xen").
const COMPARISON_WORDS = new Set(['vs', 'versu', 'diff', 'differ', 'compar']);

/** What the bot made of a message, and the scope evidence it used (the turn logic needs it too). */
export interface Understanding {
  reading: Reading;
  scope: ScopeSignals;
}

/** The classifier's result and the fact ranking, fused (see answer/fuse.ts). */
export function read(deps: ReadDeps, text: string, result: NluResult): Understanding {
  // A typo forgiven for a name is spelled right for the ranking ("hypervisior" → "hypervisor").
  let query = text;
  for (const m of result.mentions) if (m.fuzzy) query = query.replace(new RegExp(`\\b${m.text.replace(/[^a-z0-9 ]/g, '')}\\b`, 'i'), nameOf(deps.kb, m.id));
  const hits = deps.retriever.search({ text: query, entities: result.entities });
  const adviceOnly = result.intent === 'recommend_start' && deps.nlu.foreignWords(text, 'recommend_start') <= MAX_FOREIGN_ADVICE_WORDS;
  const isProduct = (id: string) => isProductIn(deps.kb, id);
  const neighbours = (a: string, b: string) => areNeighbours(deps.kb, a, b);
  const named = new Set(result.mentions.flatMap((m) => m.text.split(' ')));
  const said = contentWords(text).filter((w) => !COMPARISON_WORDS.has(w)).length;
  const bareQuestion = said - contentWords([...named].join(' ')).length <= BARE_QUESTION_WORDS;
  const topicOf = (intent: string) => deps.kb.byIntent.get(intent)?.id;
  const options = { threshold: deps.threshold, adviceOnly, isProduct, neighbours, bareQuestion, topicOf };
  const scope = scopeSignals(query, result, deps.retriever, deps.scope);
  const reading = fuse(result, hits, deps.retriever, scope, options);
  return { reading: reading.kind === 'facts' ? answerEachPart(deps, query, result, reading) : reading, scope };
}

// "1) what is a hypervisor 2) is kvm built into linux", "is podman rootless? does it need a daemon?"
const PART_BREAK = /\?+|;|\n|(?:^|\s)(?:\d|[a-d])[).:](?=\s)/;
const PART_MIN_WORDS = 2;
const PART_MIN_COVERAGE = 0.4;
const MAX_PARTS = 3;

/**
 * A message that asks several things gets the best fact for each part too: the whole message's ranking
 * favours the part with the rarest words. Parts are found at question marks, semicolons, line breaks
 * and list markers; each part is ranked with the technologies it names (or, naming none, the message's).
 */
function answerEachPart(deps: ReadDeps, query: string, result: NluResult, reading: Extract<Reading, { kind: 'facts' }>): Reading {
  const parts = query.split(PART_BREAK).filter((p) => p !== undefined && contentWords(p).length >= PART_MIN_WORDS);
  if (parts.length < 2) return reading;
  // Each part's best fact first, in the order asked; the whole message's facts fill what is left.
  const facts: Fact[] = [];
  for (const part of parts) {
    // A part that names nothing ("does it need a daemon?") is about what the message named.
    const inPart = result.mentions.filter((m) => part.toLowerCase().includes(m.text)).map((m) => m.id);
    const top = deps.retriever.search({ text: part, entities: inPart.length > 0 ? [...new Set(inPart)] : result.entities }, 1)[0];
    if (top && top.coverage >= PART_MIN_COVERAGE && !facts.includes(top.fact)) facts.push(top.fact);
  }
  if (facts.length < 2) return reading;
  for (const fact of reading.facts) if (!facts.includes(fact)) facts.push(fact);
  facts.splice(MAX_PARTS);
  return { ...reading, facts, next: reading.next.filter((f) => !facts.includes(f)) };
}

