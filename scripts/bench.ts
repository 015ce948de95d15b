/**
 * npm run bench: prints figures, asserts nothing.
 * - cold start: a fresh `node` process from start to its first reply (ask --json), median of 5
 * - in-process classify + answer: p50 / p99 latency and messages per second on one core
 * - the whole turn through core.handle (memory store, dialogue state, logs off)
 * - natural's BayesClassifier on the same data, for comparison
 * - resident memory
 * - batch throughput through a pipe beside a JSON-lines floor, and peak RSS for 1,000,000 lines (bench-throughput.ts)
 */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createRequire } from 'node:module';
import { createRunwise, loadBrain } from '../src/app.js';
import { benchThroughput } from './bench-throughput.js';
import { answerIntent } from '../src/core/answer/route.js';
import { percentile } from '../src/core/nlu/metrics.js';
import { loadConfig } from '../src/config.js';
import { silentLogger } from '../src/log.js';
import { projectRoot } from '../src/paths.js';

const root = projectRoot();
const messages = readFileSync(join(root, 'tests', 'eval', 'heldout.jsonl'), 'utf8')
  .split('\n')
  .filter((l) => l.trim())
  .map((l) => (JSON.parse(l) as { text: string }).text);

function coldStart(): number[] {
  const times: number[] = [];
  for (let i = 0; i < 5; i++) {
    const started = process.hrtime.bigint();
    const run = spawnSync(process.execPath, [join(root, 'dist', 'src', 'adapters', 'cli', 'main.js'), 'ask', 'what is kvm', '--json'], {
      env: { ...process.env, STATE_URL: 'memory:', LOG_LEVEL: 'silent', SLACK_BOT_TOKEN: '', DISCORD_TOKEN: '' },
      encoding: 'utf8',
    });
    const elapsed = Number(process.hrtime.bigint() - started) / 1e6;
    if (run.status !== 0 || !run.stdout.includes('"intent"')) throw new Error(`cold start run failed: ${run.stderr}`);
    times.push(elapsed);
  }
  return times.sort((a, b) => a - b);
}

function timeEach(n: number, fn: (text: string) => unknown): { p50: number; p99: number; perSecond: number } {
  for (let i = 0; i < 2000; i++) fn(messages[i % messages.length]!);
  const samples: number[] = new Array(n);
  const started = process.hrtime.bigint();
  for (let i = 0; i < n; i++) {
    const t0 = process.hrtime.bigint();
    fn(messages[i % messages.length]!);
    samples[i] = Number(process.hrtime.bigint() - t0) / 1000;
  }
  const total = Number(process.hrtime.bigint() - started) / 1e9;
  samples.sort((a, b) => a - b);
  return { p50: percentile(samples, 50), p99: percentile(samples, 99), perSecond: n / total };
}

function probeRss(): { rss: number; maxRss: number } {
  const run = spawnSync(process.execPath, [join(root, 'dist', 'scripts', 'rss-probe.js')], {
    env: { ...process.env, LOG_LEVEL: 'silent' },
    encoding: 'utf8',
  });
  if (run.status !== 0) throw new Error(`rss probe failed: ${run.stderr}`);
  return JSON.parse(run.stdout) as { rss: number; maxRss: number };
}

const us = (x: number) => `${x.toFixed(1)} µs`;
const N = 50_000;

// Child processes first, while this process is still small and idle.
const cold = coldStart();
const probe = probeRss();
const throughput = await benchThroughput(root, messages);

const loadStarted = process.hrtime.bigint();
const brain = loadBrain(root, { cache: false });
const loadMs = Number(process.hrtime.bigint() - loadStarted) / 1e6;
const config = loadConfig({ STATE_URL: 'memory:' });
const ctx = { kb: brain.knowledge, messages: brain.messages };

// First sight of each held-out message on a fresh brain: stem and typo caches are empty.
const firstSight: number[] = [];
for (const text of messages) {
  const t0 = process.hrtime.bigint();
  const r = brain.nlu.classify(text);
  answerIntent(ctx, r.intent, r.entities, r.confidence);
  firstSight.push(Number(process.hrtime.bigint() - t0) / 1000);
}
firstSight.sort((a, b) => a - b);

const ours = timeEach(N, (text) => {
  const r = brain.nlu.classify(text);
  return answerIntent(ctx, r.intent, r.entities, r.confidence);
});
const classifyOnly = timeEach(N, (text) => brain.nlu.classify(text));

const runwise = await createRunwise({ config, stateUrl: 'memory:', log: silentLogger(), brain });
let k = 0;
const turnSamples: number[] = [];
for (let i = 0; i < 20_000; i++) {
  const t0 = process.hrtime.bigint();
  await runwise.core.handle({ text: messages[i % messages.length]!, conversationId: `bench:${k++ % 500}`, userId: 'bench', platform: 'cli' });
  if (i >= 2000) turnSamples.push(Number(process.hrtime.bigint() - t0) / 1000);
}
turnSamples.sort((a, b) => a - b);
await runwise.close();
// Before natural's classifier below is built, so it measures runwise alone.
const rss = process.memoryUsage().rss / 1024 / 1024;

// natural's own classifier on the same training data, through its subpath (the root import costs ~1 s).
const require = createRequire(import.meta.url);
const BayesClassifier = require('natural/lib/natural/classifiers/bayes_classifier.js') as new () => {
  addDocument(text: string, label: string): void;
  train(): void;
  classify(text: string): string;
};
const bayes = new BayesClassifier();
for (const file of (await import('../src/core/nlu/load.js')).loadIntents(join(root, 'intents'))) {
  for (const example of file.examples) bayes.addDocument(example, file.intent);
}
const trainStarted = process.hrtime.bigint();
bayes.train();
const bayesTrainMs = Number(process.hrtime.bigint() - trainStarted) / 1e6;
const naturalBayes = timeEach(2_000, (text) => bayes.classify(text));

console.log('runwise bench (Node', process.version, `on ${process.arch})\n`);
console.log(`cold start, process start to first reply (ask --json, trained model from .cache/), median of 5: ${cold[2]!.toFixed(0)} ms  (min ${cold[0]!.toFixed(0)}, max ${cold[4]!.toFixed(0)})`);
console.log(`load data and train the classifier in-process, without the cache: ${loadMs.toFixed(0)} ms`);
console.log(`classify + answer (${N} messages, one core): p50 ${us(ours.p50)}, p99 ${us(ours.p99)}, ${Math.round(ours.perSecond).toLocaleString('en-US')} messages/s`);
console.log(`classify + answer, first sight of each of ${messages.length} held-out messages (cold caches): p50 ${us(percentile(firstSight, 50))}, p99 ${us(percentile(firstSight, 99))}`);
console.log(`classify only: p50 ${us(classifyOnly.p50)}, p99 ${us(classifyOnly.p99)}, ${Math.round(classifyOnly.perSecond).toLocaleString('en-US')} messages/s`);
console.log(`whole turn via core.handle (memory store): p50 ${us(percentile(turnSamples, 50))}, p99 ${us(percentile(turnSamples, 99))}`);
console.log(`RSS of a fresh bot process after start-up and 5,000 turns: ${(probe.rss / 1048576).toFixed(0)} MB (peak ${(probe.maxRss / 1048576).toFixed(0)} MB)`);
console.log(`RSS of this bench process after 120,000 messages: ${rss.toFixed(0)} MB`);
console.log(`\nnatural BayesClassifier, same data: train ${bayesTrainMs.toFixed(0)} ms, classify p50 ${us(naturalBayes.p50)}, p99 ${us(naturalBayes.p99)}, ${Math.round(naturalBayes.perSecond).toLocaleString('en-US')} messages/s`);
console.log(`  runwise's index scorer (classify only) is ${(naturalBayes.p50 / classifyOnly.p50).toFixed(0)}× faster at p50, ${(naturalBayes.p99 / classifyOnly.p99).toFixed(0)}× at p99`);
console.log(`\n${throughput.join('\n')}`);
console.log(`\ntargets: p99 < 250 µs, ≥ 20,000 messages/s, cold start < 400 ms, RSS < 100 MB`);
console.log(`peer (NLP.js 4, 30 intents, same kind of machine): ~20,000 messages/s, p50 31 µs, p99 ~100 µs, ~550 ms import, ~190 MB RSS`);
