/** npm run train: validates every data file and trains the classifier, leaving the model in .cache/ for fast starts. */
import { join } from 'node:path';
import { loadKnowledge } from '../src/core/knowledge/load.js';
import { createNlu } from '../src/core/nlu/index.js';
import { loadIntents } from '../src/core/nlu/load.js';
import { projectRoot } from '../src/paths.js';

const root = projectRoot();
const started = process.hrtime.bigint();
const knowledge = loadKnowledge(join(root, 'data'));
const intents = loadIntents(join(root, 'intents'));
const nlu = createNlu(intents, knowledge.techs, { cacheDir: join(root, '.cache') });
const ms = Number(process.hrtime.bigint() - started) / 1e6;
const examples = intents.reduce((n, f) => n + f.examples.length, 0);
process.stdout.write(
  `runwise: ${nlu.fromCache ? 'model already up to date' : 'trained'}: ${nlu.intents.length} intents, ${examples} examples, ${knowledge.entries.size} knowledge entries (${ms.toFixed(0)} ms)\n`,
);
