import type { Fact } from '../../../src/core/knowledge/fact-schema.js';
import type { Knowledge } from '../../../src/core/knowledge/load.js';
import type { Entry, TechEntry } from '../../../src/core/knowledge/schema.js';

const text = 'A placeholder long enough to satisfy the entry schema.';
const tech = (id: string, name: string, category: TechEntry['category'], aliases: string[] = [], related: string[] = []): TechEntry => ({
  type: 'tech', id, name, category, aliases, summary: text, details: text, facts: {}, related, alternatives: [], sources: ['s'], dated: [],
} as unknown as TechEntry);

const fact = (id: string, about: string[], ask: string[], answer: string, terms: string[] = []): Fact => ({
  id, about, topic: 'specific-tech', facet: 'what', ask, terms, answer, sources: ['s'],
});

/** A tiny knowledge base, so the ranking rules are tested apart from the real data. */
export function fixtureKnowledge(): Knowledge {
  const entries: Entry[] = [
    tech('docker', 'Docker', 'container-engine', ['dockerd']),
    tech('podman', 'Podman', 'container-engine', [], ['docker']),
    tech('kvm', 'KVM', 'hypervisor'),
    tech('container', 'Container', 'concept', ['containers']),
  ];
  const facts: Fact[] = [
    fact('podman-rootless', ['podman'], ['is podman rootless by default', 'can podman run without root'], 'Yes: Podman runs rootless by default for ordinary users, using user namespaces.'),
    fact('podman-daemon', ['podman'], ['does podman need a daemon', 'is there a podman service running in the background'], 'No: Podman is daemonless; each container is a child process of the podman command (or of systemd), watched by conmon.', ['conmon monitor process', 'conmon']),
    fact('docker-rootless', ['docker'], ['can docker run rootless', 'docker without root'], 'Yes, but not by default: Docker has a rootless mode you install with dockerd-rootless-setuptool.sh.'),
    fact('docker-daemon', ['docker'], ['does docker need a daemon', 'what is dockerd'], 'Yes: the Docker CLI talks to the dockerd daemon, which runs containers through containerd.'),
    fact('container-start', ['container'], ['how fast do containers start', 'container start up time'], 'Typically well under a second once the image is on the host: there is no kernel to boot.'),
    fact('kvm-type', ['kvm'], ['is kvm type 1 or type 2', 'kvm bare metal or hosted'], 'KVM turns the Linux kernel itself into a type 1 hypervisor.'),
    fact('containers-when', ['container'], ['when should we use containers', 'good uses for containers'], 'For stateless services you build and ship often.'),
    fact('containers-when-not', ['container'], ['when should we not use containers', 'bad fit for containers'], 'Not for software that needs its own kernel or a different OS.'),
    fact('kvm-sizing', ['kvm'], ['how do i size a kvm guest right', 'what the monitoring says about guest sizing'], 'Start small and grow from what monitoring says: more vCPUs is not always faster.'),
  ];
  return {
    sources: new Map([['s', { id: 's', title: 'A source' }]]),
    entries: new Map(entries.map((e) => [e.id, e])),
    techs: entries.filter((e): e is TechEntry => e.type === 'tech'),
    topics: [],
    byIntent: new Map(),
    byPair: new Map(),
    facts,
    factsById: new Map(facts.map((f) => [f.id, f])),
  };
}
