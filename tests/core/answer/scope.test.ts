import { describe, expect, it } from 'vitest';
import { reportsTrouble } from '../../../src/core/answer/scope.js';
import { tokenize } from '../../../src/core/nlu/tokenize.js';

const lexicon = { troubleWords: ['weird', 'slow', 'not working', 'issues'].map((p) => tokenize(p)) };

describe('a message that reports trouble', () => {
  it('GIVEN a trouble word ("the vm is slow", "something weird") THEN it reports trouble', () => {
    expect(reportsTrouble('the vm is slow since the upgrade', lexicon)).toBe(true);
    expect(reportsTrouble('something weird with my container network', lexicon)).toBe(true);
  });

  it('GIVEN trouble denied ("linux only, nothing weird", "no issues so far") THEN it does not: it describes a workload', () => {
    expect(reportsTrouble('30 microservices on linux, nothing weird', lexicon)).toBe(false);
    expect(reportsTrouble('runs fine, no issues so far', lexicon)).toBe(false);
  });
});
