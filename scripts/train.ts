/**
 * npm run train (also run by `npm ci` through `prepare`): validates every data file, trains the classifier
 * and builds the fact index and the jargon list, leaving them in .cache/ so the first start is as fast as any.
 */
import { loadBrain } from '../src/app.js';
import { projectRoot } from '../src/paths.js';

const started = process.hrtime.bigint();
const brain = loadBrain(projectRoot());
const ms = Number(process.hrtime.bigint() - started) / 1e6;
process.stdout.write(
  `runwise: ${'fromCache' in brain.nlu && brain.nlu.fromCache ? 'model already up to date' : 'trained'}: ${brain.nlu.intents.length} intents, ${brain.knowledge.entries.size} knowledge entries, ${brain.knowledge.facts.length} facts indexed (${ms.toFixed(0)} ms)\n`,
);
