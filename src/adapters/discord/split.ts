/** Discord rejects a message whose content is longer than this. */
export const MAX_MESSAGE_LENGTH = 2000;

/**
 * Splits text into pieces of at most `max` characters, preferring paragraph boundaries, then line
 * breaks, then spaces, and cutting inside a word only when a single word is longer than `max`.
 * Joining the pieces with the separators they were split on gives back the text (minus trimmed blanks).
 */
export function splitText(text: string, max: number = MAX_MESSAGE_LENGTH): string[] {
  if (max < 1) throw new RangeError('max must be at least 1');
  const trimmed = text.trim();
  if (trimmed.length === 0) return [];
  return splitOn(trimmed, max, ['\n\n', '\n', ' ']);
}

function splitOn(text: string, max: number, separators: string[]): string[] {
  if (text.length <= max) return [text];
  const [separator, ...finer] = separators;
  if (separator === undefined) return hardCut(text, max);

  const pieces: string[] = [];
  let current = '';
  for (const part of text.split(separator)) {
    if (part.trim().length === 0) continue;
    const candidate = current.length === 0 ? part : current + separator + part;
    if (candidate.length <= max) {
      current = candidate;
      continue;
    }
    if (current.length > 0) pieces.push(current);
    if (part.length <= max) {
      current = part;
    } else {
      // Too long even alone: split it on a finer boundary; its last piece may still take more parts.
      const finerPieces = splitOn(part, max, finer);
      current = finerPieces.pop() ?? '';
      pieces.push(...finerPieces);
    }
  }
  if (current.length > 0) pieces.push(current);
  return pieces.map((p) => p.trim()).filter((p) => p.length > 0);
}

function hardCut(text: string, max: number): string[] {
  const pieces: string[] = [];
  // Cut on code points so an emoji or other astral character is never split in half.
  const chars = Array.from(text);
  let current = '';
  for (const ch of chars) {
    if (current.length + ch.length > max) {
      pieces.push(current);
      current = '';
    }
    current += ch;
  }
  if (current.length > 0) pieces.push(current);
  return pieces;
}
