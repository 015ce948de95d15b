import { describe, expect, it } from 'vitest';
import { readMessage } from '../../../src/core/dialogue/describe.js';
import { readOutside } from '../../../src/core/dialogue/engine.js';
import { decodeSlots, encodeSlots } from '../../../src/core/dialogue/slot-code.js';
import { flows } from './helpers.js';

const kind = (text: string) => readMessage(flows, text).kind;

describe('readMessage: a description is a request', () => {
  it('GIVEN a workload described in a statement THEN it is a description', () => {
    expect(kind('we have an old accounting app that only runs on windows server and needs a usb licence key')).toBe('description');
    expect(kind('a handful of stateless go services that need to scale out when traffic spikes')).toBe('description');
    expect(kind('users upload code that we compile and run for them')).toBe('description');
  });

  it('GIVEN a few keywords with one strong trait and nobody\'s workload THEN a search, not a description; a sentence about a workload is one', () => {
    expect(kind('export a vm from esxi as an ova')).not.toBe('description');
    expect(kind('a training platform where every student gets root in a throwaway container that nobody else can see')).toBe('description');
  });

  it('GIVEN a product question typed as keywords ("who makes…", "… latest version") THEN a question, not a workload', () => {
    expect(kind('windows containers latest version')).toBe('question');
    expect(kind('legacy vendor appliance who makes it')).toBe('question');
  });

  it('GIVEN keywords closed by a question word ("… how", "… what is it") or a question put indirectly ("wants to know if…") THEN a question, not a workload', () => {
    expect(kind('windows vm stuck at 100% cpu after migration to kvm, why')).toBe('question');
    expect(kind('firecracker snapshot restore in milliseconds how')).toBe('question');
    expect(kind('legacy dongle licence server in a vm what is it')).toBe('question');
    expect(kind('bsd jails on our old windows-era hosts what were they')).toBe('question');
    expect(kind('windows vm on kvm with bursty jobs faster boot tips')).toBe('question');
    expect(kind('the auditors want to know if our windows legacy app in a vm is isolated from the linux containers')).not.toBe('description');
    expect(kind('the security team asks how our windows vms are isolated from the linux containers')).not.toBe('description');
    expect(kind('manager want know: if we move the legacy windows app to containers do we still need the vms')).not.toBe('description');
  });

  it('GIVEN a four-word question phrase ("… what can i do", "… how can i fix") THEN a question, not a workload', () => {
    expect(kind('my containers restart every few minutes on our linux hosts what can i do')).not.toBe('description');
    expect(kind('our api containers on linux time out every few minutes under load, what can we do')).not.toBe('description');
  });

  it('GIVEN a question asked mid-sentence without a "?" ("… is that overkill", "… which hypervisor is fastest") THEN not a workload', () => {
    expect(kind('our platform team wants every windows container on hyper-v isolation is that overkill')).not.toBe('description');
    expect(kind('legacy windows app in a vm on a linux host which hypervisor is fastest')).not.toBe('description');
  });

  it('GIVEN "can we run…" or "can i use…" asked mid-sentence without a "?" THEN a question, answered (with the recommendation offered when it also describes a workload)', () => {
    expect(kind('windows container base image licence can we run nanoserver images on our linux hosts')).not.toBe('description');
    expect(kind('if containers share the kernel how can i run a debian container on our fedora host')).not.toBe('description');
  });

  it('GIVEN "can i still…", "how do we…", "do we pay…", "is it ok…" mid-sentence without a "?" THEN a question, not a workload to place', () => {
    expect(kind('parallels trial expired can i still open my windows vm')).not.toBe('description');
    expect(kind('on eks do we pay for the nodes even while they sit idle')).not.toBe('description');
    expect(kind('our legacy windows app keeps its licence on a usb dongle how do we move it off the old box')).not.toBe('description');
    expect(kind('we have an old accounting app that only runs on windows server and needs a usb licence key')).toBe('description');
  });

  it('GIVEN a question word after a chat lead-in ("so whats…", "ok but why…") THEN a question; "so we run…" still describes', () => {
    expect(kind('hey guys why exactly would our windows app need a vm on the server')).not.toBe('description');
    expect(kind('ok how exactly do we keep our legacy windows app on the server running in containers')).not.toBe('description');
    expect(kind('so we run 30 stateless go services on linux and traffic doubles every evening')).toBe('description');
  });

  it('GIVEN a description that says what the user wants from it THEN it says so; one that only reports THEN not', () => {
    const wishes = (text: string) => {
      const reading = readMessage(flows, text);
      return reading.kind === 'description' ? reading.wishes : undefined;
    };
    expect(wishes('classic works on my machine: our ruby app breaks on the server because the gem versions differ. i want the exact same env in dev, ci and prod')).toBe(true);
    expect(wishes('our billing api runs on linux, 20 services, traffic spikes every evening')).toBe(false);
  });

  it('GIVEN an imperative said of nobody\'s workload ("move a physical windows server into a vm") THEN a how-to question; "running 30 services…" still describes', () => {
    expect(kind('move a physical windows 2019 file server into a vm')).toBe('question');
    expect(kind('run windows and linux containers side by side on one server')).toBe('question');
    expect(kind('running 30 stateless go services on linux, traffic doubles every evening')).toBe('description');
  });

  it('GIVEN words whose stems collide with "us" and "customer" ("use", "custom metrics") THEN not said of the user\'s own workload', () => {
    const own = (text: string) => {
      const reading = readMessage(flows, text);
      return 'own' in reading ? reading.own : undefined;
    };
    expect(own('firecracker microvms for short jobs, free to use, untrusted code')).not.toBe(true);
    expect(own('hpa on custom metrics from prometheus, spiky traffic')).not.toBe(true);
    expect(own('our customers upload untrusted plugins that run on shared hosts')).toBe(true);
  });

  it('GIVEN a plain question about a topic THEN it stays a question', () => {
    expect(kind('do containers start faster than vms?')).toBe('question');
    expect(kind('how does kata containers isolate workloads')).toBe('question');
    expect(kind('docker volume vs bind mount')).not.toBe('description');
  });

  it('GIVEN a question that also describes our own workload THEN it is both', () => {
    expect(kind('our billing app is a legacy monolith on windows server, is hyper-v a good fit?')).toBe('both');
  });

  it('GIVEN chatter, a greeting or a bare platform name THEN it is not a description', () => {
    for (const text of ['hello bot', 'write me a poem about mondays', 'kubernetes', 'we use vmware', 'fix my python KeyError when reading json']) {
      expect(kind(text)).not.toBe('description');
    }
  });
});

describe('readOutside: what a message with no dialogue running means', () => {
  it('GIVEN "start over", "cancel", "back" or "skip" THEN a short notice, never a topic', () => {
    for (const text of ['start over', 'cancel', 'go back', 'skip', 'not sure']) {
      const r = readOutside(flows, text);
      expect(r).toEqual({ kind: 'control', text: flows.controls.text.noDialogue });
    }
  });

  it('GIVEN "ok" or "yes" THEN left to small talk', () => {
    expect(readOutside(flows, 'ok').kind).toBe('other');
  });

  it('GIVEN a question that asks no advice THEN a question, which the classifier may not turn into a recommendation', () => {
    expect(readOutside(flows, 'the auditors claim regulated data may never be in containers. is that actually so?').kind).toBe('question');
    expect(readOutside(flows, 'how long does a firecracker microvm take to boot?').kind).toBe('question');
  });

  it('GIVEN a question that asks which to use, even with no workload in it THEN not a plain question', () => {
    expect(readOutside(flows, 'should we containerize our database or keep it on a vm?').kind).not.toBe('question');
    expect(readOutside(flows, 'is moving everything to containers a good idea?').kind).not.toBe('question');
  });

  it('GIVEN a question that describes a workload THEN the offer carries its answers', () => {
    const r = readOutside(flows, 'our billing app is a legacy monolith on windows server, is hyper-v a good fit?');
    if (r.kind !== 'asks') throw new Error(`expected asks, got ${r.kind}`);
    expect(r.offer.label).toBe(flows.controls.labels.recommendThis);
    const code = r.offer.id.split(':').at(-1)!;
    expect(decodeSlots(flows.recommend, code)).toMatchObject({ os: 'windows', shape: 'monolith' });
  });
});

describe('slot codes', () => {
  it('round-trips answers and "not sure", and reads a code from another flow as nothing', () => {
    const slots = { os: 'windows', isolation: 'skip', estate: 'vms-k8s' };
    expect(decodeSlots(flows.recommend, encodeSlots(flows.recommend, slots))).toEqual(slots);
    expect(decodeSlots(flows.recommend, '01')).toEqual({});
  });
});
