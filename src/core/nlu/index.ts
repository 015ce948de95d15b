import type { TechEntry } from '../knowledge/schema.js';
import type { IntentFile } from './schema.js';
import { trainClassifier, type Classifier, type ClassifierOptions, type Ranked } from './classifier.js';
import { createEntityRecognizer, distinctIds, type EntityRecognizer } from './entities.js';
import { extractFeatures } from './features.js';
import { tokenize } from './tokenize.js';

export interface NluResult {
  intent: string;
  confidence: number;
  /** The best three intents, best first. */
  ranking: Ranked[];
  /** Knowledge ids named in the message, in order, without repeats. */
  entities: string[];
  /** How many of the message's features the classifier has seen in training (0: nothing it knows). */
  known: number;
}

export interface Nlu {
  classify(text: string): NluResult;
  readonly intents: readonly string[];
}

/** A word seen this often in training is ordinary vocabulary, never a typo of a product name. */
const COMMON_WORD_MIN_COUNT = 3;

function commonWordsOf(intents: readonly IntentFile[]): Set<string> {
  const counts = new Map<string, number>();
  for (const file of intents) {
    for (const example of file.examples) {
      for (const token of tokenize(example)) counts.set(token, (counts.get(token) ?? 0) + 1);
    }
  }
  return new Set([...counts].filter(([, n]) => n >= COMMON_WORD_MIN_COUNT).map(([t]) => t));
}

export function createNlu(intents: readonly IntentFile[], techs: readonly TechEntry[], options: ClassifierOptions = {}): Nlu {
  const concepts = new Set(techs.filter((t) => t.category === 'concept').map((t) => t.id));
  const isConcept = (id: string) => concepts.has(id);
  const recognizer: EntityRecognizer = createEntityRecognizer(techs, commonWordsOf(intents));

  const analyse = (text: string) => {
    const tokens = tokenize(text);
    const matches = recognizer.find(tokens);
    return { matches, features: extractFeatures(tokens, matches, isConcept) };
  };

  // A message that is word for word a training example (e.g. "help") gets that intent outright.
  const verbatim = new Map<string, string | null>();
  for (const file of intents) {
    for (const example of file.examples) {
      const key = tokenize(example).join(' ');
      const seen = verbatim.get(key);
      verbatim.set(key, seen === undefined || seen === file.intent ? file.intent : null);
    }
  }

  const docs = intents.flatMap((file) => file.examples.map((example) => ({ label: file.intent, features: analyse(example).features })));
  const classifier: Classifier = trainClassifier(docs, options);

  function classify(text: string): NluResult {
    const { matches, features } = analyse(text);
    const ranked = classifier.rank(features, 4);
    const exact = verbatim.get(tokenize(text).join(' '));
    const ranking = (exact ? [{ intent: exact, confidence: 1 }, ...ranked.filter((r) => r.intent !== exact)] : ranked).slice(0, 3);
    const best = ranking[0]!;
    return {
      intent: best.intent,
      confidence: best.confidence,
      ranking,
      entities: distinctIds(matches),
      known: classifier.knownCount(features),
    };
  }

  return { classify, intents: classifier.labels };
}
