/**
 * npm run eval [-- --show-fails N]: what the user sees, scored.
 * 1. Answers: every message of tests/eval/answers*.jsonl through the real core (memory store, one session
 *    each); a reply passes when it says what a correct answer must say (the devset's rule).
 * 2. Recommendations: every scenario of tests/eval/scenarios.jsonl played as the devset plays them.
 * 3. Labels: the classifier's intent accuracy on tests/eval/heldout.jsonl, kept for the dialogue acts.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createRunwise, loadBrain } from '../src/app.js';
import { silentLogger } from '../src/log.js';
import { computeMetrics, type Prediction } from '../src/core/nlu/metrics.js';
import { LabelledExampleSchema } from '../src/core/nlu/schema.js';
import { judge, readAnswerSet, summarise, type Judged } from '../src/eval/answer-set.js';
import { plainText } from '../src/adapters/cli/render.js';
import { loadConfig } from '../src/config.js';
import { projectRoot } from '../src/paths.js';
import { evalDialogues } from './eval-dialogues.js';

const root = projectRoot();
const args = process.argv.slice(2);
const showFails = Number(args[args.indexOf('--show-fails') + 1] ?? 0) || 0;
const config = loadConfig({ ...process.env, SLACK_BOT_TOKEN: undefined, DISCORD_TOKEN: undefined, STATE_URL: 'memory:' });
const brain = loadBrain(root);
const { core } = await createRunwise({ config, stateUrl: 'memory:', log: silentLogger(), brain });
const pct = (a: number, b: number) => (b ? `${((100 * a) / b).toFixed(1)}%` : 'n/a');

// answers.jsonl was written first; answers-2.jsonl later, blind to everything tuned since (see its commit).
const SETS = ['answers.jsonl', 'answers-2.jsonl'];
const cases = SETS.flatMap((name) => readAnswerSet(join(root, 'tests', 'eval', name)));
const judged: Judged[] = [];
for (const item of cases) {
  const reply = await core.handle({ text: item.text, conversationId: `eval:${item.id}`, userId: 'eval', platform: 'batch' });
  const text = plainText(reply);
  judged.push({ case: item, pass: judge(item, { intent: reply.intent, text }), intent: reply.intent, text });
}
const { byKind, byTopic } = summarise(judged);
console.log(`runwise eval: ${brain.knowledge.facts.length} facts, ${brain.knowledge.entries.size} entries\n`);
console.log(`Answers (tests/eval/${SETS.join(' + ')}, ${cases.length} messages)`);
for (const [kind, [pass, total]] of byKind) console.log(`  ${kind.padEnd(14)} ${String(pass).padStart(4)}/${String(total).padEnd(4)} ${pct(pass, total)}`);
const all = judged.filter((j) => j.pass).length;
console.log(`  ${'overall'.padEnd(14)} ${String(all).padStart(4)}/${String(judged.length).padEnd(4)} ${pct(all, judged.length)}`);
console.log('\n  per topic');
for (const [topic, [pass, total]] of [...byTopic].sort((a, b) => a[1][0] / a[1][1] - b[1][0] / b[1][1])) {
  console.log(`  ${topic.padEnd(26)} ${String(pass).padStart(3)}/${String(total).padEnd(3)} ${pct(pass, total)}`);
}
const failures = judged.filter((j) => !j.pass);
if (failures.length) console.log(`\n  failures (${failures.length}; first ${Math.min(showFails, failures.length)}, more with --show-fails N)`);
for (const f of failures.slice(0, showFails)) {
  console.log(`  - ${f.case.id} [${f.case.topic}] ${f.case.text}`);
  console.log(`    want ${f.case.expect_oos ? 'out_of_scope' : JSON.stringify(f.case.expect_any)}; got ${f.intent}: ${f.text.slice(0, 220).replace(/\s+/g, ' ')}`);
}

console.log('');
await evalDialogues();

const heldout = readFileSync(join(root, 'tests', 'eval', 'heldout.jsonl'), 'utf8')
  .split('\n')
  .filter((l) => l.trim() !== '')
  .map((l) => LabelledExampleSchema.parse(JSON.parse(l)));
const predictions: Prediction[] = heldout.map((e) => ({ expected: e.intent, predicted: brain.nlu.classify(e.text).intent }));
const metrics = computeMetrics(predictions);
console.log(`\nLabels (tests/eval/heldout.jsonl, ${heldout.length} messages): intent accuracy ${pct(metrics.accuracy * 1000, 1000)}, macro F1 ${pct(metrics.macroF1 * 1000, 1000)}`);
