import { describe, expect, it } from 'vitest';
import { fuse, inScope } from '../../../src/core/answer/fuse.js';
import { scopeSignals, type ScopeLexicon } from '../../../src/core/answer/scope.js';
import type { NluResult } from '../../../src/core/nlu/index.js';
import { createRetriever } from '../../../src/core/retrieve/index.js';
import { fixtureKnowledge } from '../retrieve/fixture.js';

// The sizing words are used by two facts here, so they are the domain's words, not one fact's passing remark.
const base = fixtureKnowledge();
const sizingDefaults = { ...base.facts.find((f) => f.id === 'kvm-sizing')!, id: 'kvm-sizing-defaults', ask: ['default guest sizing from monitoring'], answer: 'Size a guest by default from what monitoring shows.' };
const kb = { ...base, facts: [...base.facts, sizingDefaults] };
const retriever = createRetriever(kb);
const lexicon: ScopeLexicon = { ordinaryNames: new Set(['container', 'containers', 'pod']), domainWords: new Set(['vcpu']), otherSenses: [['ship', 'contain']], troubleWords: [], generalStems: new Set(['contain', 'pod', 'daemon', 'root'])};
const isProduct = (id: string) => ['docker', 'podman', 'kvm'].includes(id);
const nlu = (intent: string, confidence: number, mentions: { id: string; text: string }[] = []): NluResult => ({
  intent,
  confidence,
  ranking: [{ intent, confidence }],
  entities: [...new Set(mentions.map((m) => m.id))],
  mentions: mentions.map((m) => ({ ...m, fuzzy: false })),
  known: 5,
});
function readOf(text: string, result: NluResult) {
  const hits = retriever.search({ text, entities: result.entities });
  return fuse(result, hits, retriever, scopeSignals(text, result, retriever, lexicon), { threshold: 0.45, adviceOnly: false, isProduct, neighbours: () => false, bareQuestion: false, topicOf: () => undefined });
}

describe('fusing the classifier with the fact ranking', () => {
  it('GIVEN a question a fact answers THEN leads with the fact, whatever topic the classifier picked', () => {
    const reading = readOf('is podman rootless by default?', nlu('license', 0.6, [{ id: 'podman', text: 'podman' }]));
    expect(reading.kind).toBe('facts');
    if (reading.kind === 'facts') expect(reading.facts[0]!.id).toBe('podman-rootless');
  });

  it('GIVEN two products on one side of the "vs" ("rootless podman with docker compose vs bare metal") THEN the fact that fits, not the two products side by side', () => {
    const text = 'rootless podman with docker compose vs bare metal';
    const result = nlu('compare', 0.9, [{ id: 'podman', text: 'podman' }, { id: 'docker', text: 'docker' }]);
    const read = (comparesNamed: boolean) =>
      fuse(result, retriever.search({ text, entities: result.entities }), retriever, scopeSignals(text, result, retriever, lexicon), { threshold: 0.45, adviceOnly: false, isProduct, neighbours: () => false, bareQuestion: false, topicOf: () => undefined, comparesNamed });
    expect(read(true)).toMatchObject({ kind: 'intent', intent: 'compare' });
    expect(read(false).kind).toBe('facts');
  });

  it('GIVEN a message that shares only ordinary words with the domain THEN it is out of scope', () => {
    const reading = readOf('what vegetables grow in a container garden on my balcony', nlu('storage_volumes', 0.7, [{ id: 'container', text: 'container' }]));
    expect(reading.kind).toBe('out_of_scope');
  });

  it('GIVEN a phrase that uses the ordinary sense THEN it is out of scope even with known words', () => {
    const reading = readOf('how fast do shipping containers start', nlu('startup_time', 0.9, [{ id: 'container', text: 'container' }]));
    expect(reading.kind).toBe('out_of_scope');
  });

  it('GIVEN the same ordinary word in a domain question THEN it is in scope', () => {
    const reading = readOf('how fast does a container start', nlu('startup_time', 0.9, [{ id: 'container', text: 'container' }]));
    expect(reading.kind).toBe('facts');
  });

  it('GIVEN only known words and a fact that covers them THEN in scope, even when the classifier guesses off-topic', () => {
    const reading = readOf('how fast do containers start up', nlu('out_of_scope', 0.8, [{ id: 'container', text: 'containers' }]));
    expect(reading.kind).toBe('facts');
  });

  it('GIVEN no name at all but every word known and one fact answering all of them THEN in scope, unless the classifier is all but certain it is off-topic', () => {
    expect(readOf('guest sizing from monitoring', nlu('out_of_scope', 0.9)).kind).toBe('facts');
    expect(readOf('guest sizing from monitoring', nlu('out_of_scope', 0.995)).kind).toBe('out_of_scope');
  });

  it('GIVEN a message that names nothing and whose words only one fact uses in passing ("what is a subnet mask") THEN out of scope, however well that fact covers it; once two facts use them, in scope', () => {
    const passing = { ...base.facts.find((f) => f.id === 'docker-daemon')!, id: 'docker-bridge-range', ask: ['docker bridge address range'], answer: 'Docker picks each bridge network from its default pools, a subnet mask of /16 each.' };
    const again = { ...passing, id: 'docker-pool-change', ask: ['change docker address pools'], answer: 'Set default-address-pools in daemon.json; each pool gives a base and a subnet mask size.' };
    const readWith = (facts: typeof kb.facts) => {
      const r = createRetriever({ ...kb, facts });
      const result = nlu('define', 0.93);
      return fuse(result, r.search({ text: 'what is a subnet mask', entities: [] }), r, scopeSignals('what is a subnet mask', result, r, lexicon), { threshold: 0.45, adviceOnly: false, isProduct, neighbours: () => false, bareQuestion: false, topicOf: () => undefined }).kind;
    };
    expect(readWith([...kb.facts, passing])).toBe('out_of_scope');
    expect(readWith([...kb.facts, passing, again])).toBe('facts');
  });

  it('GIVEN a longer message that names nothing, every word known, and one fact answering it closely (a pasted error) THEN in scope, unless the classifier says it is off-topic', () => {
    const top = { fact: kb.facts[0]!, score: 200, coverage: 0.88, coverageOfMessage: 0.88, matched: [], defines: false };
    const signals = (words: number) => ({ anchor: 'none' as const, unknown: 0, words, otherSense: false, general: new Set<string>() });
    expect(inScope(nlu('out_of_scope', 0.4), signals(7), top, 0.45)).toBe(true);
    expect(inScope(nlu('out_of_scope', 0.6), signals(7), top, 0.45)).toBe(false);
    expect(inScope(nlu('out_of_scope', 0.4), signals(3), top, 0.45)).toBe(false);
    expect(inScope(nlu('out_of_scope', 0.4), signals(7), { ...top, coverage: 0.7 }, 0.45)).toBe(false);
  });

  it('GIVEN an ordinary-word name ("container"), every word known, and a fact answering about half of it THEN in scope, whatever the classifier guesses', () => {
    const top = { fact: kb.facts[0]!, score: 80, coverage: 0.5, coverageOfMessage: 0.5, matched: [], defines: false };
    const weak = { anchor: 'weak' as const, unknown: 0, words: 10, otherSense: false, general: new Set<string>() };
    expect(inScope(nlu('out_of_scope', 0.8), weak, top, 0.45)).toBe(true);
    expect(inScope(nlu('out_of_scope', 0.8), weak, { ...top, coverage: 0.4 }, 0.45)).toBe(false);
    expect(inScope(nlu('out_of_scope', 0.8), { ...weak, unknown: 0.1 }, top, 0.45)).toBe(false);
  });

  it('GIVEN an ordinary-word name ("helm") in a message the knowledge has most words of but no fact fits ("at the helm in 25 knot winds") THEN out of scope, unless the classifier is sure of a domain topic', () => {
    const top = { fact: kb.facts[0]!, score: 40, coverage: 0.17, coverageOfMessage: 0.17, matched: [], defines: false };
    const weak = { anchor: 'weak' as const, unknown: 0.14, words: 7, otherSense: false, general: new Set<string>() };
    expect(inScope(nlu('orchestration', 0.26), weak, top, 0.45)).toBe(false);
    expect(inScope(nlu('orchestration', 0.9), weak, top, 0.45)).toBe(true);
    expect(inScope(nlu('orchestration', 0.26), weak, { ...top, coverage: 0.4 }, 0.45)).toBe(true);
  });

  it('GIVEN a name used in another sense among some foreign words, and a classifier sure it is off-topic THEN out of scope', () => {
    // Only 2 of its 10 content words ("strike", "port") are unknown to the fixture's facts: with a classifier sure
    // it is off-topic, enough to outweigh "docker".
    const reading = readOf('docker on strike at the port, so no container starts fast and the daemon needs root', nlu('out_of_scope', 0.95, [{ id: 'docker', text: 'docker' }]));
    expect(reading.kind).toBe('out_of_scope');
  });

  it('GIVEN a name next to a phrase of another sense ("rancher the tv show", "named my cat docker") and a classifier that reads it as off-topic THEN out of scope, every word known or not, however unsure; not so when it reads a domain topic', () => {
    const top = { fact: kb.facts[0]!, score: 200, coverage: 1, coverageOfMessage: 1, matched: [], defines: false };
    const strong = { anchor: 'strong' as const, unknown: 0, words: 6, otherSense: true, general: new Set<string>() };
    expect(inScope(nlu('out_of_scope', 0.92), strong, top, 0.45)).toBe(false);
    expect(inScope(nlu('out_of_scope', 0.3), strong, top, 0.45)).toBe(false);
    expect(inScope(nlu('define', 0.6), strong, top, 0.45)).toBe(true);
    expect(inScope(nlu('out_of_scope', 0.92), { ...strong, otherSense: false }, top, 0.45)).toBe(true);
  });

  it('GIVEN a name in a request no fact answers ("a joke about podman") and a classifier leaning off-topic THEN out of scope; the name alone among foreign words is not enough', () => {
    const withRequests: ScopeLexicon = { ...lexicon, offTopicStems: new Set(['joke']) };
    const read = (text: string, result: NluResult) =>
      fuse(result, retriever.search({ text, entities: result.entities }), retriever, scopeSignals(text, result, retriever, withRequests), { threshold: 0.45, adviceOnly: false, isProduct, neighbours: () => false, bareQuestion: false, topicOf: () => undefined });
    const podman = [{ id: 'podman', text: 'podman' }];
    expect(read('tell me a joke about podman rootless', nlu('out_of_scope', 0.6, podman)).kind).toBe('out_of_scope');
    expect(read('is podman rootless on my elitebook', nlu('out_of_scope', 0.85, podman)).kind).not.toBe('out_of_scope');
  });

  it('GIVEN a sure request for advice that names nothing and matches a fact mostly by general words THEN out of scope', () => {
    // "daemon", "root" and "container" are this lexicon's general words: the choice is about something else.
    expect(readOf('daemon or root for the container', nlu('recommend_start', 0.9)).kind).toBe('out_of_scope');
    expect(readOf('size the guest from monitoring or by default', nlu('recommend_start', 0.9)).kind).not.toBe('out_of_scope');
  });

  it('GIVEN a name inside a phrase of its other sense ("ship container") THEN it anchors nothing, even a name that is no ordinary word', () => {
    const kvmShip = { ...lexicon, otherSenses: [...lexicon.otherSenses, ['kvm', 'ship']] };
    const result = nlu('startup_time', 0.9, [{ id: 'kvm', text: 'kvm' }]);
    expect(scopeSignals('the kvm ship left the port', result, retriever, kvmShip).anchor).toBe('none');
    expect(scopeSignals('the kvm host left the cluster', result, retriever, kvmShip).anchor).toBe('strong');
  });

  it('GIVEN a domain name that is not an ordinary word THEN the message is in scope even with foreign words', () => {
    const result = nlu('define', 0.3, [{ id: 'kvm', text: 'kvm' }]);
    expect(inScope(result, scopeSignals('kvm on my grandmas laptop', result, retriever, lexicon), undefined, 0.45)).toBe(true);
  });

  it('GIVEN no fact fits but the classifier is sure of the topic THEN gives the topic card, saying so', () => {
    const reading = readOf('how do vm snapshots affect vcpu scheduling', nlu('performance_overhead', 0.95));
    expect(reading).toMatchObject({ kind: 'topic', intent: 'performance_overhead' });
  });

  it('GIVEN small talk THEN the classifier decides, even when a fact shares its words', () => {
    expect(readOf('thanks, that helped', nlu('thanks', 0.99)).kind).toBe('intent');
  });

  it('GIVEN a fact about another product than the one named THEN answers with the named product instead', () => {
    // Only Docker facts talk about dockerd; the user named Podman and asked something no Podman fact answers.
    const reading = readOf('podman dockerd compatibility', nlu('define', 0.8, [{ id: 'podman', text: 'podman' }]));
    expect(reading.kind === 'facts' ? reading.facts[0]!.about : ['podman']).toContain('podman');
  });
});
