import { boundText } from './text/bound.js';
import type { Choice, Reply } from './types.js';

/** A small-talk or status reply (greeting, cancelled, tour done…), kept within the reply length bound. */
export function notice(intent: string, text: string, choices: Choice[] = [], confidence = 1): Reply {
  return { kind: 'notice', intent, confidence, text: boundText(text), choices, sources: [] };
}
