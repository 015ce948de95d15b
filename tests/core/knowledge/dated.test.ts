import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { answerEntry, answerFacet } from '../../../src/core/answer/compose.js';
import { asOfNote, datedItems, monthsSince, monthYear, staleness, type DatedItem } from '../../../src/core/knowledge/dated.js';
import { TIME_SENSITIVE_FACETS } from '../../../src/core/knowledge/fact-schema.js';
import { loadKnowledge } from '../../../src/core/knowledge/load.js';
import type { DatedClaimKind, Entry, TechEntry } from '../../../src/core/knowledge/schema.js';
import { loadMessages } from '../../../src/core/messages.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
const kb = loadKnowledge(join(root, 'data'));

/**
 * Wording that makes a sentence time-sensitive, and the dated-claim kinds that may cover it.
 * Deliberately broad: a false alarm costs one `dated` line, a missed one costs a stale answer.
 */
const TIME_SENSITIVE: { kinds: DatedClaimKind[]; pattern: RegExp }[] = [
  {
    kinds: ['license', 'price'],
    pattern: /\b(licen[cs]ed under|needs (vendor )?licensing|subscriptions?|per[- ]core|free for|free of charge|paid (plan|subscription|licen[cs]e|edition)|pricing|priced|(A|L)?GPL(v\d)?|Apache 2\.0|MIT licen[cs]e|BSD-\d|Business Source|BSL|proprietary)\b/i,
  },
  { kinds: ['status', 'support'], pattern: /\b(end[- ]of[- ]life|end of (general )?support|out of support|discontinued|archived|withdrawn|maintenance support|extended life)\b/i },
  { kinds: ['version'], pattern: /\b(current (major )?(line|version|release|minor)|latest (version|release)|last (kubernetes )?release)\b/i },
];

function entryTexts(entry: Entry): string[] {
  const facts = entry.type === 'tech' ? Object.values(entry.facts).map((f) => (typeof f === 'string' ? f : f.note)) : [];
  return [entry.summary, entry.details, ...facts];
}

/** The question-level facet that dates the same kind of statement. */
const FACET_OF: Record<DatedClaimKind, string> = { license: 'licence', price: 'cost', version: 'version', support: 'status', status: 'status' };

/** An entry without `dated` (new entries keep such statements in facts) is covered by a dated fact about it of that kind. */
function datedByFact(entryId: string, kinds: DatedClaimKind[]): boolean {
  return kb.facts.some((f) => f.about[0] === entryId && f.asOf && kinds.some((k) => FACET_OF[k] === f.facet));
}

const item = (asOf: string, where = 'entry x'): DatedItem => ({ where, claim: 'license', asOf, sources: ['s'] });

describe('dated claims in the data', () => {
  it('GIVEN a licence or status fact THEN the entry dates it', () => {
    const missing: string[] = [];
    for (const t of kb.techs) {
      if (t.facts.license && !t.dated.some((c) => c.claim === 'license')) missing.push(`${t.id}: license`);
      if (t.facts.status && !t.dated.some((c) => c.claim === 'status')) missing.push(`${t.id}: status`);
    }
    expect(missing).toEqual([]);
  });

  it('GIVEN licence, price, support, end-of-life or version wording in a text THEN the entry has a dated claim of that kind', () => {
    const missing: string[] = [];
    for (const entry of kb.entries.values()) {
      for (const { kinds, pattern } of TIME_SENSITIVE) {
        const hit = entryTexts(entry).map((t) => pattern.exec(t)?.[0]).find(Boolean);
        if (hit && !entry.dated.some((c) => kinds.includes(c.claim)) && !datedByFact(entry.id, kinds)) {
          missing.push(`${entry.id}: "${hit}" needs ${kinds.join(' or ')}`);
        }
      }
    }
    expect(missing).toEqual([]);
  });

  it('GIVEN a dated claim THEN every source it cites exists and has a title and a URL', () => {
    const bad: string[] = [];
    for (const entry of kb.entries.values()) {
      for (const claim of entry.dated) {
        for (const id of claim.sources) {
          const doc = kb.sources.get(id);
          if (!doc?.url || doc.title.length < 3) bad.push(`${entry.id} (${claim.claim}): ${id}`);
        }
      }
    }
    expect(bad).toEqual([]);
  });

  it('GIVEN a licence, cost, version or status fact THEN it has asOf and a source with a URL', () => {
    const bad = kb.facts
      .filter((f) => TIME_SENSITIVE_FACETS.has(f.facet))
      .filter((f) => !f.asOf || !f.sources.some((id) => kb.sources.get(id)?.url))
      .map((f) => f.id);
    expect(bad).toEqual([]);
  });

  it('finds the dated claims of entries and facts for the stale check', () => {
    const items = datedItems(kb);
    expect(items.some((i) => i.where === 'entry esxi' && i.claim === 'license')).toBe(true);
    expect(items.length).toBeGreaterThan(kb.techs.filter((t) => t.facts.license).length);
  });
});

describe('the stale check', () => {
  const today = new Date('2026-11-29T12:00:00Z');

  it('GIVEN a month THEN counts whole months to today', () => {
    expect(monthsSince('2026-11', today)).toBe(0);
    expect(monthsSince('2026-05', today)).toBe(6);
    expect(monthsSince('2025-11', today)).toBe(12);
    expect(monthsSince('2025-10', today)).toBe(13);
  });

  it('GIVEN claims of several ages THEN lists those older than 6 months and fails only on those older than 12', () => {
    const { stale, expired } = staleness([item('2026-11', 'a'), item('2026-05', 'b'), item('2026-04', 'c'), item('2025-11', 'd'), item('2025-10', 'e')], today);
    expect(stale.map((i) => i.where)).toEqual(['e', 'd', 'c']);
    expect(expired.map((i) => i.where)).toEqual(['e']);
    expect(expired[0]!.months).toBe(13);
  });

  it('GIVEN fresh claims THEN nothing is stale', () => {
    expect(staleness([item('2026-11'), item('2026-10')], today)).toEqual({ stale: [], expired: [] });
  });

  it('GIVEN other thresholds THEN uses them', () => {
    expect(staleness([item('2026-08')], today, 1, 2).expired).toHaveLength(1);
  });
});

describe('"as of" wording', () => {
  it('GIVEN YYYY-MM THEN names the month', () => {
    expect(monthYear('2026-11')).toBe('November 2026');
    expect(monthYear('2025-01')).toBe('January 2025');
  });

  it('GIVEN an entry with dated claims THEN the note names their kinds and the oldest month', () => {
    const esxi = kb.entries.get('esxi')!;
    expect(asOfNote(esxi)).toMatch(/^Licence\b.* as of \w+ 20\d\d\.$/);
    const one = { ...esxi, dated: [{ claim: 'license' as const, asOf: '2026-11', sources: ['x'] }] };
    expect(asOfNote(one)).toBe('Licence as of November 2026.');
    expect(asOfNote({ ...esxi, dated: [] })).toBeUndefined();
    const mixed = { ...esxi, dated: [{ claim: 'status' as const, asOf: '2026-11', sources: ['x'] }, { claim: 'license' as const, asOf: '2026-02', sources: ['x'] }] };
    expect(asOfNote(mixed)).toBe('Status and licence as of February 2026.');
  });
});

describe('replies that use a dated claim', () => {
  const ctx = { kb, messages: loadMessages(join(root, 'data', 'messages.json')) };
  const scored = { intent: 'license', confidence: 0.9 };
  const esxi = kb.entries.get('esxi') as TechEntry;

  it('GIVEN a licence question THEN the licence fact says as of which month', () => {
    const reply = answerFacet(ctx, esxi, 'license', scored);
    expect(reply.text).toMatch(/^As of \w+ 20\d\d: /);
    expect(reply.text).toContain(esxi.facts.license!.slice(0, 40));
  });

  it('GIVEN an entry with dated claims THEN its summary and details end with the as-of note', () => {
    expect(answerEntry(ctx, esxi, scored).text).toMatch(/as of \w+ 20\d\d\.$/);
    expect(answerEntry(ctx, esxi, scored, { detailed: true }).text).toMatch(/as of \w+ 20\d\d\.$/);
  });
});
