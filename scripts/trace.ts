/**
 * npm run --silent trace -- "message" [...]: how the bot reads each message, step by step
 * (classifier, entities, the facts ranked with score, coverage and matched words, the fused decision),
 * so a wrong answer can be traced to the step that chose it. With no argument, reads lines from stdin.
 */
import { readFileSync } from 'node:fs';
import { loadBrain } from '../src/app.js';
import { read } from '../src/core/answer/read.js';
import { cleanInput } from '../src/core/text/clean.js';
import { loadConfig } from '../src/config.js';

const brain = loadBrain();
const threshold = loadConfig({ ...process.env, SLACK_BOT_TOKEN: undefined, DISCORD_TOKEN: undefined }).CONFIDENCE_THRESHOLD;
const texts = process.argv.length > 2 ? process.argv.slice(2) : readFileSync(0, 'utf8').split('\n').filter((l) => l.trim());
const json = process.env.TRACE_JSON === '1';
for (const raw of texts) {
  const text = cleanInput(raw).text;
  const nlu = brain.nlu.classify(text);
  const hits = brain.retriever.search({ text, entities: nlu.entities });
  const { reading, scope } = read({ kb: brain.knowledge, nlu: brain.nlu, retriever: brain.retriever, scope: brain.scope, threshold }, text, nlu);
  const top = hits.slice(0, 3).map((h) => ({ id: h.fact.id, score: +h.score.toFixed(2), coverage: +h.coverage.toFixed(2), matched: h.matched }));
  if (json) {
    process.stdout.write(`${JSON.stringify({ text: raw, intent: nlu.intent, confidence: +nlu.confidence.toFixed(3), known: nlu.known, entities: nlu.entities, scope, top, reading: reading.kind, facts: reading.kind === 'facts' ? reading.facts.map((f) => f.id) : [] })}\n`);
    continue;
  }
  console.log(`\n> ${raw}`);
  console.log(`  classifier ${nlu.intent} ${nlu.confidence.toFixed(3)} (known features ${nlu.known}); entities [${nlu.entities.join(', ')}]; anchor ${scope.anchor}, unknown words ${scope.unknown.toFixed(2)}`);
  for (const h of top) console.log(`  fact ${h.id.padEnd(40)} score ${String(h.score).padStart(6)} coverage ${h.coverage}  [${h.matched.join(' ')}]`);
  console.log(`  → ${reading.kind}${reading.kind === 'facts' ? ` ${reading.facts.map((f) => f.id).join(' + ')}` : reading.kind === 'intent' || reading.kind === 'topic' ? ` ${reading.intent}` : ''}`);
}
