import { describe, expect, it } from 'vitest';
import { findJargon } from '../../../src/core/answer/jargon.js';

// A stand-in English lexicon: the words a dictionary would know.
const english = new Set(['what', 'is', 'the', 'a', 'recipe', 'for', 'bread', 'how', 'do', 'i', 'start', 'kind']);
const isEnglish = (w: string) => english.has(w);

describe('the domain\'s jargon', () => {
  it('GIVEN words the knowledge uses twice that no dictionary knows THEN they are jargon', () => {
    const jargon = findJargon(['what is the kubelet', 'how do i start the kubelet', 'qcow2 vs raw', 'qcow2 snapshots'], [], isEnglish);
    expect(jargon).toEqual(expect.arrayContaining(['kubelet', 'qcow2']));
  });

  it('GIVEN chat filler the facts\' phrasings use as people type ("pls", "thx") THEN it is not jargon, so "a recipe for bread pls" names nothing of the domain', () => {
    const jargon = findJargon(['kubelet logs pls', 'how do i start the kubelet pls', 'thx what is kubelet', 'thx'], [], isEnglish);
    expect(jargon).toContain('kubelet');
    expect(jargon).not.toContain('pls');
    expect(jargon).not.toContain('thx');
  });

  it('GIVEN a negation as the tokenizer splits it ("isn" of "isn\'t") THEN it is not jargon, so "my sourdough starter isn\'t rising" names nothing of the domain', () => {
    const jargon = findJargon(["the kubelet isn't ready", "why isn't the kubelet starting", 'kubelet logs'], [], isEnglish);
    expect(jargon).toContain('kubelet');
    expect(jargon).not.toContain('isn');
  });

  it('GIVEN a word the off-topic examples use THEN it is not jargon', () => {
    expect(findJargon(['kubelet kubelet'], ['my kubelet recipe'], isEnglish)).not.toContain('kubelet');
  });

  it('GIVEN a word only one fact uses, however often ("zsh" twice in one fact) THEN it is not jargon but rare jargon: it takes two facts', () => {
    const texts = ['kubectl completion zsh\nzsh autocomplete for kubectl', 'kubelet logs\nkubelet restart', 'what is the kubelet'];
    expect(findJargon(texts, [], isEnglish)).toEqual(['kubelet']);
    expect(findJargon(texts, [], isEnglish, 1)).toContain('zsh');
  });
});
