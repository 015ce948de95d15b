import { describe, expect, it } from 'vitest';
import { stem } from '../../../src/core/nlu/tokenize.js';
import { createRetriever } from '../../../src/core/retrieve/index.js';
import { contentWords } from '../../../src/core/retrieve/terms.js';
import { selectFacts } from '../../../src/core/answer/fuse.js';
import { fixtureKnowledge } from './fixture.js';

const retriever = createRetriever(fixtureKnowledge());
const ids = (text: string, entities: string[] = []) => retriever.search({ text, entities }).map((h) => h.fact.id);

describe('fact retrieval', () => {
  it('GIVEN a question about a named technology THEN its own fact comes first, not the same fact about another one', () => {
    expect(ids('is podman rootless by default?', ['podman'])[0]).toBe('podman-rootless');
    expect(ids('can docker run without root?', ['docker'])[0]).toBe('docker-rootless');
  });

  it('GIVEN a named technology THEN a fact about another technology never comes first, even when it shares more words', () => {
    // "daemon" and "dockerd" words are the Docker fact's, but the user asked about Podman.
    const ranked = ids('podman daemon like dockerd?', ['podman']);
    expect(ranked[0]).toMatch(/^podman-/);
  });

  it('GIVEN typed words and stems THEN matches across plurals and verb forms', () => {
    expect(ids('how quickly does a container start up')[0]).toBe('container-start');
  });

  it('GIVEN words the facts do not know THEN they neither match nor count against a fact (the scope gate weighs them)', () => {
    expect(retriever.knows('garden')).toBe(false);
    expect(retriever.knows('daemon')).toBe(true);
    const plain = retriever.search({ text: 'how fast do containers start', entities: [] })[0]!;
    const chatty = retriever.search({ text: 'how fast do containers start, my boss keeps asking lol', entities: [] })[0]!;
    expect(chatty.fact.id).toBe(plain.fact.id);
    expect(chatty.coverage).toBeCloseTo(plain.coverage, 5);
  });

  it('GIVEN a claim someone made ("my lead says…, right?") THEN only the claim is ranked: who said it and "right?" match nothing', () => {
    const plain = retriever.search({ text: 'containers start fast', entities: [] })[0]!;
    const hearsay = retriever.search({ text: 'my lead says containers start fast, right?', entities: [] })[0]!;
    expect(hearsay.fact.id).toBe('container-start');
    expect(hearsay.coverage).toBeCloseTo(plain.coverage, 5);
  });

  it('GIVEN a request for a recommendation ("what would you recommend", "any suggestions") THEN the asking words match nothing: a fact that happens to say "recommends" does not fit it better', () => {
    const kb = fixtureKnowledge();
    const apt = { ...kb.facts[0]!, id: 'apt-noninteractive', about: ['docker'], ask: ['apt install asks a question during docker build'], answer: 'Run apt-get install -y --no-install-recommends with DEBIAN_FRONTEND=noninteractive; a suggested package is skipped too.' };
    const withApt = createRetriever({ ...kb, facts: [...kb.facts, apt] });
    const plain = withApt.search({ text: 'how fast do containers start', entities: [] })[0]!;
    for (const text of ['how fast do containers start, what would you recommend', 'any suggestions? how fast do containers start']) {
      const asking = withApt.search({ text, entities: [] })[0]!;
      expect(asking.fact.id).toBe('container-start');
      expect(asking.coverage).toBeCloseTo(plain.coverage, 5);
    }
  });

  it('GIVEN a negation, however typed THEN the fact about when not to do it comes first', () => {
    expect(ids("when shouldn't we use containers")[0]).toBe('containers-when-not');
    expect(ids('when shouldnt we use containers')[0]).toBe('containers-when-not');
    expect(ids('when should we use containers')[0]).toBe('containers-when');
  });

  it('GIVEN "… or not?" THEN it only asks for a yes or no: "not" is not a word of the question', () => {
    const plain = retriever.search({ text: 'is podman rootless', entities: ['podman'] })[0]!;
    const orNot = retriever.search({ text: 'is podman rootless or not', entities: ['podman'] })[0]!;
    expect(orNot.fact.id).toBe('podman-rootless');
    expect(orNot.coverage).toBeCloseTo(plain.coverage, 5);
  });

  it('GIVEN "persistent volume claim" THEN the claim is a word of the question; "my lead claims…" stays hearsay', () => {
    expect(contentWords('what is a persistent volume claim')).toContain(stem('claim'));
    expect(contentWords('my lead claims containers are vms')).not.toContain(stem('claim'));
  });

  it('GIVEN "our startup" THEN a company, not start-up time', () => {
    expect(contentWords('should our startup use containers')).toContain('company');
    expect(contentWords('container startup time')).not.toContain('company');
  });

  it('GIVEN a two-part question THEN selects one fact per part', () => {
    const hits = retriever.search({ text: 'is podman rootless by default, and does it need a daemon?', entities: ['podman'] });
    const { chosen } = selectFacts(hits, retriever);
    expect(chosen.map((f) => f.id).sort()).toEqual(['podman-daemon', 'podman-rootless']);
  });

  it('GIVEN a one-part question THEN answers with one fact', () => {
    const hits = retriever.search({ text: 'is kvm type 1 or type 2?', entities: ['kvm'] });
    expect(selectFacts(hits, retriever).chosen.map((f) => f.id)).toEqual(['kvm-type']);
  });

  it('GIVEN nothing but stop words THEN finds nothing rather than guessing', () => {
    expect(ids('what is the and of it')).toEqual([]);
  });
});
