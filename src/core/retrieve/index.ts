import type { Fact } from '../knowledge/fact-schema.js';
import type { Knowledge } from '../knowledge/load.js';
import { areNeighbours, isProduct as isProductIn } from '../knowledge/relations.js';
import { cacheKey, cachedJson } from '../cache.js';
import { buildIndex, indexFromJson, indexToJson, postingsHave, scoreBuffers, scoreTerms, type Bm25Json, type QueryTerm } from './bm25.js';
import { frequentWords, knowledgeTexts } from '../knowledge/texts.js';
import type { Expander } from './synonyms.js';
import { analyse, askWordsOf, contentWords } from './terms.js';

export interface FactHit {
  fact: Fact;
  /** BM25+ after the entity adjustment. */
  score: number;
  /** The query's stemmed words this fact matched. */
  matched: string[];
  /** Share of the query's informative words (idf-weighted) the fact matched, 0–1. */
  coverage: number;
  /** The same share counting the context's words too: how much of the whole message the fact speaks to. */
  coverageOfMessage: number;
  /** The fact says what its main subject is: one of its phrasings is a bare "what is X?". */
  defines: boolean;
}

export interface Query {
  text: string;
  /** Knowledge ids named in the message (from the entity recogniser). */
  entities: readonly string[];
  /** Topic entries the message is about without naming them (the classifier's sure topic): ranked like named concepts. */
  topics?: readonly string[];
  /** What the message says around its question ("we run 40 php sites on one box."): its words count for less, and not towards coverage. */
  context?: string;
  /** "what is runc": also return the facts that define this entry, after the best ones, wherever they rank. */
  definitionsOf?: string;
}

/** Facts about a named concept ("hypervisor", "container") rank higher, but facts about others do not sink. */
const ON_CONCEPT = 1.3;

export interface Retriever {
  search(query: Query, limit?: number): FactHit[];
  /** How informative a stemmed word is in the facts (unknown words count as the rarest). */
  idf(word: string): number;
  /** True when the stemmed word occurs anywhere in the knowledge (facts and entries). */
  knows(word: string): boolean;
  /** True when the stemmed word is an entry's or used by at least two facts: one fact's passing word ("subnet mask") is not the domain's. */
  knowsWell(word: string): boolean;
  /** Words (as typed, lowercase) the knowledge uses at least twice: vocabulary, never a typo of a name. */
  readonly knownWords: readonly string[];
}

// Field weights: people's phrasings say best what a fact answers; the answer text and the subject's
// names back them up.
const BOOST = { ask: 2, terms: 1.5, names: 1.2, answer: 0.7 };
const ON_NAMED = 1.6; // the fact is about a technology the message names
const ON_RELATED = 0.55; // about a neighbour of what was named (vSphere when ESXi was named)
const ON_OTHER = 0.2; // about another named technology entirely: never first while anything else fits
const COVERAGE_BASE = 0.2;
const ON_PRIMARY = 1.3;
const SYNONYM_WEIGHT = 0.4;
const CONTEXT_WEIGHT = 0.3;
const KNOWN_WORD_MIN_COUNT = 2;
const ON_EACH_MORE_NAMED = 0.25;
const MAX_DEFINITIONS = 4;
const MATCH_BITS = 32;
// How much the best phrasing's fit can lower a fact's score (see askFit): a tie-breaker among close facts, not a filter.
const ASK_FIT_WEIGHT = 0.1;
const WELL_KNOWN_MIN_FACTS = 2;

export interface RetrieverOptions {
  cacheDir?: string;
  /** Adds the index terms of synonyms of the message's words (see synonyms.ts). */
  expand?: Expander;
}

/**
 * A BM25+ index over every fact (natural's tokenizer and stemmer, plus word pairs; see bm25.ts).
 * Entity-aware: facts about the technologies a message names come first; facts about other
 * technologies sink below anything else that fits.
 */
export function createRetriever(kb: Knowledge, options: RetrieverOptions = {}): Retriever {
  const facts = kb.facts;
  // Only products lend their names: a concept's names ("vm", "container") are on half the facts and would
  // only add noise; the entity boost covers concepts instead.
  const namesOf = (ids: readonly string[]) =>
    ids
      .map((id) => kb.entries.get(id))
      .map((e) => (e?.type === 'tech' && e.category !== 'concept' ? [e.name, ...e.aliases].join('\n') : ''))
      .join('\n');
  const isProduct = (id: string) => isProductIn(kb, id);
  const products = facts.map((f) => f.about.filter(isProduct));

  const nameTerms = (id: string) => {
    const e = kb.entries.get(id);
    return e === undefined ? '' : e.type === 'tech' ? e.name : e.title;
  };
  // Stemming every fact costs ~300 ms; the derived index is cached between starts (see cache.ts).
  // The knowledge's fingerprint stands for its content when the loader made one (hashing the files is cheaper).
  const content = kb.fingerprint ?? [facts, [...kb.entries.values()].map((e) => (e.type === 'tech' ? [e.id, e.name, e.category, e.aliases, e.summary, e.details] : [e.id, e.title, e.summary, e.details]))];
  const key = cacheKey(import.meta.url, ['index', 'bm25', 'term-table', 'packed', 'terms', '../nlu/tokenize', '../knowledge/texts'], content);
  const data = cachedJson(options.cacheDir, 'retrieval', key, () => buildData(kb, namesOf, nameTerms));
  const index = indexFromJson(data.index);
  // Only what queries need is kept: the cached JSON (its index strings above all) can go once start-up is done.
  const defines = data.defines;
  const buffers = scoreBuffers(facts.length);
  const { scores, credits, matched: matchedBits } = buffers;

  const docCount = Math.max(1, facts.length);
  const frequency = new Map<string, number>(data.frequency);
  const maxIdf = Math.log(1 + docCount);
  const idf = (word: string) => {
    const n = frequency.get(word);
    return n === undefined ? maxIdf : Math.log(1 + docCount / n);
  };

  // Entries as numbers, and each fact's `about` (all, and its products) as numbers: the entity factor runs for
  // hundreds of facts a query, so it compares numbers, not strings.
  // The loader checked that every `about` id is an entry, so every entry's number is known up front.
  const entryNumbers = new Map([...kb.entries.keys()].map((id, n) => [id, n]));
  const entryNumber = (id: string) => entryNumbers.get(id)!;
  const aboutNumbers = facts.map((f) => Int32Array.from(f.about, entryNumber));
  const productNumbers = products.map((ids) => Int32Array.from(ids, entryNumber));
  // The products near a named technology, either way round (vSphere is near ESXi, ESXi near vSphere).
  const productIds = [...new Set(products.flat())];
  const nearSets = new Map<string, number[]>();
  const nearTo = (named: string) => {
    let near = nearSets.get(named);
    if (!near) nearSets.set(named, (near = productIds.filter((id) => areNeighbours(kb, named, id)).map(entryNumber)));
    return near;
  };
  // Per query: what each entry is to the message (bit flags), reset after the query.
  const NAMED = 1;
  const CONCEPT = 2;
  const NEAR = 4;
  const roles = new Uint8Array(entryNumbers.size);
  const roleOf = (n: number) => roles[n]!;

  function entityFactor(i: number, namedCount: number): number {
    const about = aboutNumbers[i]!;
    let conceptFactor = 1;
    for (let k = 0; k < about.length; k++) if (roleOf(about[k]!) & CONCEPT) conceptFactor *= ON_CONCEPT;
    // A fact mainly about what was named beats one that mentions it among others.
    if (about.length > 0 && roleOf(about[0]!) & (NAMED | CONCEPT)) conceptFactor *= ON_PRIMARY;
    const own = productNumbers[i]!;
    if (namedCount === 0 || own.length === 0) return conceptFactor;
    let hits = 0;
    let near = false;
    for (let k = 0; k < own.length; k++) {
      const role = roleOf(own[k]!);
      if (role & NAMED) hits += 1;
      else if (role & NEAR) near = true;
    }
    // More than one named product helps a little (comparisons), but a long `about` list must not win by itself.
    if (hits > 0) return ON_NAMED * (1 + ON_EACH_MORE_NAMED * (hits - 1)) * conceptFactor;
    return (near ? ON_RELATED : ON_OTHER) * conceptFactor;
  }

  const nameTermCache = new Map<string, readonly string[]>();
  const nameTermsOf = (id: string) => {
    let terms = nameTermCache.get(id);
    if (!terms) nameTermCache.set(id, (terms = analyse(nameTerms(id)).terms));
    return terms;
  };

  // The query's terms and the best documents so far: one query at a time, so one of each serves every query.
  const queryTerms = new Map<string, QueryTerm>();
  let top = topArrays(16);

  // A turn may rank the same question twice (read once as a request for advice, once as a question): the last
  // query's hits are kept.
  let lastKey = '';
  let lastHits: readonly FactHit[] = [];
  function search(query: Query, limit = 8): FactHit[] {
    const key = [query.text, query.context ?? '', query.entities.join(' '), (query.topics ?? []).join(' '), query.definitionsOf ?? '', limit].join('\u0000');
    if (key !== lastKey) {
      lastHits = rank(query, limit);
      lastKey = key;
    }
    return [...lastHits];
  }

  function rank(query: Query, limit: number): FactHit[] {
    const { unigrams, terms } = analyse(query.text);
    if (terms.length === 0) return [];
    const named = query.entities.filter(isProduct);
    const concepts = [...query.entities.filter((id) => !isProduct(id)), ...(query.topics ?? []).filter((id) => !query.entities.includes(id))];
    const marked: number[] = [];
    const mark = (id: string, role: number) => {
      const n = entryNumbers.get(id);
      if (n === undefined) return;
      roles[n] = roles[n]! | role;
      marked.push(n);
    };
    for (const id of named) for (const n of nearTo(id)) if (!(roles[n]! & NEAR)) (roles[n] = roles[n]! | NEAR), marked.push(n);
    for (const id of named) mark(id, NAMED);
    for (const id of concepts) mark(id, CONCEPT);
    const unigramSet = new Set(unigrams);
    let weight = 0;
    // Words the knowledge never uses ("doubting", "tweet") cannot be answered: they do not count against a fact.
    for (const w of unigramSet) if (vocabulary.has(w)) weight += idf(w);
    weight ||= 1;
    let contextWeight = 0;
    const context = query.context ? analyse(query.context) : undefined;
    if (context) for (const w of new Set(context.unigrams)) if (!unigramSet.has(w) && vocabulary.has(w)) contextWeight += idf(w);
    // The canonical names of what was named join the query, so a typo ("hypervisior") or an alias ("k8s") still matches.
    // Only the message's own words count towards coverage; the first 32 of them also say which words a fact matched.
    const queryWords = [...unigramSet];
    queryTerms.clear();
    const add = (t: string, weight: number) => {
      if (queryTerms.has(t)) return;
      const k = unigramSet.has(t) ? queryWords.indexOf(t) : -1;
      queryTerms.set(t, { weight, credit: k >= 0 ? idf(t) : 0, bit: k >= 0 && k < MATCH_BITS ? 2 ** k : 0 });
    };
    for (const t of terms) add(t, 1);
    for (const id of query.entities) for (const t of nameTermsOf(id)) add(t, 1);
    // Synonyms ("come out" for "released") count for less, and not towards coverage.
    for (const t of options.expand?.(query.text) ?? []) add(t, SYNONYM_WEIGHT);
    if (context) for (const t of context.terms) add(t, CONTEXT_WEIGHT);
    const touchedCount = scoreTerms(index, queryTerms, buffers);
    const touched = buffers.touched;
    // The entity factor can at most multiply a score by this much: a document that could not enter the
    // top even so is skipped without computing it (most documents, for common words like "vm").
    const anyNamed = named.length > 0 || concepts.length > 0;
    const ceiling = (named.length ? ON_NAMED * (1 + ON_EACH_MORE_NAMED * (named.length - 1)) : 1) * ON_CONCEPT ** concepts.length * (anyNamed ? ON_PRIMARY : 1);
    // The best `limit` documents so far, best first, in parallel typed arrays; `floor` is the score to beat.
    // Room for the definitions asked for, after the best `limit`.
    const room = limit + (query.definitionsOf === undefined ? 0 : MAX_DEFINITIONS);
    if (room > top.docs.length) top = topArrays(room);
    const { docs: topDocs, scores: topScores, coverage: topCoverage, bits: topBits } = top;
    let size = 0;
    let floor = 0;
    const definitions: { i: number; score: number; coverage: number; bits: number }[] = [];
    for (let k = 0; k < touchedCount; k++) {
      const i = touched[k]!;
      const coverage = Math.min(1, credits[i]! / weight);
      // Matching more of what was asked beats matching one word many times.
      const base = scores[i]! * (COVERAGE_BASE + coverage);
      const bits = matchedBits[i]!;
      scores[i] = 0;
      credits[i] = 0;
      matchedBits[i] = 0;
      if (query.definitionsOf !== undefined && defines[i] && facts[i]!.about[0] === query.definitionsOf && definitions.length < MAX_DEFINITIONS) {
        definitions.push({ i, score: base * entityFactor(i, named.length), coverage, bits });
      }
      if (size === limit && base * ceiling <= floor) continue;
      const score = base * entityFactor(i, named.length);
      if (size === limit && score <= floor) continue;
      let at = size < limit ? size++ : limit - 1;
      while (at > 0 && topScores[at - 1]! < score) {
        topScores[at] = topScores[at - 1]!;
        topDocs[at] = topDocs[at - 1]!;
        topCoverage[at] = topCoverage[at - 1]!;
        topBits[at] = topBits[at - 1]!;
        at--;
      }
      topScores[at] = score;
      topDocs[at] = i;
      topCoverage[at] = coverage;
      topBits[at] = bits;
      floor = size === limit ? topScores[limit - 1]! : 0;
    }
    const best = size;
    for (const d of definitions) {
      if (topDocs.subarray(0, best).includes(d.i)) continue;
      topDocs[size] = d.i;
      topScores[size] = d.score;
      topCoverage[size] = d.coverage;
      topBits[size] = d.bits;
      size++;
    }
    const hits: FactHit[] = [];
    for (let k = 0; k < size; k++) {
      const i = topDocs[k]!;
      const coverage = topCoverage[k]!;
      const bits = topBits[k]!;
      const matched = queryWords.filter((w, n) => (n < MATCH_BITS ? (bits & (2 ** n)) !== 0 : postingsHave(index, w, i)));
      hits.push({ defines: defines[i]!, fact: facts[i]!, score: topScores[k]!, coverage, coverageOfMessage: (coverage * weight) / (weight + contextWeight), matched });
    }
    for (const n of marked) roles[n] = 0;
    // A fact whose closest phrasing asks about a word the message never said ("does kvm need root" for "does kvm need
    // qemu") fits it less well: idf-weighted share of that phrasing's words the message has.
    if (hits.length > 1) {
      const said: number[] = [];
      for (const w of unigramSet) {
        const n = index.terms.get(w);
        if (n !== undefined) (saidMarks[n] = 1), said.push(n);
      }
      for (let k = 0; k < hits.length; k++) hits[k]!.score *= 1 - ASK_FIT_WEIGHT + ASK_FIT_WEIGHT * askFit(topDocs[k]!);
      for (const n of said) saidMarks[n] = 0;
      hits.sort((a, b) => b.score - a.score);
    }
    return hits;
  }

  // Each fact's phrasings, flat: the index numbers of their stemmed words and their idf weights one phrasing after
  // another, made the first time the fact ranks near the top. The message's words are marked by number, so a phrasing
  // is checked without hashing a string.
  interface Phrasings {
    terms: Int32Array;
    weights: Float64Array;
    /** Where each phrasing ends in terms/weights, and its words' total weight. */
    ends: Int32Array;
    totals: Float64Array;
  }
  const phrasings: (Phrasings | undefined)[] = new Array(facts.length);
  const saidMarks = new Uint8Array(index.terms.size);
  function phrasingsOf(i: number): Phrasings {
    let p = phrasings[i];
    if (!p) {
      const asks = askWordsOf(facts[i]!);
      const words = asks.flat();
      const weights = Float64Array.from(words, idf);
      const ends = new Int32Array(asks.length);
      const totals = new Float64Array(asks.length);
      let at = 0;
      asks.forEach((ask, k) => {
        for (let j = 0; j < ask.length; j++) totals[k] = totals[k]! + weights[at + j]!;
        at += ask.length;
        ends[k] = at;
      });
      phrasings[i] = p = { terms: Int32Array.from(words, (w) => index.terms.get(w) ?? -1), weights, ends, totals };
    }
    return p;
  }
  /** The idf-weighted share of fact i's closest phrasing that the message says (its words marked in saidMarks). */
  function askFit(i: number): number {
    const { terms, weights, ends, totals } = phrasingsOf(i);
    let best = 0;
    let start = 0;
    for (let k = 0; k < ends.length; k++) {
      const end = ends[k]!;
      let have = 0;
      for (let j = start; j < end; j++) {
        const n = terms[j]!;
        if (n >= 0 && saidMarks[n] === 1) have += weights[j]!;
      }
      const total = totals[k]!;
      if (total > 0 && have / total > best) best = have / total;
      start = end;
    }
    return best;
  }
  const vocabulary = new Set([...frequency.keys(), ...data.entryWords]);
  const knownWords = data.knownWords;
  const entryVocabulary = new Set(data.entryWords);
  const knowsWell = (word: string) => entryVocabulary.has(word) || (frequency.get(word) ?? 0) >= WELL_KNOWN_MIN_FACTS;
  return { search, idf, knows: (word) => vocabulary.has(word), knowsWell, knownWords };
}

function topArrays(room: number) {
  return { docs: new Int32Array(room), scores: new Float64Array(room), coverage: new Float64Array(room), bits: new Uint32Array(room) };
}

interface RetrieverData {
  index: Bm25Json;
  /** In how many facts each stemmed word occurs. */
  frequency: [string, number][];
  defines: boolean[];
  /** Stemmed words of the entries' names and texts. */
  entryWords: string[];
  knownWords: string[];
}

function buildData(kb: Knowledge, namesOf: (ids: readonly string[]) => string, nameTerms: (id: string) => string): RetrieverData {
  const fieldTexts = kb.facts.map((f) => ({ ask: f.ask.join('\n'), terms: f.terms.join('\n'), names: namesOf(f.about), answer: f.answer }));
  const defines = kb.facts.map((f) => {
    if (f.facet !== 'what') return false;
    // Every name of the subject, a concept's aliases too ("dockerfile" names the container image concept).
    const entry = kb.entries.get(f.about[0]!);
    const names = entry?.type === 'tech' ? [entry.name, ...entry.aliases] : [nameTerms(f.about[0]!)];
    const subject = new Set(contentWords(names.join('\n')));
    return f.ask.some((ask) => contentWords(ask).filter((w) => !subject.has(w)).length === 0);
  });
  const entryWords = new Set<string>();
  for (const e of kb.entries.values()) {
    const text = e.type === 'tech' ? [e.name, ...e.aliases, e.summary, e.details] : [e.title, e.summary, e.details];
    for (const w of analyse(text.join('\n')).unigrams) entryWords.add(w);
  }
  const unigramsOf = fieldTexts.map((t) => [...new Set(analyse([t.ask, t.terms, t.names, t.answer].join('\n')).unigrams)]);
  const frequency = new Map<string, number>();
  for (const words of unigramsOf) for (const w of words) frequency.set(w, (frequency.get(w) ?? 0) + 1);
  return {
    index: indexToJson(buildIndex(fieldTexts, BOOST, 'answer')),
    frequency: [...frequency],
    defines,
    entryWords: [...entryWords],
    knownWords: frequentWords(knowledgeTexts(kb), KNOWN_WORD_MIN_COUNT),
  };
}
