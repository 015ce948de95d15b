import { describe, expect, it } from 'vitest';
import { createEntityRecognizer, distinctIds } from '../../../src/core/nlu/entities.js';
import type { TechEntry } from '../../../src/core/knowledge/schema.js';
import { tokenize } from '../../../src/core/nlu/tokenize.js';

function tech(id: string, name: string, aliases: string[] = [], category: TechEntry['category'] = 'hypervisor'): TechEntry {
  return { type: 'tech', id, name, category, aliases, contextAliases: [], notBefore: [], summary: 's'.repeat(20), details: 'd'.repeat(20), facts: {}, related: [], alternatives: [], sources: ['x'], dated: [] };
}

const techs = [
  tech('podman', 'Podman', [], 'container-engine'),
  tech('docker', 'Docker', [], 'container-engine'),
  tech('hyper-v', 'Hyper-V', ['microsoft hyper-v']),
  tech('esxi', 'VMware ESXi', ['esxi', 'esx', 'vmware']),
  tech('kubernetes', 'Kubernetes', ['k8s', 'kube'], 'orchestrator'),
  tech('virtualbox', 'VirtualBox', ['oracle virtualbox']),
  tech('virtual-machine', 'Virtual machine', ['vm', 'virtual machines'], 'concept'),
  tech('kvm', 'KVM', ['kernel-based virtual machine']),
  { ...tech('kind-k8s', 'kind', ['kind cluster'], 'tool'), notBefore: ['of'] },
];
const recognizer = createEntityRecognizer(techs, new Set(['locker', 'machine', 'the', 'is']));
const ids = (text: string) => distinctIds(recognizer.find(tokenize(text)));

describe('entity recogniser', () => {
  it('GIVEN names written with spaces, dashes or none THEN finds the same technology', () => {
    expect(ids('hyper-v')).toEqual(['hyper-v']);
    expect(ids('hyperv')).toEqual(['hyper-v']);
    expect(ids('hyper v')).toEqual(['hyper-v']);
    expect(ids('virtual box')).toEqual(['virtualbox']);
  });

  it('GIVEN aliases and plurals THEN maps them to the entry', () => {
    expect(ids('is esx any good')).toEqual(['esxi']);
    expect(ids('k8s')).toEqual(['kubernetes']);
    expect(ids('vms are slow')).toEqual(['virtual-machine']);
    expect(ids('kernel-based virtual machine')).toEqual(['kvm']);
  });

  it('GIVEN a name shared by two products ("vmware") THEN the one its company of words means: Fusion on a macbook, ESXi otherwise, and a MAC address is no Mac', () => {
    const fusion = { ...tech('vmware-fusion', 'VMware Fusion', ['fusion pro']), contextAliases: [{ alias: 'vmware', when: ['macbook', 'my mac'] }] };
    const withFusion = createEntityRecognizer([...techs, fusion], new Set(['the']));
    const idsWith = (text: string) => distinctIds(withFusion.find(tokenize(text)));
    expect(idsWith('vmware on my macbook')).toEqual(['vmware-fusion']);
    expect(idsWith('is vmware slow on my mac')).toEqual(['vmware-fusion']);
    expect(idsWith('vmware keeps the mac address after import')).toEqual(['esxi']);
    expect(idsWith('vmware cluster upgrade')).toEqual(['esxi']);
  });

  it('GIVEN two words that spell a name together only across a function word ("vs an" → "vsan") THEN no technology; a name that has that word ("windows subsystem for linux") still matches', () => {
    const withVsan = createEntityRecognizer([...techs, tech('vsan', 'vSAN', [], 'tool'), tech('wsl2', 'WSL 2', ['windows subsystem for linux'], 'platform')], new Set(['the']));
    const idsWith = (text: string) => distinctIds(withVsan.find(tokenize(text)));
    expect(idsWith('docker vs an lxc container')).toEqual(['docker']);
    expect(idsWith('vsan or ceph')).toEqual(['vsan']);
    expect(idsWith('is windows subsystem for linux a vm')).toEqual(['wsl2', 'virtual-machine']);
  });

  it('GIVEN a one-word name followed by a word that makes it ordinary ("what kind of hypervisor") THEN not that technology', () => {
    expect(ids('what kind of hypervisor is kvm')).toEqual(['kvm']);
    expect(ids('kind cluster on podman')).toEqual(['kind-k8s', 'podman']);
    expect(ids('what is kind')).toEqual(['kind-k8s']);
  });

  it('GIVEN typos THEN tolerates them', () => {
    expect(ids('podmn')).toEqual(['podman']);
    expect(ids('dokcer compose')).toEqual(['docker']);
    expect(ids('virtaul box')).toEqual(['virtualbox']);
    expect(ids('kuberentes')).toEqual(['kubernetes']);
  });

  it('GIVEN ordinary words close to a name THEN does not invent a technology', () => {
    expect(ids('my locker is full')).toEqual([]);
    expect(ids('the machine')).toEqual([]);
  });

  it('GIVEN a word and a function word that together look like a misspelt name THEN no technology', () => {
    // "dock" + "or" is one letter from "docker".
    expect(ids('thunderbolt dock or usb hub')).toEqual([]);
  });

  it('GIVEN two technologies THEN returns both in order, once each', () => {
    expect(ids('docker vs podman vs docker')).toEqual(['docker', 'podman']);
    expect(ids('is kvm faster than esxi')).toEqual(['kvm', 'esxi']);
  });
});
