/**
 * npm run eval: trains on intents/ and scores the held-out set in tests/eval/heldout.jsonl
 * (written apart from the training data), then k-fold cross-validation on the training data.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadKnowledge } from '../src/core/knowledge/load.js';
import { createNlu } from '../src/core/nlu/index.js';
import { loadIntents } from '../src/core/nlu/load.js';
import { computeMetrics, seededShuffle, type Prediction } from '../src/core/nlu/metrics.js';
import { LabelledExampleSchema } from '../src/core/nlu/schema.js';
import { loadConfig } from '../src/config.js';
import { projectRoot } from '../src/paths.js';
import type { IntentFile } from '../src/core/nlu/schema.js';
import { evalDialogues } from './eval-dialogues.js';

const root = projectRoot();
const knowledge = loadKnowledge(join(root, 'data'));
const intents = loadIntents(join(root, 'intents'));
const threshold = loadConfig({ ...process.env, SLACK_BOT_TOKEN: undefined, DISCORD_TOKEN: undefined }).CONFIDENCE_THRESHOLD;
const heldout = readFileSync(join(root, 'tests', 'eval', 'heldout.jsonl'), 'utf8')
  .split('\n')
  .filter((l) => l.trim() !== '')
  .map((l, i) => {
    const parsed = LabelledExampleSchema.safeParse(JSON.parse(l));
    if (!parsed.success) throw new Error(`tests/eval/heldout.jsonl line ${i + 1}: ${parsed.error.message}`);
    return parsed.data;
  });

const pct = (x: number) => `${(x * 100).toFixed(1)}%`;
const nlu = createNlu(intents, knowledge.techs);

const predictions: Prediction[] = [];
let confidentRight = 0;
let confidentTotal = 0;
let entityRight = 0;
let entityTotal = 0;
for (const example of heldout) {
  const result = nlu.classify(example.text);
  predictions.push({ expected: example.intent, predicted: result.intent });
  if (result.confidence >= threshold) {
    confidentTotal += 1;
    if (result.intent === example.intent) confidentRight += 1;
  }
  if (example.entities) {
    entityTotal += 1;
    if (JSON.stringify(result.entities) === JSON.stringify(example.entities)) entityRight += 1;
  }
}
const metrics = computeMetrics(predictions);

console.log(`runwise eval: ${intents.length} intents, ${intents.reduce((n, f) => n + f.examples.length, 0)} training examples, ${heldout.length} held-out messages\n`);
console.log('Held-out set');
console.log(`  accuracy          ${pct(metrics.accuracy)}`);
console.log(`  macro F1          ${pct(metrics.macroF1)}`);
console.log(`  answered (conf ≥ ${threshold}) ${pct(confidentTotal / heldout.length)} of messages, ${pct(confidentTotal ? confidentRight / confidentTotal : 0)} of them right`);
console.log(`  entities exact    ${pct(entityTotal ? entityRight / entityTotal : 0)} of ${entityTotal} messages naming technologies`);
console.log('\n  per intent                 precision  recall     F1  support');
for (const s of metrics.perIntent) {
  console.log(`  ${s.intent.padEnd(26)} ${pct(s.precision).padStart(9)} ${pct(s.recall).padStart(7)} ${pct(s.f1).padStart(6)} ${String(s.support).padStart(8)}`);
}
console.log('\n  most confused (expected → predicted)');
for (const c of metrics.confusions.slice(0, 10)) console.log(`  ${String(c.count).padStart(3)}  ${c.expected} → ${c.predicted}`);

const K = 5;
const labelled = seededShuffle(
  intents.flatMap((f) => f.examples.map((text) => ({ text, intent: f.intent }))),
  42,
);
const foldAccuracies: number[] = [];
const foldF1: number[] = [];
for (let k = 0; k < K; k++) {
  const test = labelled.filter((_, i) => i % K === k);
  const train = labelled.filter((_, i) => i % K !== k);
  const files: IntentFile[] = intents.map((f) => ({ ...f, examples: train.filter((e) => e.intent === f.intent).map((e) => e.text) }));
  const foldNlu = createNlu(files, knowledge.techs);
  const m = computeMetrics(test.map((e) => ({ expected: e.intent, predicted: foldNlu.classify(e.text).intent })));
  foldAccuracies.push(m.accuracy);
  foldF1.push(m.macroF1);
}
const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
const sd = (xs: number[]) => Math.sqrt(mean(xs.map((x) => (x - mean(xs)) ** 2)));
console.log(`\n${K}-fold cross-validation on the training data`);
console.log(`  accuracy  ${pct(mean(foldAccuracies))} ± ${pct(sd(foldAccuracies))}   (folds: ${foldAccuracies.map(pct).join(', ')})`);
console.log(`  macro F1  ${pct(mean(foldF1))} ± ${pct(sd(foldF1))}`);

await evalDialogues();
