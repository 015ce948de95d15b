import { z } from 'zod';
import { readDataFile } from '../data-file.js';
import type { NluResult } from '../nlu/index.js';
import type { Retriever } from '../retrieve/index.js';
import { stem, tokenize } from '../nlu/tokenize.js';
import { contentWords } from '../retrieve/terms.js';

/**
 * How much a message is about VMs and containers, whatever words it shares with them.
 * - anchor: 'strong' when it names a technology or concept whose name is not an ordinary word
 *   (KVM, hypervisor, Kubernetes), 'weak' when the only names are ordinary words
 *   (container, pod, image, swarm, harbor), 'none' otherwise;
 * - unknown: the share of its content words that appear nowhere in the knowledge
 *   ("garden", "balcony", "popcorn"), a sign that a shared word is used in another sense.
 */
export interface ScopeSignals {
  anchor: 'strong' | 'weak' | 'none';
  /** Share of content words foreign to the knowledge; raised to 1 when an other-sense phrase is used. */
  unknown: number;
  /** Share of content words only one fact uses in passing ("mask" of "subnet mask"): known, but not the domain's. */
  thin?: number;
  words: number;
  /** A domain word is used in its ordinary sense ("shipping container", "docking station"). */
  otherSense: boolean;
  /** The message's stemmed words that are general IT words or ordinary names ("postgres", "mongodb", "container"). */
  general: ReadonlySet<string>;
  /** It uses a general IT word that is not one of our ordinary names ("packet", "config"). */
  generalIT?: boolean;
  /** It uses a word of a request no fact answers ("joke", "salary"). */
  offTopicRequest?: boolean;
  /** It uses a word only one fact knows ("what is kured"): enough to pick that fact by, not to prove the domain. */
  rareJargon?: boolean;
}

/** data/scope.json */
export const ScopeFileSchema = z.strictObject({
  description: z.string().optional(),
  /** Names (as typed, lowercase) that are also ordinary words: "container", "swarm", "harbor". */
  ordinaryNames: z.array(z.string().min(1).max(40)).min(1),
  /** Words only this domain uses ("vcpu", "qcow2", "passthrough"): one anchors a message like a name does. */
  domainWords: z.array(z.string().min(2).max(40)).default([]),
  /** General IT words that are not dictionary words ("config", "ssh", "postgres"): never jargon. */
  generalWords: z.array(z.string().min(2).max(40)).default([]),
  /** Phrases where a domain word has its ordinary meaning ("shipping container", "corn kernel"). */
  otherSenses: z.array(z.string().min(3).max(60)).default([]),
  /** Words that report a problem ("slow", "keeps crashing", "won't start"). */
  troubleWords: z.array(z.string().min(2).max(40)).default([]),
  /** Words of requests no fact answers, whatever they name ("joke", "salary", "haiku"): foreign to the knowledge. */
  offTopicWords: z.array(z.string().min(2).max(40)).default([]),
});

export interface ScopeLexicon {
  ordinaryNames: ReadonlySet<string>;
  /** Stemmed token sequences of the other-sense phrases, so plurals match ("harbor tours"). */
  otherSenses: readonly string[][];
  /** Token sequences of the words that report a problem. */
  troubleWords: readonly (readonly string[])[];
  /** Stems of the general IT words and of the ordinary names. */
  generalStems: ReadonlySet<string>;
  /** Stems of the general IT words alone ("packet", "config"): never what a definition of ours is about. */
  generalITStems?: ReadonlySet<string>;
  /** Stems of the off-topic request words. */
  offTopicStems?: ReadonlySet<string>;
  /** Hand-listed domain words and phrases, plus the jargon found in the knowledge (see jargon.ts). */
  domainWords: ReadonlySet<string>;
  /** Jargon only one fact or entry uses: it anchors a message only weakly, like an ordinary-word name. */
  rareWords?: ReadonlySet<string>;
}

export function loadScopeLexicon(path: string, jargon: Iterable<string> = [], rareJargon: Iterable<string> = []): ScopeLexicon {
  const file = readDataFile(path, ScopeFileSchema);
  const ordinaryNames = new Set(file.ordinaryNames.map((x) => x.toLowerCase()));
  const general = new Set(file.generalWords.map((x) => x.toLowerCase()));
  const domainWords = new Set([...file.domainWords.map((x) => x.toLowerCase()), ...[...jargon].filter((w) => !ordinaryNames.has(w) && !general.has(w))]);
  const generalStems = new Set([...general, ...ordinaryNames].filter((w) => !w.includes(' ')).flatMap((w) => contentWords(w)));
  return {
    ordinaryNames,
    domainWords,
    otherSenses: file.otherSenses.map((p) => tokenize(p).map(stem)),
    troubleWords: file.troubleWords.map((p) => tokenize(p)),
    generalStems,
    generalITStems: new Set([...general].filter((w) => !w.includes(' ')).flatMap((w) => contentWords(w))),
    offTopicStems: new Set(file.offTopicWords.flatMap((w) => contentWords(w))),
    rareWords: new Set([...rareJargon].filter((w) => !ordinaryNames.has(w) && !general.has(w) && !domainWords.has(w))),
  };
}

// Phrases by their first word, built once per phrase list: a message only tries those its words start.
const byFirstWord = new WeakMap<readonly (readonly string[])[], Map<string, (readonly string[])[]>>();
function phrasesStartingWith(phrases: readonly (readonly string[])[]): Map<string, (readonly string[])[]> {
  let index = byFirstWord.get(phrases);
  if (!index) {
    index = new Map();
    for (const phrase of phrases) {
      if (phrase.length === 0) continue;
      const list = index.get(phrase[0]!) ?? [];
      list.push(phrase);
      index.set(phrase[0]!, list);
    }
    byFirstWord.set(phrases, index);
  }
  return index;
}

/**
 * The words of the message (tokens or stems, as the phrases are) that belong to a phrase of the list it uses;
 * with `unlessAfter`, a phrase right after one of those words does not count ("nothing weird", "no issues").
 */
function wordsInPhrases(words: readonly string[], phrases: readonly (readonly string[])[], unlessAfter?: ReadonlySet<string>): Set<string> {
  const found = new Set<string>();
  const index = phrasesStartingWith(phrases);
  for (let i = 0; i < words.length; i++) {
    if (unlessAfter?.has(words[i - 1] ?? '')) continue;
    for (const phrase of index.get(words[i]!) ?? []) {
      if (i + phrase.length <= words.length && phrase.every((t, k) => words[i + k] === t)) for (const t of phrase) found.add(t);
    }
  }
  return found;
}

/** True when the message reports a problem rather than describing a workload. */
export function reportsTrouble(text: string, lexicon: Pick<ScopeLexicon, 'troubleWords'>): boolean {
  return wordsInPhrases(tokenize(text), lexicon.troubleWords, NO_TROUBLE).size > 0;
}

// "linux only, nothing weird", "no issues so far": trouble denied is no trouble.
const NO_TROUBLE = new Set(['no', 'nothing', 'not', 'never', 'without', 'zero', 'none']);

export function scopeSignals(text: string, nlu: Pick<NluResult, 'mentions'>, retriever: Pick<Retriever, 'knows' | 'knowsWell'>, lexicon: ScopeLexicon): ScopeSignals {
  // Figures ("80gb", "2x24") are never in the knowledge and say nothing about the subject.
  const words = contentWords(text).filter((w) => !/\d/.test(w));
  const offTopicRequest = words.some((w) => lexicon.offTopicStems?.has(w) === true);
  const unknown = words.length === 0 ? 0 : words.filter((w) => !retriever.knows(w) || lexicon.offTopicStems?.has(w) === true).length / words.length;
  const thin = words.length === 0 ? 0 : words.filter((w) => retriever.knows(w) && !retriever.knowsWell(w)).length / words.length;
  const tokens = tokenize(text);
  // "a 40ft shipping container", "a cattle rancher": the word is used in its ordinary sense, so it anchors nothing.
  const stems = tokens.map(stem);
  const inOtherSense = wordsInPhrases(stems, lexicon.otherSenses);
  const otherSense = inOtherSense.size > 0;
  // A name matched despite a typo anchors only weakly: "docked" is one letter from Docker, and an English word.
  const named = nlu.mentions.some(
    (m) => !lexicon.ordinaryNames.has(m.text) && !m.fuzzy && !m.text.split(' ').every((w) => inOtherSense.has(stem(w))),
  );
  const jargon = tokens.some((t, i) => (lexicon.domainWords.has(t) && !inOtherSense.has(stems[i]!)) || (i > 0 && lexicon.domainWords.has(`${tokens[i - 1]} ${t}`)));
  const strong = named || jargon;
  const rareJargon = !strong && tokens.some((t) => lexicon.rareWords?.has(t) === true);
  const anchor = strong ? 'strong' : (nlu.mentions.length > 0 || rareJargon) && !otherSense ? 'weak' : 'none';
  const general = new Set(words.filter((w) => lexicon.generalStems.has(w)));
  const generalIT = words.some((w) => lexicon.generalITStems?.has(w) === true);
  return { anchor, unknown: otherSense && !strong ? 1 : unknown, ...(thin > 0 ? { thin } : {}), words: words.length, otherSense, general, ...(rareJargon ? { rareJargon } : {}), ...(offTopicRequest ? { offTopicRequest } : {}), ...(generalIT ? { generalIT } : {}) };
}
