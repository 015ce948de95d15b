/** Run by `npm run bench` in a fresh process: a bot's resident memory after start-up and 5,000 turns. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createRunwise } from '../src/app.js';
import { loadConfig } from '../src/config.js';
import { silentLogger } from '../src/log.js';
import { projectRoot } from '../src/paths.js';

const texts = readFileSync(join(projectRoot(), 'tests', 'eval', 'heldout.jsonl'), 'utf8')
  .split('\n')
  .filter((l) => l.trim())
  .map((l) => (JSON.parse(l) as { text: string }).text);
const runwise = await createRunwise({ config: loadConfig({ STATE_URL: 'memory:' }), log: silentLogger() });
for (let i = 0; i < 5000; i++) {
  await runwise.core.handle({ text: texts[i % texts.length]!, conversationId: `probe:${i % 200}`, userId: 'probe', platform: 'cli' });
}
await runwise.close();
process.stdout.write(`${JSON.stringify({ rss: process.memoryUsage().rss, maxRss: process.resourceUsage().maxRSS * 1024 })}\n`);
