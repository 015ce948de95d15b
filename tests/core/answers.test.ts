import { describe, expect, it } from 'vitest';
import { MAX_CHOICE_ID, MAX_CHOICE_LABEL, MAX_CHOICES, MAX_REPLY_TEXT, type Reply } from '../../src/core/types.js';
import { choiceLabelled, harness, sharedBrain } from './harness.js';

/** What an answer is about: the fact's subjects, or the entry it shows. */
function aboutOf(reply: Reply): string[] {
  if (reply.kind !== 'answer') return [];
  const fact = sharedBrain().knowledge.factsById.get(reply.topic);
  return fact ? fact.about : [reply.topic];
}

function expectWellFormed(reply: Reply) {
  expect(reply.text.trim().length).toBeGreaterThan(0);
  expect(reply.text.length).toBeLessThanOrEqual(MAX_REPLY_TEXT);
  expect(reply.choices.length).toBeLessThanOrEqual(MAX_CHOICES);
  for (const c of reply.choices) {
    expect(c.label.length).toBeLessThanOrEqual(MAX_CHOICE_LABEL);
    expect(c.id.length).toBeLessThanOrEqual(MAX_CHOICE_ID);
  }
  expect(reply.text).not.toMatch(/\bat .+\.(ts|js):\d+/); // no stack traces
}

describe('answers from the knowledge base', () => {
  it('GIVEN "what is kvm" THEN answers about KVM with sources and a button for more on KVM', async () => {
    const { say } = await harness();
    const reply = await say('what is kvm?');
    expect(reply.kind).toBe('answer');
    expect(aboutOf(reply)).toContain('kvm');
    expect(reply.text).toMatch(/kvm/i);
    expect(reply.sources.length).toBeGreaterThan(0);
    expect(reply.choices.some((c) => c.id === 'ask:entry:kvm' || c.id === 'more:kvm')).toBe(true);
    expectWellFormed(reply);
  });

  it('GIVEN a typo or a spacing variant THEN still finds the technology', async () => {
    const { say } = await harness();
    expect(aboutOf(await say('what is podmn'))).toContain('podman');
    expect(aboutOf(await say('tell me about virtual box'))).toContain('virtualbox');
  });

  it('GIVEN chat words one letter from a name ("kinda", "sorta") THEN they name nothing: "kinda" is not kind, the Kubernetes tool', () => {
    const { nlu } = sharedBrain();
    expect(nlu.classify('do my files vanish when the container stops? kinda worried').mentions.map((m) => m.id)).not.toContain('kind-k8s');
    expect(nlu.classify('kind vs minikube for local clusters').mentions.map((m) => m.id)).toContain('kind-k8s');
  });

  it('GIVEN "what is X and when do i need it" THEN the fact whose own phrasing it says (what X is) leads, not a how-to that shares its words', async () => {
    const { say } = await harness();
    const reply = await say('what is a docker volume and when do i need one');
    expect(reply.kind).toBe('answer');
    if (reply.kind === 'answer') expect(sharedBrain().knowledge.factsById.get(reply.topic)?.facet).toBe('what');
  });

  it('GIVEN "is hyper-v type 1 or type 2" THEN says type 1, not what one seed claims', async () => {
    const { say } = await harness();
    const reply = await say('is hyperv a type 1 or type 2 hypervisor?');
    expect(aboutOf(reply)).toContain('hyper-v');
    expect(reply.text).toMatch(/type[- ]1/i);
    expect(reply.text).not.toMatch(/hyper-v is a type[- ]2/i);
  });

  it('GIVEN two named technologies THEN answers a comparison of those two', async () => {
    const { say } = await harness();
    const { knowledge } = sharedBrain();
    const reply = await say('docker vs podman');
    expect(reply.kind).toBe('answer');
    expect(reply.intent).toBe('compare');
    const written = knowledge.byPair.get(['docker', 'podman'].sort().join('|'));
    // The written comparison, or a comparison fact about both.
    const fact = knowledge.factsById.get(reply.kind === 'answer' ? reply.topic : '');
    if (fact) expect(fact).toMatchObject({ facet: 'compare', about: expect.arrayContaining(['docker', 'podman']) });
    else if (written) expect(reply.kind === 'answer' && reply.topic).toBe(written.id);
    expect(reply.text).toMatch(/docker/i);
    expect(reply.text).toMatch(/podman/i);
    const faster = await say('is kvm faster than esxi');
    expect(faster.intent).toBe('compare');
    expect(faster.text).toMatch(/kvm/i);
    expect(faster.text).toMatch(/esxi/i);
  });

  it('GIVEN a numbered list of questions THEN answers each part, in the order asked', async () => {
    const { say } = await harness();
    const reply = await say('1) is podman rootless by default 2) is kvm a type 1 hypervisor 3) who makes gvisor');
    expect(reply.kind).toBe('answer');
    const podman = reply.text.search(/podman/i);
    const kvm = reply.text.search(/kvm/i);
    const google = reply.text.search(/google/i);
    expect(podman).toBeGreaterThanOrEqual(0);
    expect(kvm).toBeGreaterThan(podman);
    expect(google).toBeGreaterThan(kvm);
  });

  it('GIVEN a short second part that names nothing ("… and do they cost") THEN it is read as about the first part, not matched alone to another product', async () => {
    const { say } = await harness();
    const reply = await say('what are min instances on cloud run and do they cost');
    expect(reply.kind).toBe('answer');
    expect(reply.text).toMatch(/cloud run/i);
    expect(reply.text).not.toMatch(/rancher/i);
  });

  it('GIVEN a one-word follow-up question after the first ("what is X, and is it slower") THEN both are answered, in the order asked', async () => {
    const { say } = await harness();
    const reply = await say('what is gvisor, and is it slower');
    expect(reply.kind).toBe('answer');
    const what = reply.text.search(/user-space 'application kernel'|sandbox/i);
    const speed = reply.text.search(/slower/i);
    expect(what).toBeGreaterThanOrEqual(0);
    expect(speed).toBeGreaterThan(what);
  });

  it('GIVEN "what is X and does anyone use it" in one sentence THEN says what X is first, then what it is used for', async () => {
    const { say } = await harness();
    const reply = await say('whats bhyve and does anyone actually use it');
    expect(reply.kind).toBe('answer');
    expect(reply.text).toMatch(/freebsd/i);
    expect(reply.text).toMatch(/hypervisor/i);
    // The definition leads: the reply does not open on advice about when to pick it.
    expect(reply.text.slice(0, 200)).toMatch(/is (freebsd's|a)/i);
  });

  it('GIVEN "what is X" about a concept, or "what is X and …" THEN the fact that defines X leads, not one that only uses the name', async () => {
    const { say } = await harness();
    expect((await say('what is a dockerfile', 'c1')).text.slice(0, 120)).toMatch(/^A Dockerfile is/i);
    const runc = await say('what is runc and who maintains it', 'c2');
    expect(runc.text.slice(0, 120)).toMatch(/^runc is/i);
    // kubectl's definition names Kubernetes too; the part asks what k8s is.
    const k8s = await say('what is k8s, and is it better than docker?', 'c3');
    expect(k8s.text.slice(0, 120)).toMatch(/^Kubernetes/);
  });

  it('GIVEN "what are X and Y" that the classifier hears as a request for help THEN the answer, not the help menu; "what can you help with" stays help', async () => {
    const { say } = await harness();
    const taints = await say('what are taints and tolerations', 'c1');
    expect(taints.kind).toBe('answer');
    expect(taints.text).toMatch(/taint/i);
    expect((await say('what can you help with', 'c2')).kind).not.toBe('answer');
  });

  it('GIVEN "what is X" where another tool\'s name is an alias of X ("k3d" names K3s) THEN the fact asked "what is X", not the other tool\'s definition', async () => {
    const { say } = await harness();
    expect((await say('what is k3s', 'k1')).text.slice(0, 60)).toMatch(/^K3s is/);
    expect((await say('what is k3d', 'k2')).text.slice(0, 60)).toMatch(/^k3d is/);
  });

  it('GIVEN "who makes X" THEN names the maker, not another fact that mentions X', async () => {
    const { say } = await harness();
    const reply = await say('who makes gvisor');
    expect(reply.text.slice(0, 300)).toMatch(/google/i);
  });

  it('GIVEN "what is X" for one word that a fact asked about defines ("what is a taint") THEN that definition; a word a fact only mentions ("what is inflation") stays refused', async () => {
    const { say } = await harness();
    for (const text of ['what is a taint', 'what is a taint and toleration', 'what is sandboxing']) {
      const taint = await say(text);
      expect(taint.kind, text).toBe('answer');
      expect(taint.text, text).toMatch(/taint|sandbox/i);
    }
    expect((await say('what is inflation')).intent).toBe('out_of_scope');
    // Figures are no words: a sum is not a definition question a fact mentioning "17" answers.
    expect((await say("what's 12% of 1770")).intent).toBe('out_of_scope');
  });

  it('GIVEN "explain X" or "X explained" THEN the fact that says what X is, not a detail about one of its features', async () => {
    const { say } = await harness();
    for (const text of ['explain podman', 'podman explained']) {
      const reply = await say(text);
      expect(reply.kind, text).toBe('answer');
      const fact = reply.kind === 'answer' ? sharedBrain().knowledge.factsById.get(reply.topic) : undefined;
      expect(fact?.about[0], text).toBe('podman');
      expect(fact?.facet, text).toBe('what');
      expect(reply.text, text).toMatch(/^Podman/);
    }
  });

  it('GIVEN "tl;dr X" or "X tl;dr" THEN the fact that says what X is; its "dr" is not disaster recovery', async () => {
    const { say } = await harness();
    for (const [text, id] of [['tl;dr kvm', 'kvm'], ['tldr esxi', 'esxi'], ['kubernetes tl;dr', 'kubernetes']] as const) {
      const reply = await say(text);
      const fact = reply.kind === 'answer' ? sharedBrain().knowledge.factsById.get(reply.topic) : undefined;
      expect(fact?.about[0], text).toBe(id);
      expect(fact?.facet, text).toBe('what');
    }
  });

  it('GIVEN "parallels" alone for Parallels Desktop THEN answers about it; "parallels between" two things THEN out of scope', async () => {
    const { say } = await harness();
    const reply = await say('is parallels a one-time purchase or a subscription');
    expect(reply.kind).toBe('answer');
    expect(reply.text).toMatch(/Parallels Desktop/);
    expect((await say('parallels between the two world wars for my history essay')).intent).toBe('out_of_scope');
  });

  it('GIVEN a version glued to a name ("esxi7 eol") THEN the answer is about that version', async () => {
    const { say } = await harness();
    const reply = await say('esxi7 eol?');
    expect(reply.kind).toBe('answer');
    expect(reply.text).toMatch(/\b7\.0\b|ESXi 7\b/);
  });

  it('GIVEN "lambda" in the company of serverless words ("keep lambda warm") THEN AWS Lambda; "lambda calculus" THEN out of scope', async () => {
    const { say } = await harness();
    const reply = await say('how do i keep my lambda warm so users dont hit cold starts');
    expect(reply.kind).toBe('answer');
    expect(reply.text).toMatch(/Lambda/);
    expect((await say('lambda calculus homework help')).intent).toBe('out_of_scope');
  });

  it('GIVEN a move between two products ("from esxi to proxmox", "to esxi from proxmox") THEN a fact about that move, not the opposite one', async () => {
    const { say, } = await harness();
    const factOf = (reply: Reply) => (reply.kind === 'answer' ? sharedBrain().knowledge.factsById.get(reply.topic) : undefined);
    const asksOf = (reply: Reply) => (factOf(reply)?.ask ?? []).join(' | ').toLowerCase();
    const toProxmox = await say('how do i move a vm from esxi over to proxmox');
    expect(asksOf(toProxmox)).not.toMatch(/(proxmox|kvm)[\w\s]{0,20} to (vmware|esxi)/);
    const toEsxi = await say('we need to move a vm to esxi from proxmox');
    expect(asksOf(toEsxi)).not.toMatch(/(vmware|esxi)[\w\s]{0,20} to proxmox/);
  });

  it('GIVEN "what is X in Y" THEN says what X is, not what Y is', async () => {
    const { say } = await harness();
    const reply = await say('what is ksm in kvm');
    expect(reply.text.slice(0, 200)).toMatch(/same-page merging|ksm/i);
    expect(reply.text.slice(0, 60)).not.toMatch(/^KVM is/i);
  });

  it('GIVEN a trade-off question THEN answers from that topic', async () => {
    const { say } = await harness();
    const reply = await say('how much faster do containers start than vms?');
    expect(reply).toMatchObject({ kind: 'answer', intent: 'startup_time' });
    expect(reply.sources.length).toBeGreaterThan(0);
  });

  it('GIVEN "More on X" after a fact THEN gives the card of X, and "Tell me more" its longer details', async () => {
    const { say, click } = await harness();
    const fact = await say('is podman rootless by default?');
    const card = await click(choiceLabelled(fact, /^more on podman/i));
    expect(card).toMatchObject({ kind: 'answer', topic: 'podman' });
    const details = await click(choiceLabelled(card, /tell me more/i));
    expect(details.kind).toBe('answer');
    expect(details.text.length).toBeGreaterThan(card.text.length);
    expect(details.choices.some((c) => c.id.startsWith('more:'))).toBe(false);
  });

  it('GIVEN a related-question button THEN answers the question its label asks', async () => {
    const { say, click } = await harness();
    const reply = await say('is podman rootless by default?');
    const followUp = reply.choices.find((c) => c.id.startsWith('fact:'));
    expect(followUp).toBeDefined();
    const next = await click(followUp!.id);
    expect(next).toMatchObject({ kind: 'answer', topic: followUp!.id.slice('fact:'.length) });
    expect(next.text).not.toBe(reply.text);
  });
});

describe('what the bot does not know', () => {
  it('GIVEN an unrelated question THEN says what it can help with and logs it as unanswered', async () => {
    const { say, runwise } = await harness();
    const reply = await say("what's the weather like in paris tomorrow?");
    expect(reply).toMatchObject({ kind: 'fallback', intent: 'out_of_scope' });
    expect(reply.choices.length).toBeGreaterThan(0);
    const logged = await runwise.store.read('unanswered');
    expect(logged.map((e) => e.text)).toContain("what's the weather like in paris tomorrow?");
    expect(logged[0]).not.toHaveProperty('user');
  });

  it('GIVEN an everyday question that uses a word some facts use, not the domain\'s own ("sequential", "jdk", "isn\'t") THEN out of scope', async () => {
    const { say } = await harness();
    for (const text of ['is sequential reading faster on paper', 'my jdk install broke intellij', "my sourdough starter isn't rising"]) {
      expect(await say(text), text).toMatchObject({ kind: 'fallback', intent: 'out_of_scope' });
    }
  });

  it('GIVEN a clear question about a technology it does not know THEN does not guess, and logs it', async () => {
    const { say, runwise } = await harness();
    for (const text of ['what is salesforce?', 'who makes figma', 'is figma free?']) {
      const reply = await say(text);
      expect(reply).toMatchObject({ kind: 'fallback', intent: 'out_of_scope' });
    }
    expect((await runwise.store.read('unanswered')).map((e) => e.text)).toEqual(['what is salesforce?', 'who makes figma', 'is figma free?']);
  });

  it.each([
    ['empty', ''],
    ['whitespace', '   \n  '],
    ['20,000 characters', 'docker '.repeat(2858)],
    ['only emoji', '🐳🐳🐳'],
    ['a code block', '```\nkubectl get pods\n```'],
    ['another language', '仮想マシンとコンテナの違いは何ですか'],
    ['control characters', '\u0000\u0001\u0002'],
  ])('GIVEN %s THEN replies politely without crashing', async (_name, text) => {
    const { say } = await harness();
    const reply = await say(text);
    expect(reply.kind).toBe('fallback');
    expect(reply.intent).toBe('out_of_scope');
    expectWellFormed(reply);
  });

  it('GIVEN mentions around a question THEN answers the question', async () => {
    const { say } = await harness();
    const reply = await say('<@U0RUNWISE> <!channel> what is podman?');
    expect(reply.kind).toBe('answer');
    expect(aboutOf(reply)).toContain('podman');
  });
});

describe('feedback', () => {
  it('GIVEN helpful / not helpful clicks THEN thanks the user and records them per topic', async () => {
    const { say, click, runwise } = await harness();
    const reply = await say('what is containerd');
    await click(choiceLabelled(reply, /not helpful/i));
    const thanks = await click(choiceLabelled(reply, /^👍|^helpful/i));
    expect(thanks.kind).toBe('notice');
    const feedback = await runwise.store.read('feedback');
    expect(reply.kind).toBe('answer');
    const topic = reply.kind === 'answer' ? reply.topic : '';
    expect(feedback.map((f) => [f.topic, f.helpful])).toEqual([
      [topic, false],
      [topic, true],
    ]);
  });

  it('GIVEN "that\'s wrong" or "you\'re useless" after an answer THEN an apology with a way forward, never "you\'re welcome"', async () => {
    const { say } = await harness();
    await say('what is containerd');
    for (const text of ["that's wrong", "you're useless lol", 'that didn\'t answer my question']) {
      const reply = await say(text);
      expect(reply.intent, text).toBe('complaint');
      expect(reply.text, text).toBe(sharedBrain().messages.complaint);
      expect(reply.text, text).not.toBe(sharedBrain().messages.thanks);
    }
  });

  it('GIVEN words of a complaint in a question about the domain ("ingress 404 nginx not found") THEN it is answered as a question', async () => {
    const { say } = await harness();
    for (const text of ['ingress 404 nginx not found', 'distroless debugging no shell']) {
      const reply = await say(text);
      expect(reply.intent, text).not.toBe('complaint');
      expect(reply.kind, text).toBe('answer');
    }
  });
});

describe('about the bot itself', () => {
  it('GIVEN "what\'s your name", "who made you" or "are you a human" THEN it says it is runwise, a bot with sourced answers', async () => {
    const { say } = await harness();
    for (const text of ["what's your name?", 'who made you', 'are you a human or a bot']) {
      const reply = await say(text);
      expect(reply.intent, text).toBe('about_bot');
      expect(reply.text, text).toBe(sharedBrain().messages.aboutBot);
    }
    expect(sharedBrain().messages.aboutBot).toMatch(/runwise/);
  });
});
