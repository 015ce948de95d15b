import { splitText as splitOnBoundaries } from '../../core/text/split.js';

/** Discord rejects a message whose content is longer than this. */
export const MAX_MESSAGE_LENGTH = 2000;

/** Message-sized pieces: paragraphs, then lines, then words, then code points. */
export function splitText(text: string, max: number = MAX_MESSAGE_LENGTH): string[] {
  return splitOnBoundaries(text, max);
}
