import MiniSearch from 'minisearch';
import type { Fact } from '../knowledge/fact-schema.js';
import type { Knowledge } from '../knowledge/load.js';
import { analyse, contentWords } from './terms.js';

export interface FactHit {
  fact: Fact;
  /** BM25+ after the entity adjustment. */
  score: number;
  /** The query's stemmed words this fact matched. */
  matched: string[];
  /** Share of the query's informative words (idf-weighted) the fact matched, 0–1. */
  coverage: number;
  /** The fact says what its main subject is: one of its phrasings is a bare "what is X?". */
  defines: boolean;
}

export interface Query {
  text: string;
  /** Knowledge ids named in the message (from the entity recogniser). */
  entities: readonly string[];
}

/** Facts about a named concept ("hypervisor", "container") rank higher, but facts about others do not sink. */
const ON_CONCEPT = 1.3;

export interface Retriever {
  search(query: Query, limit?: number): FactHit[];
  /** How informative a stemmed word is in the facts (unknown words count as the rarest). */
  idf(word: string): number;
  /** True when the stemmed word occurs anywhere in the knowledge (facts and entries). */
  knows(word: string): boolean;
}

// Field weights: people's phrasings say best what a fact answers; the answer text and the subject's
// names back them up.
const BOOST = { ask: 2, terms: 1.5, names: 1.2, answer: 0.7 };
const ON_NAMED = 1.6; // per named technology the fact is about
const ON_RELATED = 0.55; // about a neighbour of what was named (vSphere when ESXi was named)
const ON_OTHER = 0.2; // about another named technology entirely: never first while anything else fits
const COVERAGE_BASE = 0.2;
const ON_PRIMARY = 1.3;

/**
 * A BM25+ index over every fact (MiniSearch, with natural's tokenizer and stemmer and word pairs).
 * Entity-aware: facts about the technologies a message names come first; facts about other
 * technologies sink below anything else that fits.
 */
export function createRetriever(kb: Knowledge): Retriever {
  const facts = kb.facts;
  // Only products lend their names: a concept's names ("vm", "container") are on half the facts and would
  // only add noise; the entity boost covers concepts instead.
  const namesOf = (ids: readonly string[]) =>
    ids
      .map((id) => kb.entries.get(id))
      .map((e) => (e?.type === 'tech' && e.category !== 'concept' ? [e.name, ...e.aliases].join('\n') : ''))
      .join('\n');
  const isProduct = (id: string) => {
    const e = kb.entries.get(id);
    return e?.type === 'tech' && e.category !== 'concept';
  };
  const neighbours = (id: string): string[] => {
    const e = kb.entries.get(id);
    if (!e) return [];
    return e.type === 'tech' ? [...e.related, ...e.alternatives] : e.related;
  };
  const products = facts.map((f) => f.about.filter(isProduct));

  const nameTerms = (id: string) => {
    const e = kb.entries.get(id);
    return e === undefined ? '' : e.type === 'tech' ? e.name : e.title;
  };
  const defines = facts.map((f) => {
    if (f.facet !== 'what') return false;
    const subject = new Set(contentWords(namesOf([f.about[0]!]).concat('\n', nameTerms(f.about[0]!))));
    return f.ask.some((ask) => contentWords(ask).filter((w) => !subject.has(w)).length === 0);
  });
  const index = new MiniSearch<{ id: number; ask: string; terms: string; names: string; answer: string }>({
    fields: ['ask', 'terms', 'names', 'answer'],
    tokenize: (text) => analyse(text).terms,
    processTerm: (term) => term,
    searchOptions: { tokenize: (text) => text.split(' '), processTerm: (term) => term, boost: BOOST, combineWith: 'OR' },
  });
  index.addAll(facts.map((f, id) => ({ id, ask: f.ask.join('\n'), terms: f.terms.join('\n'), names: namesOf(f.about), answer: f.answer })));

  const docCount = Math.max(1, facts.length);
  const frequency = new Map<string, number>();
  facts.forEach((f) => {
    const seen = new Set(analyse([...f.ask, ...f.terms, f.answer, namesOf(f.about)].join('\n')).unigrams);
    for (const w of seen) frequency.set(w, (frequency.get(w) ?? 0) + 1);
  });
  const maxIdf = Math.log(1 + docCount);
  const idf = (word: string) => {
    const n = frequency.get(word);
    return n === undefined ? maxIdf : Math.log(1 + docCount / n);
  };

  function entityFactor(i: number, named: readonly string[], concepts: readonly string[]): number {
    const about = products[i]!;
    const fact = facts[i]!;
    const conceptHits = fact.about.filter((id) => concepts.includes(id)).length;
    // A fact mainly about what was named beats one that mentions it among others.
    const primary = named.includes(fact.about[0]!) || concepts.includes(fact.about[0]!) ? ON_PRIMARY : 1;
    const conceptFactor = ON_CONCEPT ** conceptHits * primary;
    if (named.length === 0 || about.length === 0) return conceptFactor;
    const hits = about.filter((id) => named.includes(id)).length;
    if (hits > 0) return ON_NAMED ** hits * conceptFactor;
    const near = about.some((id) => named.some((n) => neighbours(n).includes(id) || neighbours(id).includes(n)));
    return (near ? ON_RELATED : ON_OTHER) * conceptFactor;
  }

  function search(query: Query, limit = 8): FactHit[] {
    const { unigrams, terms } = analyse(query.text);
    if (terms.length === 0) return [];
    const named = query.entities.filter(isProduct);
    const concepts = query.entities.filter((id) => !isProduct(id));
    const weight = [...new Set(unigrams)].reduce((sum, w) => sum + idf(w), 0) || 1;
    // The canonical names of what was named join the query, so a typo ("hypervisior") or an alias ("k8s") still matches.
    const extra = query.entities.flatMap((id) => analyse(nameTerms(id)).terms);
    const results = index.search([...new Set([...terms, ...extra])].join(' '));
    const unigramSet = new Set(unigrams);
    const hits: FactHit[] = [];
    for (const r of results) {
      const i = r.id as number;
      const matched = r.terms.filter((t) => !t.includes('_') && unigramSet.has(t));
      const coverage = matched.reduce((sum, w) => sum + idf(w), 0) / weight;
      // Matching more of what was asked beats matching one word many times.
      const covered = Math.min(1, coverage);
      hits.push({ defines: defines[i]!, fact: facts[i]!, score: r.score * entityFactor(i, named, concepts) * (COVERAGE_BASE + covered), matched, coverage: covered });
    }
    hits.sort((a, b) => b.score - a.score);
    return hits.slice(0, limit);
  }

  const vocabulary = new Set(frequency.keys());
  for (const e of kb.entries.values()) {
    const text = e.type === 'tech' ? [e.name, ...e.aliases, e.summary, e.details] : [e.title, e.summary, e.details];
    for (const w of analyse(text.join('\n')).unigrams) vocabulary.add(w);
  }
  return { search, idf, knows: (word) => vocabulary.has(word) };
}
