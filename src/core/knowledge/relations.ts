import type { Knowledge } from './load.js';

/** A product (KVM, Podman) rather than a concept (VM, container) or a topic. */
export function isProduct(kb: Knowledge, id: string): boolean {
  const e = kb.entries.get(id);
  return e?.type === 'tech' && e.category !== 'concept';
}

/** The entries an entry names as related or as alternatives. */
export function neighboursOf(kb: Knowledge, id: string): string[] {
  const e = kb.entries.get(id);
  if (!e) return [];
  return e.type === 'tech' ? [...e.related, ...e.alternatives] : e.related;
}

/** True when either entry names the other as related or as an alternative (Docker and Docker Desktop). */
export function areNeighbours(kb: Knowledge, a: string, b: string): boolean {
  return neighboursOf(kb, a).includes(b) || neighboursOf(kb, b).includes(a);
}
