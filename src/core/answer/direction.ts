import type { Knowledge } from '../knowledge/load.js';
import type { FactHit } from '../retrieve/index.js';
import { isProduct } from '../knowledge/relations.js';

/** A move between two named products: "migrate vmware vms to proxmox", "to proxmox from vmware". */
export interface Direction {
  from: string;
  to: string;
}

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

const names = new WeakMap<Knowledge, Map<string, string[]>>();

/** The names of an entry as people type them, longest first (so "vmware esxi" wins over "esxi"); the first is its id. */
function namesOf(kb: Knowledge, id: string): string[] {
  let byId = names.get(kb);
  if (!byId) names.set(kb, (byId = new Map()));
  let list = byId.get(id);
  if (!list) {
    const entry = kb.entries.get(id);
    list = !entry || entry.type !== 'tech' ? [] : [id, ...[entry.name, ...entry.aliases].map((n) => n.toLowerCase()).sort((a, b) => b.length - a.length)];
    byId.set(id, list);
  }
  return list;
}

// The two patterns of a move between two entries, compiled once per pair (a turn may test many texts against one pair).
const movePatterns = new Map<string, [RegExp, RegExp] | null>();
const PATTERN_CACHE_LIMIT = 5_000;

/** "from A … to B", "A … to/into/-> B" or "to B from A", for the names given, in `text` (lowercase). */
function says(text: string, from: readonly string[], to: readonly string[]): boolean {
  const key = `${from[0] ?? ''}\u0000${to[0] ?? ''}`;
  let patterns = movePatterns.get(key);
  if (patterns === undefined) {
    const a = from.map(escape).join('|');
    const b = to.map(escape).join('|');
    patterns =
      a === '' || b === ''
        ? null
        : [
            new RegExp(`\\b(?:${a})\\b(?:[\\w\\s-]{0,30}?)\\s(?:to|into|->|→)\\s(?:[\\w\\s-]{0,12}?)\\b(?:${b})\\b`),
            new RegExp(`\\bto\\s(?:[\\w\\s-]{0,12}?)\\b(?:${b})\\b[\\w\\s-]{0,30}?\\bfrom\\s(?:[\\w\\s-]{0,12}?)\\b(?:${a})\\b`),
          ];
    if (movePatterns.size >= PATTERN_CACHE_LIMIT) movePatterns.clear();
    movePatterns.set(key, patterns);
  }
  return patterns !== null && (patterns[0].test(text) || patterns[1].test(text));
}

/** The move a message asks about, when it names two products and puts one before "to" and the other after it. */
export function directionOf(kb: Knowledge, text: string, named: readonly string[]): Direction | undefined {
  // Products only: "vms" before "to" is what moves, not where from.
  const entities = named.filter((id) => isProduct(kb, id));
  if (entities.length < 2) return undefined;
  const lower = text.toLowerCase();
  for (const from of entities) {
    for (const to of entities) {
      if (from !== to && says(lower, namesOf(kb, from), namesOf(kb, to))) return { from, to };
    }
  }
  return undefined;
}

// A fact whose questions only ask the opposite move ("kvm to esxi" for "esxi to kvm") ranks below those that do not.
const OPPOSITE_MOVE = 0.5;

/** The ranking with facts about the opposite move moved down. */
export function inDirection(kb: Knowledge, direction: Direction | undefined, hits: readonly FactHit[]): readonly FactHit[] {
  if (!direction) return hits;
  const from = namesOf(kb, direction.from);
  const to = namesOf(kb, direction.to);
  const opposite = (hit: FactHit) => {
    const asks = hit.fact.ask.map((a) => a.toLowerCase());
    return asks.some((a) => says(a, to, from)) && !asks.some((a) => says(a, from, to));
  };
  const against = hits.map(opposite);
  if (!against.includes(true)) return hits;
  return hits.map((h, k) => (against[k] ? { ...h, score: h.score * OPPOSITE_MOVE } : h)).sort((x, y) => y.score - x.score);
}
