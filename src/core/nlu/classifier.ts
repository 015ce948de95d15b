/**
 * Multinomial Naive Bayes over precomputed log-likelihood rows: scoring a message costs one
 * map lookup and one vector add per feature, instead of a scan of the whole vocabulary per
 * class (what natural's BayesClassifier does). Features come from `features.ts`.
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
  /** Known features of a message (used to tell "no idea" from "unsure"). */
  knownCount(features: readonly string[]): number;
  rank(features: readonly string[]): Ranked[];
}

export interface ClassifierOptions {
  /** Additive smoothing; small values trust rare but telling words more. */
  alpha?: number;
  /** Divides log-scores before softmax so confidences are not all 0.99 (NB is overconfident). */
  temperature?: number;
  power?: number;
}

export function trainClassifier(docs: readonly TrainingDoc[], options: ClassifierOptions = {}): Classifier {
  const alpha = options.alpha ?? 0.1;
  const temperature = options.temperature ?? 0.6;
  const power = options.power ?? 0.5;
  const labels = [...new Set(docs.map((d) => d.label))].sort();
  const labelIndex = new Map(labels.map((l, i) => [l, i]));
  const counts = new Map<string, Float64Array>();
  const totals = new Float64Array(labels.length);

  for (const doc of docs) {
    const c = labelIndex.get(doc.label)!;
    for (const f of doc.features) {
      let row = counts.get(f);
      if (!row) counts.set(f, (row = new Float64Array(labels.length)));
      row[c]! += 1;
      totals[c]! += 1;
    }
  }

  const vocabulary = counts.size;
  const rows = new Map<string, Float64Array>();
  // Scores are shifted by each class's "unseen word" log-probability, so a missing feature costs nothing
  // and only known features need a lookup.
  const unseen = Float64Array.from(totals, (t) => Math.log(alpha / (t + alpha * vocabulary)));
  for (const [feature, row] of counts) {
    rows.set(
      feature,
      Float64Array.from(row, (n, c) => Math.log((n + alpha) / (totals[c]! + alpha * vocabulary)) - unseen[c]!),
    );
  }

  function rank(features: readonly string[]): Ranked[] {
    const scores = new Float64Array(labels.length);
    let known = 0;
    for (const f of features) {
      const row = rows.get(f);
      if (!row) continue;
      known += 1;
      for (let c = 0; c < scores.length; c++) scores[c]! += row[c]!;
    }
    for (let c = 0; c < scores.length; c++) scores[c]! += known * unseen[c]!;
    let max = -Infinity;
    for (const s of scores) if (s > max) max = s;
    let sum = 0;
    const t = temperature * Math.max(1, known) ** power;
    const exp = Float64Array.from(scores, (s) => {
      const e = Math.exp((s - max) / t);
      sum += e;
      return e;
    });
    const ranked = labels.map((intent, c) => ({ intent, confidence: exp[c]! / sum }));
    return ranked.sort((a, b) => b.confidence - a.confidence);
  }

  function knownCount(features: readonly string[]): number {
    let n = 0;
    for (const f of features) if (rows.has(f)) n += 1;
    return n;
  }

  return { labels, knownCount, rank };
}
