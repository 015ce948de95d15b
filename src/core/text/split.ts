/**
 * Splits text into pieces of at most `max` characters, preferring paragraph boundaries, then line
 * breaks, then spaces; `hardCut` cuts a single word longer than `max` (adapters pass one that
 * respects their escaping). Pieces are trimmed and blank ones dropped.
 */
export function splitText(text: string, max: number, hardCut: (text: string, max: number) => string[] = cutOnCodePoints): string[] {
  if (max < 1) throw new RangeError('max must be at least 1');
  const trimmed = text.trim();
  if (trimmed.length === 0) return [];
  return splitOn(trimmed, max, ['\n\n', '\n', ' '], hardCut)
    .map((p) => p.trim())
    .filter((p) => p.length > 0);
}

function splitOn(text: string, max: number, separators: string[], hardCut: (text: string, max: number) => string[]): string[] {
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
      const finerPieces = splitOn(part, max, finer, hardCut);
      current = finerPieces.pop() ?? '';
      pieces.push(...finerPieces);
    }
  }
  if (current.length > 0) pieces.push(current);
  return pieces;
}

/** Cuts on code points, so an emoji or other astral character is never split in half. */
export function cutOnCodePoints(text: string, max: number): string[] {
  const pieces: string[] = [];
  let current = '';
  for (const ch of text) {
    if (current.length + ch.length > max) {
      pieces.push(current);
      current = '';
    }
    current += ch;
  }
  if (current.length > 0) pieces.push(current);
  return pieces;
}
