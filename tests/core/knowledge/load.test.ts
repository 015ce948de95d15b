import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { RunwiseError } from '../../../src/errors.js';
import { loadKnowledge, pairKey } from '../../../src/core/knowledge/load.js';

const SUMMARY = 'A summary long enough to pass the schema.';
const DETAILS = 'Details long enough to pass the schema too.';

function tech(id: string, extra: Record<string, unknown> = {}) {
  return { type: 'tech', id, name: id.toUpperCase(), category: 'hypervisor', summary: SUMMARY, details: DETAILS, sources: ['src-a'], ...extra };
}
function topic(id: string, extra: Record<string, unknown> = {}) {
  return { type: 'topic', id, title: `Topic ${id}`, summary: SUMMARY, details: DETAILS, sources: ['src-a'], ...extra };
}

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'runwise-kb-'));
  mkdirSync(join(dir, 'knowledge'));
  writeJson('sources.json', { sources: [{ id: 'src-a', title: 'Source A', url: 'https://example.org/' }] });
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

function writeJson(name: string, value: unknown): void {
  writeFileSync(join(dir, name), JSON.stringify(value));
}
function writeEntries(name: string, entries: unknown[]): void {
  writeJson(join('knowledge', name), { entries });
}
function loadError(): RunwiseError {
  try {
    loadKnowledge(dir);
  } catch (error) {
    expect(error).toBeInstanceOf(RunwiseError);
    expect((error as RunwiseError).code).toBe('data_invalid');
    return error as RunwiseError;
  }
  throw new Error('expected loadKnowledge to throw');
}

describe('loadKnowledge', () => {
  it('GIVEN valid files THEN indexes entries, techs, topics, intents and pairs (pair key order-free)', () => {
    writeEntries('a.json', [tech('kvm'), tech('esxi')]);
    writeEntries('b.json', [topic('kvm-vs-esxi', { pairs: [['kvm', 'esxi']] }), topic('start', { intent: 'startup_time', related: ['kvm'] })]);
    const kb = loadKnowledge(dir);
    expect(kb.entries.size).toBe(4);
    expect(kb.techs.map((t) => t.id)).toEqual(['kvm', 'esxi']);
    expect(kb.topics.map((t) => t.id)).toEqual(['kvm-vs-esxi', 'start']);
    expect(kb.byIntent.get('startup_time')?.id).toBe('start');
    expect(kb.byPair.get(pairKey('esxi', 'kvm'))?.id).toBe('kvm-vs-esxi');
    expect(kb.byPair.get('esxi|kvm')?.id).toBe('kvm-vs-esxi');
    expect(kb.sources.get('src-a')?.title).toBe('Source A');
    // Defaults from the schema are applied.
    expect(kb.techs[0]?.aliases).toEqual([]);
  });

  it('GIVEN a cache of validated files THEN a second start reads the same knowledge, and a file edited since is validated again', () => {
    const cacheDir = join(dir, '.cache');
    writeEntries('a.json', [tech('kvm'), tech('esxi')]);
    const first = loadKnowledge(dir, { cacheDir });
    const second = loadKnowledge(dir, { cacheDir });
    expect([...second.entries.keys()]).toEqual([...first.entries.keys()]);
    expect(second.techs[0]?.aliases).toEqual([]);
    expect(second.fingerprint).toBe(first.fingerprint);
    writeEntries('a.json', [tech('kvm', { name: 42 })]);
    let error: unknown;
    try {
      loadKnowledge(dir, { cacheDir });
    } catch (caught) {
      error = caught;
    }
    expect((error as RunwiseError).message).toMatch(/a\.json.*name/s);
  });

  it('GIVEN a field of the wrong type THEN the error names the file, the entry and the field', () => {
    writeEntries('bad.json', [tech('kvm', { name: 42 })]);
    const error = loadError();
    expect(error.message).toContain('bad.json');
    expect(error.message).toContain('entries[0] (id "kvm").name');
    expect(error.message).toMatch(/expected string/i);
  });

  it('GIVEN a nested fact of the wrong kind THEN the error gives the full path', () => {
    writeEntries('hv.json', [tech('kvm', { facts: { hypervisorType: { value: 'type-3', note: 'A note that is long enough.' } } })]);
    const error = loadError();
    expect(error.message).toContain('hv.json');
    expect(error.message).toContain('entries[0] (id "kvm").facts.hypervisorType.value');
  });

  it('GIVEN an unknown key THEN the error names the file, the entry and the key', () => {
    writeEntries('extra.json', [tech('kvm', { colour: 'blue' })]);
    const error = loadError();
    expect(error.message).toContain('extra.json');
    expect(error.message).toContain('entries[0] (id "kvm")');
    expect(error.message).toContain('colour');
  });

  it('GIVEN a related id that does not exist THEN the error names the file, the field and the id', () => {
    writeEntries('refs.json', [tech('kvm', { related: ['qemu', 'nope'] }), tech('qemu')]);
    const error = loadError();
    expect(error.message).toContain('refs.json');
    expect(error.message).toContain('entries[0] (id "kvm").related[1]');
    expect(error.message).toContain('"nope"');
  });

  it('GIVEN an unknown source id THEN the error names the field', () => {
    writeEntries('src.json', [tech('kvm', { sources: ['src-a', 'src-missing'] })]);
    const error = loadError();
    expect(error.message).toContain('src.json');
    expect(error.message).toContain('sources[1]');
    expect(error.message).toContain('src-missing');
  });

  it('GIVEN a pair naming a topic or a missing id THEN it is rejected', () => {
    writeEntries('pairs.json', [tech('kvm'), topic('cmp', { pairs: [['kvm', 'ghost']] })]);
    const error = loadError();
    expect(error.message).toContain('pairs.json');
    expect(error.message).toContain('entries[1] (id "cmp").pairs[0][1]');
    expect(error.message).toContain('ghost');
  });

  it('GIVEN the same id in two files THEN the error names both files', () => {
    writeEntries('one.json', [tech('kvm')]);
    writeEntries('two.json', [tech('kvm')]);
    const error = loadError();
    expect(error.message).toContain('two.json');
    expect(error.message).toContain('one.json');
    expect(error.message).toContain('entries[0] (id "kvm").id');
  });

  it('GIVEN two topics for one intent or one pair THEN the second is rejected', () => {
    writeEntries('t.json', [topic('a', { intent: 'hpc' }), topic('b', { intent: 'hpc' })]);
    expect(loadError().message).toContain('entries[1] (id "b").intent');
    writeEntries('t.json', [tech('x'), tech('y'), topic('a', { pairs: [['x', 'y']] }), topic('b', { pairs: [['y', 'x']] })]);
    expect(loadError().message).toContain('entries[3] (id "b").pairs[0]');
  });

  it('GIVEN broken JSON or a bad sources file THEN the error names that file', () => {
    writeFileSync(join(dir, 'knowledge', 'broken.json'), '{ "entries": [ ');
    expect(loadError().message).toContain('broken.json');
    rmSync(join(dir, 'knowledge', 'broken.json'));
    writeEntries('ok.json', [tech('kvm')]);
    writeJson('sources.json', { sources: [{ id: 'Bad Id', title: 'x' }] });
    const error = loadError();
    expect(error.message).toContain('sources.json');
    expect(error.message).toContain('sources[0] (id "Bad Id").id');
  });

  it('GIVEN no knowledge files THEN it fails instead of starting with an empty knowledge base', () => {
    expect(loadError().message).toContain('knowledge');
  });
});
