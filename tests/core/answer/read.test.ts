import { describe, expect, it } from 'vitest';
import { namesBothSides } from '../../../src/core/answer/read.js';
import type { NluResult } from '../../../src/core/nlu/index.js';

const isProduct = (id: string) => id !== 'virtual-machine';
const named = (...mentions: [string, string][]): NluResult => ({
  intent: 'compare',
  confidence: 0.9,
  ranking: [],
  entities: mentions.map(([id]) => id),
  mentions: mentions.map(([id, text]) => ({ id, text, fuzzy: false })),
  known: 5,
});

describe('what a comparison compares', () => {
  it('GIVEN products on both sides of "vs" or "or" THEN they are compared; both on one side ("k8s on vsphere vs bare metal") THEN not', () => {
    expect(namesBothSides('docker vs podman for local dev', named(['docker', 'docker'], ['podman', 'podman']), isProduct)).toBe(true);
    expect(namesBothSides('is hyper-v or kvm faster', named(['hyper-v', 'hyper v'], ['kvm', 'kvm']), isProduct)).toBe(true);
    expect(namesBothSides('k8s on vsphere vs bare metal, which is faster', named(['kubernetes', 'k8s'], ['vsphere', 'vsphere']), isProduct)).toBe(false);
    // No "vs" or "or": the names are what is compared.
    expect(namesBothSides('difference between docker and podman', named(['docker', 'docker'], ['podman', 'podman']), isProduct)).toBe(true);
  });
});
