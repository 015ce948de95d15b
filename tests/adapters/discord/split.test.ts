import { describe, expect, it } from 'vitest';
import { MAX_MESSAGE_LENGTH, splitText } from '../../../src/adapters/discord/split.js';

const words = (n: number, word = 'word') => Array.from({ length: n }, () => word).join(' ');

describe('splitText', () => {
  it('GIVEN short text THEN it stays one message', () => {
    expect(splitText('hello\n\nworld')).toEqual(['hello\n\nworld']);
  });

  it('GIVEN paragraphs over the limit THEN it splits between paragraphs, keeping order and every paragraph whole', () => {
    const paragraphs = Array.from({ length: 12 }, (_, i) => `P${i} ${words(60)}`);
    const pieces = splitText(paragraphs.join('\n\n'));
    expect(pieces.length).toBeGreaterThan(1);
    for (const piece of pieces) expect(piece.length).toBeLessThanOrEqual(MAX_MESSAGE_LENGTH);
    expect(pieces.join('\n\n')).toBe(paragraphs.join('\n\n'));
  });

  it('GIVEN one paragraph longer than the limit THEN it splits on lines, then on words', () => {
    const lines = Array.from({ length: 50 }, (_, i) => `- line ${i} ${words(10)}`).join('\n');
    const byLines = splitText(lines, 500);
    expect(byLines.every((p) => p.length <= 500)).toBe(true);
    expect(byLines.join('\n')).toBe(lines);

    const oneLine = words(1000);
    const byWords = splitText(oneLine, 300);
    expect(byWords.every((p) => p.length <= 300)).toBe(true);
    expect(byWords.join(' ')).toBe(oneLine);
  });

  it('GIVEN a single word longer than the limit THEN it is cut without splitting an emoji', () => {
    const long = '🙂'.repeat(30);
    const pieces = splitText(long, 7);
    expect(pieces.every((p) => p.length <= 7)).toBe(true);
    expect(pieces.join('')).toBe(long);
    expect(pieces.every((p) => !/[\uD800-\uDBFF]$/.test(p))).toBe(true);
  });

  it('GIVEN blank text THEN there is nothing to send', () => {
    expect(splitText('  \n\n ')).toEqual([]);
  });
});
