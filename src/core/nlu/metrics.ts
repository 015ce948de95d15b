/** Classification metrics for `npm run eval`: pure functions over (expected, predicted) pairs. */

export interface Prediction {
  expected: string;
  predicted: string;
}

export interface IntentScore {
  intent: string;
  precision: number;
  recall: number;
  f1: number;
  support: number;
}

export interface Metrics {
  accuracy: number;
  macroF1: number;
  perIntent: IntentScore[];
  confusions: { expected: string; predicted: string; count: number }[];
}

export function computeMetrics(predictions: readonly Prediction[]): Metrics {
  const intents = [...new Set(predictions.flatMap((p) => [p.expected, p.predicted]))].sort();
  const correct = predictions.filter((p) => p.expected === p.predicted).length;
  const perIntent = intents.map((intent) => {
    const tp = predictions.filter((p) => p.expected === intent && p.predicted === intent).length;
    const fp = predictions.filter((p) => p.expected !== intent && p.predicted === intent).length;
    const fn = predictions.filter((p) => p.expected === intent && p.predicted !== intent).length;
    const precision = tp + fp === 0 ? 0 : tp / (tp + fp);
    const recall = tp + fn === 0 ? 0 : tp / (tp + fn);
    const f1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
    return { intent, precision, recall, f1, support: tp + fn };
  });
  const scored = perIntent.filter((s) => s.support > 0);
  const pairs = new Map<string, { expected: string; predicted: string; count: number }>();
  for (const p of predictions) {
    if (p.expected === p.predicted) continue;
    const key = `${p.expected}→${p.predicted}`;
    const entry = pairs.get(key) ?? { expected: p.expected, predicted: p.predicted, count: 0 };
    entry.count += 1;
    pairs.set(key, entry);
  }
  return {
    accuracy: predictions.length ? correct / predictions.length : 0,
    macroF1: scored.length ? scored.reduce((s, x) => s + x.f1, 0) / scored.length : 0,
    perIntent,
    confusions: [...pairs.values()].sort((a, b) => b.count - a.count),
  };
}

/** A seeded shuffle (mulberry32), so k-fold splits are the same on every run. */
export function seededShuffle<T>(items: readonly T[], seed: number): T[] {
  let state = seed >>> 0;
  const random = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return NaN;
  const index = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[index]!;
}
