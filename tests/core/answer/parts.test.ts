import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { askedAndContext, piecesOf, withoutInterjection } from '../../../src/core/answer/parts.js';
import { loadQuestionForms } from '../../../src/core/answer/question-form.js';
import { projectRoot } from '../../../src/paths.js';

const forms = loadQuestionForms(join(projectRoot(), 'data', 'question-forms.json'));
const asked = (text: string) => piecesOf(forms, text).filter((p) => p.asks).map((p) => p.text);

describe('what a message asks and what it says around it', () => {
  it('GIVEN context sentences before a question THEN the question is what is asked, the rest is context', () => {
    const text = 'we moved forty php sites onto one linux box last year. does docker need a daemon running?';
    expect(askedAndContext(piecesOf(forms, text), text)).toEqual({
      asked: 'does docker need a daemon running?',
      context: 'we moved forty php sites onto one linux box last year.',
    });
  });

  it('GIVEN a short question after the context THEN the whole message is what is asked', () => {
    const text = 'my container exits right after docker run with code 0. why??';
    expect(askedAndContext(piecesOf(forms, text), text)).toEqual({ asked: text });
  });

  it('GIVEN a short question that points back at the context ("is that wise?") THEN the whole message is what is asked', () => {
    const text = 'we plan to put all forty databases into one kubernetes cluster. is that a sensible plan for production traffic?';
    expect(askedAndContext(piecesOf(forms, text), text)).toEqual({ asked: text });
    const claim = "our cto: 'containers are just insecure vms'. push back or agree?";
    expect(askedAndContext(piecesOf(forms, claim), claim)).toEqual({ asked: claim });
  });

  it('GIVEN a statement closed by a tag ("…, right", "… correct") THEN it asks whether it holds, not context', () => {
    expect(asked('does kvm need qemu for devices? it runs in the linux kernel itself right')).toEqual(['does kvm need qemu for devices?', 'it runs in the linux kernel itself right']);
    expect(asked('we moved forty php sites onto one linux box last year. does docker need a daemon?')).toEqual(['does docker need a daemon?']);
  });

  it('GIVEN two questions in one sentence, a list, or a follow-up opening with "and" THEN each is a part', () => {
    expect(asked('is podman rootless and does it need a daemon')).toEqual(['is podman rootless', 'does it need a daemon']);
    expect(asked('1) what is a hypervisor 2) is kvm built into linux')).toEqual(['what is a hypervisor', 'is kvm built into linux']);
    expect(asked('q1 podman rootless by default q2 gvisor overhead for io')).toEqual(['podman rootless by default', 'gvisor overhead for io']);
    expect(asked('Q1: is proxmox free Q2: ceph or zfs for 3 nodes')).toEqual(['is proxmox free', 'ceph or zfs for 3 nodes']);
    expect(asked('latest kubernetes release? and is dockershim still in there')).toEqual(['latest kubernetes release?', 'and is dockershim still in there']);
  });

  it('GIVEN questions listed with commas, or after a lead-in ("3 quick ones: …") THEN each is a part; a comma inside one question splits nothing', () => {
    expect(asked('what is k3s, can it run on a pi, and does it use docker under the hood')).toEqual(['what is k3s', 'can it run on a pi', 'does it use docker under the hood']);
    expect(asked('3 quick ones: does podman need root, does it run compose files, is it free')).toEqual(['does podman need root', 'does it run compose files', 'is it free']);
    expect(asked('two things: what is sr-iov, and can k8s pods use it')).toEqual(['what is sr-iov', 'can k8s pods use it']);
    expect(asked('if i move to docker, is it slower than my vm?')).toEqual(['if i move to docker, is it slower than my vm?']);
    // A lead-in that names the subject stays with the first question.
    expect(asked('xen vs kvm: which is older, which is faster, which does aws use now?')).toEqual(['xen vs kvm: which is older', 'which is faster', 'which does aws use now?']);
  });

  it('GIVEN an interjection set off by punctuation ("wait, …", "hmm…") THEN it is not part of the question; "wait for …" keeps its verb', () => {
    expect(withoutInterjection('wait, what is a hypervisor?')).toBe('what is a hypervisor?');
    expect(withoutInterjection('hmm... is podman rootless')).toBe('is podman rootless');
    expect(withoutInterjection('wait for the rollout to finish in kubectl')).toBe('wait for the rollout to finish in kubectl');
    expect(withoutInterjection('wait!')).toBe('wait!');
  });

  it('GIVEN no question forms THEN the whole message is one question', () => {
    expect(piecesOf(undefined, 'we run php. is docker free?')).toEqual([{ text: 'we run php. is docker free?', asks: true }]);
  });
});
