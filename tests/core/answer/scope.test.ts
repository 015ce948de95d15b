import { describe, expect, it } from 'vitest';
import { reportsTrouble, scopeSignals, type ScopeLexicon } from '../../../src/core/answer/scope.js';
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

describe('rare jargon', () => {
  const lexicon: ScopeLexicon = { ordinaryNames: new Set(), domainWords: new Set(['kubelet']), rareWords: new Set(['kured', 'zsh']), otherSenses: [], troubleWords: [], generalStems: new Set()};
  const retriever = { knows: () => true, knowsWell: () => true };
  const none = { mentions: [] };

  it('GIVEN a word only one fact uses ("what is kured") THEN a weak anchor, enough to pick that fact by; the domain\'s common jargon stays a strong one', () => {
    const rare = scopeSignals('what is kured', none, retriever, lexicon);
    expect(rare.anchor).toBe('weak');
    expect(rare.rareJargon).toBe(true);
    expect(scopeSignals('kubelet keeps restarting', none, retriever, lexicon).anchor).toBe('strong');
    expect(scopeSignals('how do i bake bread', none, retriever, lexicon).anchor).toBe('none');
  });
});


describe('names typed with a typo', () => {
  const lexicon: ScopeLexicon = { ordinaryNames: new Set(['container']), domainWords: new Set(), otherSenses: [], troubleWords: [], generalStems: new Set()};
  const retriever = { knows: (w: string) => w !== 'harbour', knowsWell: (w: string) => w !== 'harbour' };

  it('GIVEN a word one letter away from a name ("docked" for Docker) THEN only a weak anchor: it may be an English word; the name spelled right stays a strong one', () => {
    const docked = scopeSignals('the ferry docked in the harbour', { mentions: [{ id: 'docker', text: 'docked', fuzzy: true }] }, retriever, lexicon);
    expect(docked.anchor).toBe('weak');
    const docker = scopeSignals('docker keeps restarting', { mentions: [{ id: 'docker', text: 'docker', fuzzy: false }] }, retriever, lexicon);
    expect(docker.anchor).toBe('strong');
  });
});
