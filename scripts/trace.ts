/**
 * npm run --silent trace -- "message" [...]: how the bot reads each message, step by step
 * (classifier, entities, the facts ranked with score, coverage and matched words, the fused decision),
 * so a wrong answer can be traced to the step that chose it. With no argument, reads lines from stdin.
 */
import { readFileSync } from 'node:fs';
import { createRunwise, loadBrain } from '../src/app.js';
import { silentLogger } from '../src/log.js';
import { plainText } from '../src/adapters/cli/render.js';
import { personalOnlyIfSaidSo, read } from '../src/core/answer/read.js';
import { cleanInput } from '../src/core/text/clean.js';
import { loadConfig } from '../src/config.js';

const brain = loadBrain();
const config = loadConfig({ ...process.env, SLACK_BOT_TOKEN: undefined, DISCORD_TOKEN: undefined, STATE_URL: 'memory:' });
const threshold = config.CONFIDENCE_THRESHOLD;
// The reply a user would see on a fresh conversation: the dialogue can take a message the reading alone would answer.
const { core } = await createRunwise({ config, stateUrl: 'memory:', log: silentLogger(), brain });
let turn = 0;
const texts = process.argv.length > 2 ? process.argv.slice(2) : readFileSync(0, 'utf8').split('\n').filter((l) => l.trim());
const json = process.env.TRACE_JSON === '1';
for (const raw of texts) {
  const text = cleanInput(raw).text;
  const nlu = personalOnlyIfSaidSo(brain.nlu, text, brain.nlu.classify(text));
  const { reading, scope, hits } = read({ kb: brain.knowledge, nlu: brain.nlu, retriever: brain.retriever, scope: brain.scope, forms: brain.forms, threshold }, text, nlu);
  const reply = await core.handle({ text: raw, conversationId: `trace:${turn++}`, userId: 'trace', platform: 'batch' });
  const replyText = plainText(reply).replace(/\s+/g, ' ').slice(0, 400);
  const top = hits.slice(0, 3).map((h) => ({ id: h.fact.id, score: +h.score.toFixed(2), coverage: +h.coverage.toFixed(2), matched: h.matched }));
  if (json) {
    process.stdout.write(`${JSON.stringify({ text: raw, intent: nlu.intent, confidence: +nlu.confidence.toFixed(3), known: nlu.known, entities: nlu.entities, scope, top, reading: reading.kind, facts: reading.kind === 'facts' ? reading.facts.map((f) => f.id) : [], reply: { intent: reply.intent, text: replyText } })}\n`);
    continue;
  }
  console.log(`\n> ${raw}`);
  console.log(`  classifier ${nlu.intent} ${nlu.confidence.toFixed(3)} (known features ${nlu.known}); entities [${nlu.entities.join(', ')}]; anchor ${scope.anchor}, unknown words ${scope.unknown.toFixed(2)}`);
  for (const h of top) console.log(`  fact ${h.id.padEnd(40)} score ${String(h.score).padStart(6)} coverage ${h.coverage}  [${h.matched.join(' ')}]`);
  console.log(`  reply (${reply.intent}): ${replyText}`);
  console.log(`  → ${reading.kind}${reading.kind === 'facts' ? ` ${reading.facts.map((f) => f.id).join(' + ')}` : reading.kind === 'intent' || reading.kind === 'topic' ? ` ${reading.intent}` : ''}`);
}
