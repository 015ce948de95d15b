import { describe, expect, it } from 'vitest';
import type { Reply } from '../../../src/core/types.js';
import { harness } from '../harness.js';

/** The reply answers (mentioning `mentions`, when given) and offers the recommendation as a button. */
function expectAnswerWithOffer(reply: Reply, mentions?: RegExp) {
  expect(reply.kind).toBe('answer');
  if (mentions) expect(reply.text).toMatch(mentions);
  expect(reply.choices.map((c) => c.label)).toContain('Get a recommendation for this workload');
}

describe('a described workload through the core', () => {
  it('GIVEN a greeting, then a description, then "not sure" THEN a verdict within three user turns', async () => {
    const { say } = await harness();
    await say('hi');
    const second = await say('we run a few dozen small stateless python services on linux and traffic jumps every evening');
    expect(['question', 'verdict']).toContain(second.kind);
    const third = second.kind === 'verdict' ? second : await say('not sure');
    expect(third.kind).toBe('verdict');
    if (third.kind === 'verdict') {
      expect(third.recommendation.verdict).toBe('container');
      expect(third.recommendation.decided_by?.length).toBeGreaterThan(0);
    }
  });

  it('GIVEN "start over", "cancel", "back" or "skip" with no dialogue THEN a short notice with the start choices', async () => {
    const { say } = await harness();
    for (const text of ['start over', 'cancel', 'back', 'skip']) {
      const reply = await say(text);
      expect(reply.kind).toBe('notice');
      expect(reply.choices.map((c) => c.id)).toContain('start:recommend');
    }
  });

  it('GIVEN a plain question THEN it is answered, not turned into a recommendation', async () => {
    const { say } = await harness();
    const reply = await say('do containers start faster than vms?');
    expect(reply.kind).not.toBe('question');
    expect(reply.kind).not.toBe('verdict');
  });

  it('GIVEN our workload and a question that is not "which should we use" THEN the question is answered, with the recommendation offered', async () => {
    const { say } = await harness();
    const reply = await say('we run about twenty stateless go services on linux and scale them out every evening. does podman need a daemon?');
    expectAnswerWithOffer(reply, /daemon/i);
  });

  it('GIVEN our workload and "which should we use" THEN the recommendation starts', async () => {
    const { say } = await harness();
    const reply = await say('we run about twenty stateless go services on linux and scale them out every evening. should we use vms or containers?');
    expect(['question', 'verdict']).toContain(reply.kind);
  });

  it('GIVEN only "containers or vms?" THEN the recommendation starts, and "recommend a laptop under $900" does not', async () => {
    const { say } = await harness();
    expect((await say('containers or vms?', 'c1')).kind).toBe('question');
    expect((await say('recommend a laptop under $900', 'c2')).kind).not.toBe('question');
  });

  it('GIVEN advice about something other than where to run it ("should we run coredns on spot nodes") THEN the fact that answers it; "vms or containers" for it THEN the recommendation', async () => {
    const { say } = await harness();
    for (const [text, subject] of [['should we enable ipv6 for our docker networks', /ipv6/i], ['should we run coredns on spot nodes', /spot|node/i]] as const) {
      const other = await say(text, text);
      expect(other.kind, text).toBe('answer');
      expect(other.text, text).toMatch(subject);
    }
    expect((await say('should we put our api in vms or containers', 'o2')).kind).toBe('question');
    // A question that also says something of our workload and asks for advice on another matter is answered too.
    const asks = await say('the auditor asks how we isolate tenants in k8s, what should we answer', 'o3');
    expect(asks.kind).toBe('answer');
  });

  it('GIVEN keywords naming the domain, said of nobody\'s workload ("docker containers lose network after host reboot macvlan") THEN a search a fact answers, not the questions', async () => {
    const { say } = await harness();
    const reply = await say('docker containers lose their network after a host reboot macvlan');
    expect(reply.kind).toBe('answer');
    expect(reply.text).toMatch(/macvlan/i);
  });

  it('GIVEN a licence question naming Docker Desktop and a company size, or "tl;dr" THEN the licence is answered: "desktop" in a product name is no desktop app, "dr" no VMware DRS', async () => {
    const { say } = await harness();
    for (const text of ['docker desktop licensing for our 30 person company', 'podman desktop licence for a company, tl;dr']) {
      const reply = await say(text);
      expect(reply.kind).toBe('answer');
      expect(reply.text).toMatch(/licen[cs]e|Apache 2\.0|free/i);
    }
  });

  it('GIVEN "what should i ask you" (advice words, no workload, nothing of the domain) THEN the help, not the recommendation questions', async () => {
    const { say } = await harness();
    const reply = await say('what should i ask you');
    expect(reply.intent).toBe('help');
    expect(reply.kind).toBe('notice');
  });

  it('GIVEN a short choice between two things that are not VMs or containers, or trouble with one THEN it is refused, not a workload to recommend for', async () => {
    const { say } = await harness();
    for (const [i, text] of ['spring boot or django for a backend', 'ubuntu or fedora for my first linux desktop', 'my router keeps rebooting every night', 'monorepo or polyrepo for our frontend code'].entries()) {
      const reply = await say(text, `off${i}`);
      expect(reply.kind, text).toBe('fallback');
      expect(reply.intent, text).toBe('out_of_scope');
    }
    // The same shapes about the domain still start the recommendation.
    expect((await say('vm or containers for our django backend', 'on1')).kind).toBe('question');
  });

  it('GIVEN "got a sec?", then a workload said in a few words THEN the recommendation starts; without the invitation the same words are answered', async () => {
    const { say } = await harness();
    await say('got a sec?', 'invited');
    const invited = await say('1000 vms in the datacenter, platform team is introducing kubernetes on top of them', 'invited');
    expect(['question', 'verdict']).toContain(invited.kind);
    const plain = await say('1000 vms in the datacenter, platform team is introducing kubernetes on top of them', 'plain');
    expect(['question', 'verdict']).not.toContain(plain.kind);
  });

  it('GIVEN "got a sec?", then a plain question, keywords a fact answers or a problem THEN it is answered, not turned into a recommendation', async () => {
    const { say } = await harness();
    await say('got a sec?', 'q');
    expect((await say('is podman rootless by default?', 'q')).kind).toBe('answer');
    await say('quick question', 'k');
    expect((await say('fargate cold start time', 'k')).kind).toBe('answer');
    await say('got a sec?', 'p');
    expect(['question', 'verdict']).not.toContain((await say('my docker container keeps crashing on startup with exit code 137', 'p')).kind);
  });

  it('GIVEN "have a moment?" THEN an invitation to ask, not a refusal; "thanks!" stays thanks', async () => {
    const { say } = await harness();
    const invite = await say('have a moment?', 'c1');
    expect(invite.intent).not.toBe('out_of_scope');
    expect(invite.text).toMatch(/go ahead/i);
    expect((await say('thanks!', 'c2')).intent).toBe('thanks');
  });

  it('GIVEN keywords a fact answers ("kata containers performance overhead") THEN the answer, with the recommendation offered', async () => {
    const { say } = await harness();
    const reply = await say('kata containers performance overhead');
    expect(reply.kind).toBe('answer');
    expect(reply.text).toMatch(/overhead/i);
  });

  it('GIVEN "vm or container" for one named thing that a fact answers whole THEN that answer, with the recommendation offered', async () => {
    const { say } = await harness();
    const reply = await say('opnsense firewall appliance, vm or container');
    expectAnswerWithOffer(reply, /freebsd/i);
  });

  it('GIVEN "which is better" on a trade-off, with no workload in it, that a fact answers whole THEN that answer, with the recommendation offered', async () => {
    const { say } = await harness();
    const reply = await say('for real-time work, which has better latency: containers or vms?');
    expectAnswerWithOffer(reply);
  });

  it('GIVEN "vm or container" with a workload AND asked how they compare on one measure ("which is safer", "which uses less") THEN the answer that names the winner, with the recommendation offered', async () => {
    const { say } = await harness();
    expectAnswerWithOffer(await say('hosting code our customers upload: vm or container, which one is more secure'), /vm/i);
    expectAnswerWithOffer(await say('a small dns sinkhole on proxmox, vm or container, which uses less', 'c2'), /lxc|container/i);
  });

  it('GIVEN a few keywords naming a product and asking nothing ("nvidia container toolkit rocky linux install") THEN an answer, not the questions', async () => {
    const { say } = await harness();
    const reply = await say('nvidia container toolkit rocky linux install');
    expect(reply.kind).toBe('answer');
    expect(reply.text).toMatch(/nvidia-ctk|toolkit/i);
  });

  it('GIVEN "X or Y for Z" between two products THEN a comparison, not the VM-or-container questions', async () => {
    const { say } = await harness();
    const reply = await say('rancher desktop or docker desktop for a 300 person company on windows');
    expect(reply.kind).toBe('answer');
    expect(reply.text).toMatch(/rancher desktop/i);
    // Even when it describes a workload the questions would read ("for a windows 11 vm"): the verdict does not pick between two hypervisors.
    const hypervisors = await say('kvm or virtualbox on my fedora laptop for a windows 11 vm', 'c2');
    expect(hypervisors.kind).toBe('answer');
    expect(hypervisors.text).toMatch(/kvm/i);
    expect(hypervisors.text).toMatch(/virtualbox/i);
    // Two products without a choice between them still describe a workload.
    expect((await say('we run esxi everywhere and plan openshift so the new services get kubernetes', 'c3')).kind).toBe('question');
  });

  it('GIVEN a problem report that reads like a workload ("sluggish since we converted it with p2v") THEN an answer, with the recommendation offered', async () => {
    const { say } = await harness();
    const reply = await say('the vm is really sluggish since we converted it with p2v');
    expectAnswerWithOffer(reply);
  });

  it('GIVEN trouble reported with a platform that a fact only partly fits ("p2v keeps failing", "bsod in the vm") THEN an answer, never the VM-or-container questions', async () => {
    const { say } = await harness();
    for (const text of ['old rhel 6 server with odd raid controller, p2v conversion keeps failing', 'windows 11 vm on virtualbox bluescreens with a kmode exception at boot']) {
      const reply = await say(text, text);
      expect(reply.kind).toBe('answer');
      expect(reply.text).not.toMatch(/Question 1 of/);
    }
  });

  it('GIVEN an off-topic line with one workload-like word ("top antivirus for windows this year") THEN a refusal, no questions and no offer', async () => {
    const { say } = await harness();
    for (const text of ['top antivirus for windows this year', 'turn heic photos into jpg on windows']) {
      const reply = await say(text, text);
      expect(reply.intent).toBe('out_of_scope');
      expect(reply.choices.map((c) => c.label)).not.toContain('Get a recommendation for this workload');
    }
  });

  it('GIVEN "which pot or container for my peppers" THEN no recommendation starts: the domain is not in it', async () => {
    const { say } = await harness();
    const reply = await say('which pot or container for my peppers');
    expect(reply.kind).not.toBe('question');
    expect(reply.kind).not.toBe('verdict');
  });
});
