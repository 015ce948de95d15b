import { mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadKnowledge } from '../../../src/core/knowledge/load.js';
import { createNlu } from '../../../src/core/nlu/index.js';
import { loadIntents } from '../../../src/core/nlu/load.js';
import { projectRoot } from '../../../src/paths.js';

const root = projectRoot();
const knowledge = loadKnowledge(join(root, 'data'));
const intents = loadIntents(join(root, 'intents'));
const probes = ['what is kvm', 'docker vs podman', 'podmn?', 'help me choose for our billing app', 'how do gpus work in containers', 'tell me a joke'];
const answers = (nlu: ReturnType<typeof createNlu>) => probes.map((p) => nlu.classify(p));

describe('trained model cache', () => {
  it('GIVEN a second start with the same data THEN loads the model instead of training, with identical answers', () => {
    const dir = mkdtempSync(join(tmpdir(), 'runwise-model-'));
    const first = createNlu(intents, knowledge.techs, { cacheDir: dir });
    const second = createNlu(intents, knowledge.techs, { cacheDir: dir });
    expect(first.fromCache).toBe(false);
    expect(second.fromCache).toBe(true);
    expect(answers(second)).toEqual(answers(first));
  });

  it('GIVEN changed training data THEN does not reuse the old model, and keeps at most two model files', () => {
    const dir = mkdtempSync(join(tmpdir(), 'runwise-model-'));
    createNlu(intents, knowledge.techs, { cacheDir: dir });
    const changed = intents.map((f) => (f.intent === 'greeting' ? { ...f, examples: [...f.examples, 'ahoy there runwise'] } : f));
    const retrained = createNlu(changed, knowledge.techs, { cacheDir: dir });
    expect(retrained.fromCache).toBe(false);
    expect(retrained.classify('ahoy there runwise').intent).toBe('greeting');
    const again = intents.map((f) => (f.intent === 'greeting' ? { ...f, examples: [...f.examples, 'ahoy there runwise', 'yo runwise'] } : f));
    createNlu(again, knowledge.techs, { cacheDir: dir });
    expect(readdirSync(dir).filter((f) => f.startsWith('nlu-model-')).length).toBeLessThanOrEqual(2);
  });

  it('GIVEN a corrupted model file THEN trains again and still answers correctly', () => {
    const dir = mkdtempSync(join(tmpdir(), 'runwise-model-'));
    const trained = createNlu(intents, knowledge.techs, { cacheDir: dir });
    for (const file of readdirSync(dir)) writeFileSync(join(dir, file), '{"key": "broken"');
    const again = createNlu(intents, knowledge.techs, { cacheDir: dir });
    expect(again.fromCache).toBe(false);
    expect(answers(again)).toEqual(answers(trained));
  });
});
