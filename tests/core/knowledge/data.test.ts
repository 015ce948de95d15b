import { existsSync, readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { loadKnowledge, pairKey } from '../../../src/core/knowledge/load.js';
import type { Entry, TechEntry } from '../../../src/core/knowledge/schema.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
const kb = loadKnowledge(join(root, 'data'));

const TOPIC_INTENTS = [
  'vm_vs_container', 'isolation_security', 'performance_overhead', 'startup_time', 'footprint_size',
  'density_scalability', 'portability', 'flexibility_microservices', 'patching_updates', 'hpc',
  'cost_licensing', 'legacy_other_os', 'hybrid', 'when_to_use', 'storage_volumes', 'networking',
  'gpu_passthrough', 'nested_virtualization', 'desktop_hosts', 'vmware_alternatives', 'databases_in_containers',
  'ci_runners', 'dev_environments', 'live_migration', 'image_size', 'sandboxed_containers', 'orchestration',
  'end_of_life',
];

const norm = (s: string) => s.toLowerCase().replace(/[^a-z0-9]+/g, ' ').trim();

/** What a user typing a product name would hit: id, name or alias, ignoring case and punctuation. */
function lookup(name: string): TechEntry | undefined {
  const n = norm(name);
  return kb.techs.find((t) => [t.id, t.name, ...t.aliases].some((s) => norm(s) === n));
}

function tech(id: string): TechEntry {
  const entry = kb.entries.get(id);
  if (entry?.type !== 'tech') throw new Error(`no tech entry ${id}`);
  return entry;
}

function texts(entry: Entry): string[] {
  const facts = entry.type === 'tech' ? Object.values(entry.facts).map((f) => (typeof f === 'string' ? f : f.note)) : [];
  return [entry.summary, entry.details, ...facts];
}

describe('knowledge data', () => {
  it('answers every trade-off and practical topic intent', () => {
    const missing = TOPIC_INTENTS.filter((intent) => !kb.byIntent.has(intent));
    expect(missing).toEqual([]);
  });

  it('uses only intents that exist in intents/', () => {
    const intentsDir = join(root, 'intents');
    const known = new Set(readdirSync(intentsDir).filter((f) => f.endsWith('.json')).map((f) => f.replace(/\.json$/, '')));
    const unknown = [...kb.byIntent.keys()].filter((intent) => !known.has(intent));
    expect(unknown).toEqual([]);
  });

  it('says Hyper-V is type 1 and calls the type 2 listing a mistake', () => {
    const hyperV = tech('hyper-v');
    expect(hyperV.facts.hypervisorType?.value).toBe('type-1');
    const note = hyperV.facts.hypervisorType?.note ?? '';
    expect(note).toMatch(/type 2/i);
    expect(note).toMatch(/mistake/i);
    expect(note).toMatch(/root|parent/i);
  });

  it('classifies the well-known hypervisors the way engineers expect', () => {
    expect(tech('kvm').facts.hypervisorType?.value).toBe('type-1');
    expect(tech('kvm').facts.hypervisorType?.note).toMatch(/hybrid/i);
    expect(tech('esxi').facts.hypervisorType?.value).toBe('type-1');
    expect(tech('xen').facts.hypervisorType?.value).toBe('type-1');
    expect(tech('virtualbox').facts.hypervisorType?.value).toBe('type-2');
    expect(tech('vmware-workstation').facts.hypervisorType?.value).toBe('type-2');
    const boxes = tech('gnome-boxes');
    expect(boxes.summary).toMatch(/KVM/);
    expect(boxes.summary).toMatch(/libvirt/);
    expect(boxes.facts.hypervisorType?.note).toMatch(/front end/i);
  });

  it('knows every hypervisor and container engine the seeds name', () => {
    const named = [
      'KVM', 'Kernel Virtual Machine', 'Xen', 'VMware ESXi', 'vSphere', 'VMware', 'Hyper-V', 'VirtualBox', 'GNOME Boxes',
      'RHEV', 'Red Hat Enterprise Virtualization', 'XCP-ng', 'Citrix XenServer', 'Nutanix',
      'Docker', 'Podman', 'CRI-O', 'rktlet', 'containerd', 'LXC', 'LXD',
      'OpenShift', 'RHOCP', 'Kubernetes', 'Virtual Machine Manager',
    ];
    const unknown = named.filter((name) => lookup(name) === undefined);
    expect(unknown).toEqual([]);
  });

  it('gives every hypervisor its vendor, licence, typical use and type (as entry facts or question-level facts)', () => {
    const named = [
      'kvm', 'qemu', 'xen', 'xenserver', 'xcp-ng', 'esxi', 'vsphere', 'hyper-v', 'virtualbox', 'gnome-boxes',
      'rhev', 'ovirt', 'nutanix-ahv', 'proxmox', 'vmware-workstation',
    ];
    const hypervisors = [...new Set([...named.map(tech), ...kb.techs.filter((t) => t.category === 'hypervisor')])];
    // New entries keep these as question-level facts (facets maker, licence, use, type) instead of `facts`.
    const hasFact = (t: TechEntry, facet: string) => kb.facts.some((f) => f.about[0] === t.id && f.facet === facet);
    const incomplete = hypervisors
      .filter(
        (t) =>
          !(t.facts.vendor || hasFact(t, 'maker')) ||
          !(t.facts.license || hasFact(t, 'licence')) ||
          !(t.facts.typicalUse || hasFact(t, 'use')) ||
          !(t.facts.hypervisorType || hasFact(t, 'type')),
      )
      .map((t) => t.id);
    expect(incomplete).toEqual([]);
  });

  it('marks end-of-life products with what replaced them', () => {
    expect(tech('rhev').facts.status).toMatch(/OpenShift Virtualization/);
    expect(tech('rhev').facts.status).toMatch(/oVirt/);
    expect(tech('rkt').facts.status).toMatch(/2020/);
    expect(tech('rktlet').facts.status).toMatch(/containerd|CRI-O/);
    expect(kb.byIntent.get('end_of_life')?.summary).toMatch(/rkt/);
  });

  it('cites each seed document from at least three entries, and every source from an entry, a dated claim or a fact', () => {
    const seeds = [...kb.sources.values()].filter((s) => s.seedFile);
    expect(seeds).toHaveLength(5);
    const citations = new Map<string, number>();
    for (const entry of kb.entries.values()) for (const id of entry.sources) citations.set(id, (citations.get(id) ?? 0) + 1);
    const alsoCited = [...[...kb.entries.values()].flatMap((e) => e.dated.flatMap((c) => c.sources)), ...kb.facts.flatMap((f) => f.sources)];
    for (const id of alsoCited) if (!citations.has(id)) citations.set(id, 0);
    const thin = seeds.filter((s) => (citations.get(s.id) ?? 0) < 3).map((s) => s.id);
    expect(thin).toEqual([]);
    const unused = [...kb.sources.keys()].filter((id) => !citations.has(id));
    expect(unused).toEqual([]);
  });

  it('gives every source a title, and a URL unless it is a seed file', () => {
    const bad = [...kb.sources.values()].filter((s) => s.title.length < 3 || (!s.url && !s.seedFile)).map((s) => s.id);
    expect(bad).toEqual([]);
  });

  it('points seed sources at the seed files when they are available', () => {
    const seedDir = join(root, '..', 'shared', 'seeds');
    if (!existsSync(seedDir)) return;
    const files = new Set(readdirSync(seedDir));
    const missing = [...kb.sources.values()].filter((s) => s.seedFile && !files.has(s.seedFile)).map((s) => s.seedFile);
    expect(missing).toEqual([]);
    expect([...files].filter((f) => ![...kb.sources.values()].some((s) => s.seedFile === f))).toEqual([]);
  });

  it('answers the common "X vs Y" questions directly', () => {
    const pairs: [string, string][] = [
      ['virtual-machine', 'container'], ['docker', 'podman'], ['containerd', 'cri-o'], ['docker', 'containerd'],
      ['lxc', 'docker'], ['kvm', 'esxi'], ['kvm', 'xen'], ['hyper-v', 'esxi'], ['virtualbox', 'hyper-v'],
      ['virtualbox', 'vmware-workstation'], ['proxmox', 'esxi'], ['gvisor', 'kata-containers'],
      ['kata-containers', 'firecracker'], ['kubernetes', 'openshift'], ['kubernetes', 'docker-swarm'],
      ['kubevirt', 'openstack'], ['type-1-hypervisor', 'type-2-hypervisor'], ['xen', 'xenserver'],
      ['podman', 'cri-o'], ['docker', 'lxd'], ['kvm', 'qemu'], ['lxc', 'lxd'],
    ];
    const missing = pairs.filter(([a, b]) => !kb.byPair.has(pairKey(a, b))).map((p) => p.join(' vs '));
    expect(missing).toEqual([]);
    expect(kb.byPair.get(pairKey('container', 'virtual-machine'))?.intent).toBe('vm_vs_container');
  });

  it('keeps names and aliases unambiguous across entries', () => {
    const owner = new Map<string, string>();
    const clashes: string[] = [];
    for (const t of kb.techs) {
      for (const label of new Set([t.id, t.name, ...t.aliases].map(norm))) {
        const other = owner.get(label);
        if (other && other !== t.id) clashes.push(`"${label}": ${other} and ${t.id}`);
        owner.set(label, t.id);
      }
    }
    expect(clashes).toEqual([]);
  });

  it('uses only the tiny markup every renderer understands', () => {
    const problems: string[] = [];
    for (const entry of kb.entries.values()) {
      for (const text of texts(entry)) {
        if (/\n{3,}/.test(text)) problems.push(`${entry.id}: more than one blank line`);
        if (/^\s*(#|\* |\d+\. |>)/m.test(text)) problems.push(`${entry.id}: heading, '*' bullet, numbered list or quote`);
        if (/\[[^\]]+\]\([^)]+\)|<\/?[a-z]+>/i.test(text)) problems.push(`${entry.id}: markdown link or HTML`);
        if ((text.match(/\*\*/g) ?? []).length % 2 !== 0) problems.push(`${entry.id}: unbalanced **`);
        if ((text.match(/`/g) ?? []).length % 2 !== 0) problems.push(`${entry.id}: unbalanced backtick`);
        if (text !== text.trim()) problems.push(`${entry.id}: leading or trailing whitespace`);
      }
    }
    expect(problems).toEqual([]);
  });

  it('states start-up times and sizes with numbers, not just "fast" and "small"', () => {
    const startup = kb.byIntent.get('startup_time')?.summary ?? '';
    expect(startup).toMatch(/ms/);
    expect(startup).toMatch(/125 ms/);
    expect(kb.byIntent.get('footprint_size')?.summary).toMatch(/MB/);
    expect(kb.byIntent.get('footprint_size')?.summary).toMatch(/GB/);
  });
});
