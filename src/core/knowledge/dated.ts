import type { Knowledge } from './load.js';
import type { DatedClaim, DatedClaimKind, Entry } from './schema.js';

/** One dated statement anywhere in the data: an entry's dated claim or a fact with `asOf`. */
export interface DatedItem {
  /** `entry <id>` or `fact <id>`: where a maintainer finds it. */
  where: string;
  /** The claim kind (entries) or the facet (facts). */
  claim: string;
  asOf: string;
  sources: readonly string[];
}

export interface Staleness {
  /** Checked more than `warnAfter` months ago: worth re-checking. */
  stale: (DatedItem & { months: number })[];
  /** Checked more than `failAfter` months ago: must be re-checked. */
  expired: (DatedItem & { months: number })[];
}

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

const KIND_WORDS: Record<DatedClaimKind, string> = {
  license: 'licence',
  price: 'price',
  version: 'version',
  support: 'support',
  status: 'status',
};

/** '2026-11' → 'November 2026'. */
export function monthYear(asOf: string): string {
  const [year, month] = asOf.split('-').map(Number);
  return `${MONTHS[(month ?? 1) - 1]} ${year}`;
}

/** Whole months from `asOf` (YYYY-MM) to the month of `today`. */
export function monthsSince(asOf: string, today: Date): number {
  const [year, month] = asOf.split('-').map(Number);
  return today.getUTCFullYear() * 12 + today.getUTCMonth() + 1 - ((year ?? 0) * 12 + (month ?? 0));
}

/** The entry's dated claim of one kind, if it has one. */
export function datedClaim(entry: Entry, kind: DatedClaimKind): DatedClaim | undefined {
  return entry.dated.find((c) => c.claim === kind);
}

/**
 * The line an answer built from an entry's summary or details ends with when the entry makes dated claims:
 * "Licence and status as of November 2026." The oldest date is the honest one.
 */
export function asOfNote(entry: Entry): string | undefined {
  if (entry.dated.length === 0) return undefined;
  const oldest = entry.dated.map((c) => c.asOf).sort()[0]!;
  const words = entry.dated.map((c) => KIND_WORDS[c.claim]);
  const list = words.length === 1 ? words[0]! : `${words.slice(0, -1).join(', ')} and ${words[words.length - 1]}`;
  return `${list[0]!.toUpperCase()}${list.slice(1)} as of ${monthYear(oldest)}.`;
}

/** Every dated statement: entries' dated claims and facts that carry `asOf`. */
export function datedItems(kb: Knowledge): DatedItem[] {
  const items: DatedItem[] = [];
  for (const entry of kb.entries.values()) {
    for (const c of entry.dated) items.push({ where: `entry ${entry.id}`, claim: c.claim, asOf: c.asOf, sources: c.sources });
  }
  for (const fact of kb.facts) {
    if (fact.asOf) items.push({ where: `fact ${fact.id}`, claim: fact.facet, asOf: fact.asOf, sources: fact.sources });
  }
  return items;
}

/** Which dated items are older than `warnAfter` and `failAfter` months on `today` (passed in, never read here). */
export function staleness(items: readonly DatedItem[], today: Date, warnAfter = 6, failAfter = 12): Staleness {
  const aged = items.map((item) => ({ ...item, months: monthsSince(item.asOf, today) })).sort((a, b) => b.months - a.months);
  return { stale: aged.filter((i) => i.months > warnAfter), expired: aged.filter((i) => i.months > failAfter) };
}
