import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadQuestionForms } from '../../../src/core/answer/question-form.js';
import { projectRoot } from '../../../src/paths.js';

const forms = loadQuestionForms(join(projectRoot(), 'data', 'question-forms.json'));

describe('what kind of answer a wording asks for', () => {
  it('GIVEN "who makes", "is it free", "how fast", "what is" THEN the maker, the licence or cost, figures, a definition', () => {
    expect(forms.facetsOf('who makes nutanix ahv')).toContain('maker');
    expect(forms.facetsOf('is proxmox still free')).toContain('cost');
    expect(forms.facetsOf('how fast does a firecracker vm boot')).toContain('numbers');
    expect(forms.facetsOf('whats a hypervisor')).toContain('what');
    expect(forms.facetsOf('what year did xen come out')).toContain('history');
    expect(forms.facetsOf('podman rootless since when')).toContain('history');
  });

  it('GIVEN the name first ("helm what is it", "aci container groups what are they") THEN a definition; "…, what is that going to cost" is not', () => {
    expect(forms.facetsOf('helm what is it and do i need it')).toContain('what');
    expect(forms.facetsOf('aci container groups what are they')).toContain('what');
    expect(forms.facetsOf('is it worth it, what is that going to cost us')).not.toContain('what');
  });

  it('GIVEN "other than X", "besides X", "something like X" THEN the alternatives to X', () => {
    expect(forms.facetsOf('on a freebsd box, other than bhyve, what runs vms')).toContain('alternatives');
    expect(forms.facetsOf('anything besides vmware workstation for a linux laptop')).toContain('alternatives');
    expect(forms.facetsOf('something like parallels for a linux desktop')).toContain('alternatives');
  });

  it('GIVEN "what is the difference between" THEN a comparison, not a definition', () => {
    expect(forms.facetsOf('what is the difference between kvm and xen')).toEqual(['compare']);
  });

  it('GIVEN "free up disk space" THEN not a question about price', () => {
    expect(forms.facetsOf('how do i free up disk space docker')).not.toContain('cost');
  });

  it('GIVEN a second question joined by "and" THEN the sentence splits there, and only there', () => {
    expect('whats bhyve and does anyone use it'.split(forms.joinerBreak)).toEqual(['whats bhyve', 'does anyone use it']);
    expect('docker and podman on the same host'.split(forms.joinerBreak)).toHaveLength(1);
  });

  it('GIVEN a pattern that is not a regular expression THEN loading names the file and the field', () => {
    const dir = mkdtempSync(join(tmpdir(), 'forms-'));
    const path = join(dir, 'question-forms.json');
    writeFileSync(path, JSON.stringify({ forms: [{ facets: ['what'], patterns: ['(unclosed'] }], joiners: ['and'], questionWords: ['is'] }));
    expect(() => loadQuestionForms(path)).toThrow(/question-forms\.json[\s\S]*forms\.0\.patterns\.0: not a valid regular expression/);
  });
});
