import { describe, expect, it } from 'vitest';
import { createExpander } from '../../../src/core/retrieve/synonyms.js';

describe('synonyms at query time', () => {
  const expand = createExpander([
    ['come out', 'released', 'launched'],
    ['ram', 'memory'],
  ]);

  it('GIVEN a phrase made only of stop words THEN still finds its synonyms', () => {
    expect(expand('when did docker come out?')).toEqual(expect.arrayContaining(['releas', 'launch']));
  });

  it('GIVEN one word of a group THEN adds the others, not itself', () => {
    const added = expand('how much ram does a vm need');
    expect(added).toContain('memori');
    expect(added).not.toContain('ram');
  });

  it('GIVEN words in no group, or half a phrase THEN adds nothing', () => {
    expect(expand('what is kvm')).toEqual([]);
    expect(expand('come back later')).toEqual([]);
  });
});
