import { readdirSync } from 'node:fs';
import { basename, join } from 'node:path';
import { RunwiseError } from '../../errors.js';
import { readDataFile } from '../data-file.js';
import { IntentFileSchema, type IntentFile } from './schema.js';

/** Every intents/<intent>.json, validated; the file name must match its `intent`. */
export function loadIntents(dir: string): IntentFile[] {
  const files = readdirSync(dir).filter((f) => f.endsWith('.json')).sort();
  if (files.length === 0) throw new RunwiseError('data_invalid', `${dir}: no intent files (*.json)`);
  return files.map((file) => {
    const path = join(dir, file);
    const intent = readDataFile(path, IntentFileSchema);
    if (intent.intent !== basename(file, '.json')) {
      throw new RunwiseError('data_invalid', `${path}: intent: "${intent.intent}" must match the file name "${basename(file, '.json')}"`);
    }
    return intent;
  });
}
