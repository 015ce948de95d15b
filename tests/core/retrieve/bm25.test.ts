import { describe, expect, it } from 'vitest';
import { buildIndex } from '../../../src/core/retrieve/bm25.js';

const docs = [
  { ask: 'how do i enable nested virtualization', answer: 'set the kvm module option nested to one and reload it' },
  { ask: 'what is a nested vm', answer: 'a vm running inside another vm, which needs hardware virtualization passed through' },
];

describe('the fact index', () => {
  it('GIVEN a sparse field THEN a word pair only that field of one document has is left out, its words and every other pair stay', () => {
    const full = buildIndex<'ask' | 'answer'>(docs, { ask: 2, answer: 0.7 });
    const lean = buildIndex<'ask' | 'answer'>(docs, { ask: 2, answer: 0.7 }, 'answer');
    // "modul_option" is in one answer only: left out; "nest_virtual" is in an ask: kept.
    expect(full.terms.has('modul_option')).toBe(true);
    expect(lean.terms.has('modul_option')).toBe(false);
    expect(lean.terms.has('nest_virtual')).toBe(true);
    // Every single word stays.
    for (const term of full.terms.keys()) if (!term.includes('_')) expect(lean.terms.has(term)).toBe(true);
    expect(lean.terms.size).toBeLessThan(full.terms.size);
  });
});
