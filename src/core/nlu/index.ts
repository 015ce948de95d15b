import type { TechEntry } from '../knowledge/schema.js';
import type { IntentFile } from './schema.js';
import { createClassifier, fitModel, type Classifier, type ClassifierOptions, type Ranked } from './classifier.js';
import { createEntityRecognizer, distinctIds, type EntityMatch } from './entities.js';
import { extractFeatures } from './features.js';
import { modelKey, readModel, writeModel, type NluModel } from './model-cache.js';
import { stem, tokenize } from './tokenize.js';

export interface NluResult {
  intent: string;
  confidence: number;
  /** The best three intents, best first. */
  ranking: Ranked[];
  /** Knowledge ids named in the message, in order, without repeats. */
  entities: string[];
  /** The words that named them, as typed (lowercase), and whether a typo was forgiven. */
  mentions: { id: string; text: string; fuzzy: boolean }[];
  /** How many of the message's features the classifier has seen in training (0: nothing it knows). */
  known: number;
}

export interface Nlu {
  classify(text: string): NluResult;
  /** How many of the message's words never occur in the intent's training examples. */
  foreignWords(text: string, intent: string): number;
  readonly intents: readonly string[];
}

/** A word seen this often in training is ordinary vocabulary, never a typo of a product name. */
const COMMON_WORD_MIN_COUNT = 3;
const OUT_OF_SCOPE = 'out_of_scope';

export interface NluOptions extends ClassifierOptions {
  /** Where a trained model is kept between starts (skips ~100 ms of training); none: always train. */
  cacheDir?: string;
  /** More ordinary vocabulary (the knowledge's own words): never typo-matched to a name, so "vcpus" stays "vcpus". */
  vocabulary?: readonly string[];
}

function commonWordsOf(tokenized: readonly (readonly string[])[]): string[] {
  const counts = new Map<string, number>();
  for (const tokens of tokenized) for (const token of tokens) counts.set(token, (counts.get(token) ?? 0) + 1);
  return [...counts].filter(([, n]) => n >= COMMON_WORD_MIN_COUNT).map(([t]) => t);
}

type Analyse = (tokens: readonly string[]) => { matches: EntityMatch[]; features: string[] };

function train(intents: readonly IntentFile[], makeAnalyse: (commonWords: ReadonlySet<string>) => Analyse, alpha?: number): NluModel {
  const tokenized = intents.map((file) => file.examples.map((example) => tokenize(example)));
  const commonWords = commonWordsOf(tokenized.flat());
  const analyse = makeAnalyse(new Set(commonWords));
  // A message that is word for word a training example (e.g. "help") gets that intent outright.
  const verbatim = new Map<string, string | null>();
  const docs = intents.flatMap((file, i) =>
    tokenized[i]!.map((tokens) => {
      const key = tokens.join(' ');
      const seen = verbatim.get(key);
      verbatim.set(key, seen === undefined || seen === file.intent ? file.intent : null);
      return { label: file.intent, features: analyse(tokens).features };
    }),
  );
  return { nb: fitModel(docs, alpha), commonWords, verbatim: [...verbatim] };
}

export function createNlu(intents: readonly IntentFile[], techs: readonly TechEntry[], options: NluOptions = {}): Nlu & { fromCache: boolean } {
  const concepts = new Set(techs.filter((t) => t.category === 'concept').map((t) => t.id));
  const isConcept = (id: string) => concepts.has(id);
  const makeAnalyse = (commonWords: ReadonlySet<string>): Analyse => {
    const recognizer = createEntityRecognizer(techs, commonWords);
    return (tokens) => {
      const matches = recognizer.find(tokens);
      return { matches, features: extractFeatures(tokens, matches, isConcept) };
    };
  };

  const key = options.cacheDir
    ? modelKey([options.alpha ?? null, intents, techs.map((t) => [t.id, t.name, t.category, t.aliases])])
    : '';
  const cached = options.cacheDir ? readModel(options.cacheDir, key) : undefined;
  const model = cached ?? train(intents, makeAnalyse, options.alpha);
  if (!cached && options.cacheDir) writeModel(options.cacheDir, key, model);

  const analyse = makeAnalyse(new Set([...model.commonWords, ...(options.vocabulary ?? [])]));
  const verbatim = new Map(model.verbatim);
  const classifier: Classifier = createClassifier(model.nb, options);

  function classify(text: string): NluResult {
    const tokens = tokenize(text);
    const { matches, features } = analyse(tokens);
    const scored = classifier.rank(features, 4);
    const known = scored.known;
    // With no known feature every intent ties; the honest answer is "not ours", not the first label.
    const ranked = known === 0 ? [{ intent: OUT_OF_SCOPE, confidence: 0 }] : scored.ranked;
    const exact = verbatim.get(tokens.join(' '));
    const ranking = (exact ? [{ intent: exact, confidence: 1 }, ...ranked.filter((r) => r.intent !== exact)] : ranked).slice(0, 3);
    const best = ranking[0]!;
    return {
      intent: best.intent,
      confidence: best.confidence,
      ranking,
      entities: distinctIds(matches),
      mentions: matches.map((m) => ({ id: m.id, text: tokens.slice(m.start, m.end).join(' '), fuzzy: m.fuzzy })),
      known,
    };
  }

  // Built on first use: only messages that look like a request for advice need it.
  const vocabularies = new Map<string, Set<string>>();
  function foreignWords(text: string, intent: string): number {
    let vocabulary = vocabularies.get(intent);
    if (!vocabulary) {
      vocabulary = new Set(intents.filter((f) => f.intent === intent).flatMap((f) => f.examples.flatMap((e) => tokenize(e).map(stem))));
      vocabularies.set(intent, vocabulary);
    }
    return tokenize(text).filter((t) => !vocabulary.has(stem(t))).length;
  }

  return { classify, foreignWords, intents: classifier.labels, fromCache: cached !== undefined };
}
