import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { writeCacheFile } from '../cache.js';
import type { NbModel } from './classifier.js';

/** Everything training derives from the data, so a later start can skip training. */
export interface NluModel {
  nb: NbModel;
  commonWords: string[];
  verbatim: [string, string | null][];
}

interface CachedFile {
  key: string;
  labels: string[];
  features: string[];
  unseen: number[];
  /** Sparse weights: flat indices of the non-zero cells and their values. */
  cells: number[];
  values: number[];
  commonWords: string[];
  verbatim: [string, string | null][];
}

// The features depend on this folder's code as much as on the data: any change to it makes a new key.
const CODE_FILES = ['tokenize', 'entities', 'features', 'classifier', 'index', 'model-cache'];

function codeFingerprint(): string {
  const here = dirname(fileURLToPath(import.meta.url));
  const extension = import.meta.url.endsWith('.ts') ? '.ts' : '.js';
  const hash = createHash('sha256');
  for (const name of CODE_FILES) hash.update(readFileSync(join(here, `${name}${extension}`)));
  return hash.digest('hex');
}

/** A key over the training data, the entity names and the code that turns them into features. */
export function modelKey(parts: unknown): string {
  return createHash('sha256').update(codeFingerprint()).update(JSON.stringify(parts)).digest('hex').slice(0, 24);
}

const fileName = (key: string) => `nlu-model-${key}.json`;

export function readModel(dir: string, key: string): NluModel | undefined {
  let cached: CachedFile;
  try {
    cached = JSON.parse(readFileSync(join(dir, fileName(key)), 'utf8')) as CachedFile;
  } catch {
    return undefined; // absent or unreadable: train instead
  }
  if (cached.key !== key || cached.cells.length !== cached.values.length) return undefined;
  const weights = new Float64Array(cached.features.length * cached.labels.length);
  for (let i = 0; i < cached.cells.length; i++) {
    const cell = cached.cells[i]!;
    if (cell < 0 || cell >= weights.length) return undefined;
    weights[cell] = cached.values[i]!;
  }
  return {
    nb: { labels: cached.labels, features: cached.features, unseen: cached.unseen, weights },
    commonWords: cached.commonWords,
    verbatim: cached.verbatim,
  };
}

/** Best effort: a read-only install just trains at every start. Written atomically; older models are removed. */
export function writeModel(dir: string, key: string, model: NluModel): boolean {
  const cells: number[] = [];
  const values: number[] = [];
  model.nb.weights.forEach((value, cell) => {
    if (value !== 0) {
      cells.push(cell);
      values.push(value);
    }
  });
  const { labels, features, unseen } = model.nb;
  const file: CachedFile = { key, labels, features, unseen, cells, values, commonWords: model.commonWords, verbatim: model.verbatim };
  return writeCacheFile(dir, 'nlu-model-', fileName(key), file);
}
