import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The project root (where data/ and intents/ live), both from src/ under vitest and from dist/src/ when built. */
export function projectRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 5; i++) {
    if (existsSync(join(dir, 'data', 'messages.json'))) return dir;
    dir = dirname(dir);
  }
  throw new Error('cannot find the runwise project root (a folder with data/messages.json)');
}
