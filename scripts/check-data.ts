/** npm run check:data: validates every data file (knowledge, facts, sources, intents, flows) and prints counts. */
import { join } from 'node:path';
import { loadKnowledge } from '../src/core/knowledge/load.js';
import { loadIntents } from '../src/core/nlu/load.js';
import { projectRoot } from '../src/paths.js';

const root = projectRoot();
try {
  const knowledge = loadKnowledge(join(root, 'data'));
  const intents = loadIntents(join(root, 'intents'));
  const byFile = new Map<string, number>();
  for (const fact of knowledge.facts) byFile.set(fact.topic, (byFile.get(fact.topic) ?? 0) + 1);
  process.stdout.write(
    `data ok: ${knowledge.entries.size} entries, ${knowledge.facts.length} facts, ${knowledge.sources.size} sources, ${intents.length} intents\n` +
      [...byFile].sort().map(([t, n]) => `  ${t.padEnd(26)} ${n}`).join('\n') +
      '\n',
  );
} catch (error) {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
}
