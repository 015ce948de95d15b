import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { RunwiseError } from '../errors.js';

/** Reads and validates one JSON data file; errors name the file and each bad field. */
export function readDataFile<S extends z.ZodType>(path: string, schema: S): z.infer<S> {
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    const why = error instanceof Error ? error.message : String(error);
    throw new RunwiseError('data_invalid', `${path}: cannot read JSON (${why})`, { cause: error });
  }
  const parsed = schema.safeParse(raw);
  if (!parsed.success) {
    const fields = parsed.error.issues.map((i) => `  - ${i.path.join('.') || '(root)'}: ${i.message}`);
    throw new RunwiseError('data_invalid', `${path}: invalid data\n${fields.join('\n')}`);
  }
  return parsed.data;
}
