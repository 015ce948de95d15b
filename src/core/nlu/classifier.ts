/**
 * Multinomial Naive Bayes over a precomputed index: every known feature maps to one row of
 * per-intent log-likelihoods in a single flat array, so scoring a message costs one map lookup
 * and one vector add per feature, instead of a scan of the whole vocabulary per class (what
 * natural's BayesClassifier does). Features come from `features.ts`.
 */

export interface TrainingDoc {
  features: readonly string[];
  label: string;
}

export interface Ranked {
  intent: string;
  /** Posterior probability after temperature scaling, in [0, 1]. */
  confidence: number;
}

export interface Classifier {
  readonly labels: readonly string[];
  /** The `top` most likely intents, best first, and how many of the features are known (0: "no idea", not "unsure"). */
  rank(features: readonly string[], top?: number): { ranked: Ranked[]; known: number };
}

export interface ClassifierOptions {
  /** Additive smoothing; small values trust rare but telling words more. */
  alpha?: number;
  /**
   * Log-scores are divided by temperature × (known features)^power before the softmax: NB's
   * log-odds grow with message length, so long messages would all read 0.99 and one-word ones 0.2.
   */
  temperature?: number;
  power?: number;
}

/** What training produces; plain data, so it can be cached on disk. */
export interface NbModel {
  labels: string[];
  /** Feature names in row order. */
  features: string[];
  /** Per class, the log-probability of a feature never seen with it. */
  unseen: number[];
  /** features × labels log-likelihood deltas, row-major; 0 where the feature was never seen with the class. */
  weights: Float64Array;
}

export function fitModel(docs: readonly TrainingDoc[], alpha = 0.1): NbModel {
  const labels = [...new Set(docs.map((d) => d.label))].sort();
  const classes = labels.length;
  const labelIndex = new Map(labels.map((l, i) => [l, i]));

  const featureRow = new Map<string, number>();
  for (const doc of docs) for (const f of doc.features) if (!featureRow.has(f)) featureRow.set(f, featureRow.size);
  const vocabulary = featureRow.size;
  const weights = new Float64Array(vocabulary * classes);
  const totals = new Float64Array(classes);
  for (const doc of docs) {
    const c = labelIndex.get(doc.label)!;
    for (const f of doc.features) {
      weights[featureRow.get(f)! * classes + c]! += 1;
      totals[c]! += 1;
    }
  }
  // Each row holds log P(feature | class) minus the class's "unseen feature" log-probability,
  // so unknown features cost nothing and only known ones need a lookup. A zero count gives
  // exactly the unseen log-probability, i.e. a weight of 0: only counted cells need a log.
  const unseen = Array.from(totals, (t) => Math.log(alpha / (t + alpha * vocabulary)));
  for (let i = 0; i < weights.length; i++) {
    const count = weights[i]!;
    if (count === 0) continue;
    const c = i % classes;
    weights[i] = Math.log((count + alpha) / (totals[c]! + alpha * vocabulary)) - unseen[c]!;
  }
  return { labels, features: [...featureRow.keys()], unseen, weights };
}

export function trainClassifier(docs: readonly TrainingDoc[], options: ClassifierOptions = {}): Classifier {
  return createClassifier(fitModel(docs, options.alpha), options);
}

export function createClassifier(model: NbModel, options: ClassifierOptions = {}): Classifier {
  const temperature = options.temperature ?? 0.6;
  const power = options.power ?? 0.5;
  const { labels, weights, unseen } = model;
  const classes = labels.length;
  const featureRow = new Map(model.features.map((f, i) => [f, i]));

  const scores = new Float64Array(classes);

  function rank(features: readonly string[], top = 3): { ranked: Ranked[]; known: number } {
    scores.fill(0);
    let known = 0;
    for (const f of features) {
      const row = featureRow.get(f);
      if (row === undefined) continue;
      known += 1;
      const base = row * classes;
      for (let c = 0; c < classes; c++) scores[c]! += weights[base + c]!;
    }
    let max = -Infinity;
    for (let c = 0; c < classes; c++) {
      scores[c]! += known * unseen[c]!;
      if (scores[c]! > max) max = scores[c]!;
    }
    const t = temperature * Math.max(1, known) ** power;
    let sum = 0;
    for (let c = 0; c < classes; c++) {
      scores[c] = Math.exp((scores[c]! - max) / t);
      sum += scores[c]!;
    }
    const best: Ranked[] = [];
    for (let c = 0; c < classes; c++) {
      const confidence = scores[c]! / sum;
      if (best.length === top) {
        if (confidence <= best[top - 1]!.confidence) continue;
        best.pop();
      }
      let at = best.length;
      while (at > 0 && best[at - 1]!.confidence < confidence) at--;
      best.splice(at, 0, { intent: labels[c]!, confidence });
    }
    return { ranked: best, known };
  }

  return { labels, rank };
}
