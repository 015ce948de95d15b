import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { loadFlows } from '../../../src/core/dialogue/engine.js';
import { SourcesFileSchema } from '../../../src/core/knowledge/schema.js';
import { RunwiseError } from '../../../src/errors.js';
import { DATA_DIR } from './helpers.js';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

/** A copy of data/flows with one file changed by `edit`. */
function withEdit(file: string, edit: (json: any) => void): string {
  const dir = mkdtempSync(join(tmpdir(), 'runwise-flows-'));
  dirs.push(dir);
  cpSync(join(DATA_DIR, 'flows'), join(dir, 'flows'), { recursive: true });
  const path = join(dir, 'flows', file);
  const json = JSON.parse(readFileSync(path, 'utf8'));
  edit(json);
  writeFileSync(path, JSON.stringify(json));
  return dir;
}

function loadError(dir: string, sources?: Map<string, { id: string; title: string }>): RunwiseError {
  try {
    loadFlows(dir, sources);
  } catch (e) {
    expect(e).toBeInstanceOf(RunwiseError);
    expect((e as RunwiseError).code).toBe('data_invalid');
    return e as RunwiseError;
  }
  throw new Error('expected loadFlows to throw');
}

describe('loadFlows', () => {
  it('loads the shipped flows', () => {
    const flows = loadFlows(DATA_DIR);
    expect(flows.recommend.questions.length).toBeGreaterThan(0);
    expect(flows.tour.steps.length).toBeGreaterThan(0);
  });

  it('GIVEN a choice label too long for buttons THEN the error names the file and the field', () => {
    const e = loadError(withEdit('recommend.json', (j) => (j.questions[0].choices[1].label = 'x'.repeat(90))));
    expect(e.message).toContain('recommend.json');
    expect(e.message).toContain('questions.0.choices.1.label');
  });

  it('GIVEN a tour step of an unknown type THEN the error names the step', () => {
    const e = loadError(withEdit('tour.json', (j) => (j.steps[1].type = 'quiz')));
    expect(e.message).toContain('tour.json');
    expect(e.message).toContain('steps.1');
  });

  it('GIVEN a check whose answer is not one of its choices THEN the error names steps.N.answer', () => {
    const i = JSON.parse(readFileSync(join(DATA_DIR, 'flows', 'tour.json'), 'utf8')).steps.findIndex((s: { type: string }) => s.type === 'check');
    const e = loadError(withEdit('tour.json', (j) => (j.steps[i].answer = 'z')));
    expect(e.message).toContain(`steps.${i}.answer`);
  });

  it('GIVEN duplicate choice ids or a next step naming an unknown answer THEN the cross-check names them', () => {
    const dup = loadError(withEdit('recommend.json', (j) => (j.questions[0].choices[1].id = j.questions[0].choices[0].id)));
    expect(dup.message).toContain('questions.0.choices.1.id');
    const when = loadError(withEdit('recommend.json', (j) => (j.verdicts.vm.nextSteps[0].when = { estate: ['mainframe'] })));
    expect(when.message).toContain('verdicts.vm.nextSteps.0.when.estate');
  });

  it('GIVEN a missing verdict or an unknown key THEN the error names it', () => {
    const missing = loadError(withEdit('recommend.json', (j) => delete j.verdicts.container));
    expect(missing.message).toContain('verdicts.container');
    const extra = loadError(withEdit('recommend.json', (j) => (j.questions[0].colour = 'red')));
    expect(extra.message).toContain('questions.0');
  });

  it('GIVEN a phrase longer than the reader matches THEN controls.json is rejected, naming the list and the phrase', () => {
    const e = loadError(withEdit('controls.json', (j) => j.describe.questionPhrases.push('what on earth should we do')));
    expect(e.message).toContain('controls.json');
    expect(e.message).toMatch(/describe\.questionPhrases\.\d+/);
  });

  it('GIVEN a word that is both "back" and "cancel" THEN controls.json is rejected', () => {
    const e = loadError(withEdit('controls.json', (j) => j.words.back.push('cancel')));
    expect(e.message).toContain('controls.json');
    expect(e.message).toMatch(/words\.(back|cancel)\.\d+/);
  });

  it('GIVEN a template without its placeholder THEN the error names the text field', () => {
    const e = loadError(withEdit('controls.json', (j) => (j.text.progress = 'Question number')));
    expect(e.message).toContain('text.progress');
  });

  it('GIVEN known sources THEN an unknown source id is reported with its field', () => {
    const e = loadError(DATA_DIR, new Map([['only-this', { id: 'only-this', title: 'Only this' }]]));
    expect(e.message).toContain('unknown source id');
    expect(e.message).toMatch(/verdicts\.vm\.sources\.0/);
  });

  it('GIVEN a file that is not JSON THEN the error names the file', () => {
    const dir = withEdit('tour.json', () => undefined);
    writeFileSync(join(dir, 'flows', 'tour.json'), '{ not json');
    expect(loadError(dir).message).toContain('tour.json');
  });
});

describe('source ids', () => {
  it('every source the flows cite is in data/sources.json', () => {
    const file = SourcesFileSchema.parse(JSON.parse(readFileSync(join(DATA_DIR, 'sources.json'), 'utf8')));
    const sources = new Map(file.sources.map((s) => [s.id, { id: s.id, title: s.title }]));
    expect(() => loadFlows(DATA_DIR, sources)).not.toThrow();
  });
});
