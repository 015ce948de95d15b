import { describe, expect, it } from 'vitest';
import { rememberStems, stem, stemsSoFar } from '../../../src/core/nlu/tokenize.js';

describe('stems kept between starts', () => {
  it('GIVEN words stemmed in this process THEN they are listed to keep, with their stems', () => {
    stem('hypervisors');
    expect(stemsSoFar()).toContainEqual(['hypervisors', 'hypervisor']);
  });

  it('GIVEN stems kept by an earlier start THEN stem() answers from them; a word already stemmed keeps its stem', () => {
    rememberStems([['qwzxcontainers', 'qwzxcontain'], ['hypervisors', 'not-this']]);
    expect(stem('qwzxcontainers')).toBe('qwzxcontain');
    expect(stem('hypervisors')).toBe('hypervisor');
  });
});
