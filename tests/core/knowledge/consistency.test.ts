import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { loadKnowledge } from '../../../src/core/knowledge/load.js';
import type { Entry, TechEntry } from '../../../src/core/knowledge/schema.js';

/**
 * One place per claim: a hypervisor's type, a product's licence and an end-of-life product's dates are stated
 * in its entry's facts; every other text that repeats them (other entries, comparisons, the tour, the flows'
 * texts, question-level facts) must agree with that entry.
 */
const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
const kb = loadKnowledge(join(root, 'data'));

interface Place {
  where: string;
  text: string;
  /** The entry the text belongs to, if any: its own facts may explain common mistakes. */
  owner?: string;
}

/** Every string under a JSON value, with its path. */
function strings(value: unknown, path: string, out: Place[]): void {
  if (typeof value === 'string') out.push({ where: path, text: value });
  else if (Array.isArray(value)) value.forEach((v, i) => strings(v, `${path}[${i}]`, out));
  else if (value && typeof value === 'object') for (const [k, v] of Object.entries(value)) strings(v, `${path}.${k}`, out);
}

function entryTexts(entry: Entry): string[] {
  const facts = entry.type === 'tech' ? Object.values(entry.facts).map((f) => (typeof f === 'string' ? f : f.note)) : [];
  return [entry.summary, entry.details, ...facts];
}

const places: Place[] = [
  ...[...kb.entries.values()].flatMap((e) => entryTexts(e).map((text) => ({ where: `entry ${e.id}`, text, owner: e.id }))),
  ...kb.facts.map((f) => ({ where: `fact ${f.id}`, text: f.answer, owner: f.about[0] })),
];
for (const flow of ['tour', 'recommend']) {
  const found: Place[] = [];
  strings(JSON.parse(readFileSync(join(root, 'data', 'flows', `${flow}.json`), 'utf8')), `flows/${flow}`, found);
  places.push(...found);
}

/** Entries and flows (question-level facts have their own writers and checks). */
const ownPlaces = places.filter((p) => !p.where.startsWith('fact '));

/** Clauses: sentences, split further at line breaks, semicolons and conjunctions that start a new statement. */
function clauses(text: string): string[] {
  return text
    .split(/\n+|(?<=[.!?])\s+(?=[A-Z*`"(])|;\s+|,? but |,? while |,? whereas |,? when /)
    .map((c) => c.trim())
    .filter(Boolean);
}

/** Whole sentences, for rules about what a sentence must say together. */
function sentences(text: string): string[] {
  return text.split(/\n+|(?<=[.!?])\s+(?=[A-Z*`"(])/).map((c) => c.trim()).filter(Boolean);
}

const norm = (s: string) => s.toLowerCase().replace(/[^a-z0-9]+/g, ' ').trim();

/** The company, not the product: a one-word alias equal to the first word of the vendor fact ("vmware" for ESXi). */
function isVendorWord(t: TechEntry, alias: string): boolean {
  const vendor = t.facts.vendor?.split(/[\s,.(]/)[0]?.toLowerCase();
  return !alias.includes(' ') && alias.toLowerCase() === vendor;
}

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Names and aliases of every tech entry as patterns, longest first, so "VMware Workstation" is found before "VMware". */
const LABELS = kb.techs
  .flatMap((t) => [t.name, ...t.aliases.filter((a) => !isVendorWord(t, a))].map((label) => ({ label, id: t.id })))
  .filter((l) => norm(l.label).length >= 3)
  .sort((a, b) => norm(b.label).length - norm(a.label).length)
  .map(({ label, id }) => ({ id, re: new RegExp(`(?<![a-z0-9])${norm(label).split(' ').map(escape).join('[^a-z0-9]+')}(?![a-z0-9])`, 'g') }));

interface Mention {
  id: string;
  start: number;
  end: number;
}

/** The tech entries a clause names, with where (each span counted once; possessives and "without X" ignored). */
function mentions(clause: string): Mention[] {
  let text = clause.toLowerCase().replace(/\b[\w-]+['’]s\b/g, (m) => ' '.repeat(m.length)).replace(/\bwithout [\w-]+/g, (m) => ' '.repeat(m.length));
  const found: Mention[] = [];
  for (const { id, re } of LABELS) {
    text = text.replace(re, (m, offset: number) => {
      found.push({ id, start: offset, end: offset + m.length });
      return ' '.repeat(m.length);
    });
  }
  return found.sort((a, b) => a.start - b.start);
}

function named(clause: string): Set<string> {
  return new Set(mentions(clause).map((m) => m.id));
}

/**
 * Who a claim at `at..end` in the clause is about: the names just before it joined by "is/are/as"
 * ("Xen is a type 1 hypervisor"), and the names listed after it behind a colon or parenthesis
 * ("Type 2 (hosted) runs as an application: VirtualBox, VMware Workstation").
 */
function subjects(clause: string, at: number, end: number): string[] {
  const all = mentions(clause);
  const before = all.filter((m) => m.end <= at);
  const last = before[before.length - 1];
  const ids: string[] = [];
  if (last && /\b(is|are|was|were|as)\b/i.test(clause.slice(last.end, at)) && !/\bor\b/i.test(clause.slice(last.end, at))) {
    // "KVM and Xen are type 1": the names joined to the last one by commas or "and".
    let i = before.length - 1;
    ids.push(before[i]!.id);
    while (i > 0 && /^[\s,]*(and\s+)?$/i.test(clause.slice(before[i - 1]!.end, before[i]!.start))) ids.push(before[--i]!.id);
  }
  const after = all.filter((m) => m.start >= end);
  if (after.length > 0 && /(:|\(|\bsuch as|\blike|\be\.g\.)[\s*_`]*$/i.test(clause.slice(end, after[0]!.start))) {
    // The list right behind the colon: names separated by commas, "and" or "or".
    let i = 0;
    ids.push(after[0]!.id);
    while (i + 1 < after.length && /^[\s,*_`]*((and|or)\s+)?[\s*_`]*$/i.test(clause.slice(after[i]!.end, after[i + 1]!.start))) ids.push(after[++i]!.id);
  }
  return ids;
}

/** A clause that reports or corrects a claim rather than making it. */
const HEDGED = /\b(mistake|mislabel+ed|often (listed|called)|some (call|describe|list)|tables? (that )?lists?|not a hosted|isn't|is not|strictly|look(s)? (like|hosted)|blurrier|hybrid)\b/i;

const TYPE_1 = /\btype[- ]?(1|one)\b|\bbare[- ]metal hypervisor|\(bare[- ]metal\b/i;
const TYPE_2 = /\btype[- ]?(2|two)\b|\(hosted\)|\bhosted hypervisor/i;

describe('one place per claim', () => {
  it('states every hypervisor type the way its entry does', () => {
    const hypervisors = new Map(kb.techs.filter((t) => t.facts.hypervisorType).map((t) => [t.id, t.facts.hypervisorType!.value]));
    const conflicts: string[] = [];
    for (const place of places) {
      for (const clause of clauses(place.text)) {
        const m1 = TYPE_1.exec(clause);
        const m2 = TYPE_2.exec(clause);
        if (Boolean(m1) === Boolean(m2) || HEDGED.test(clause)) continue;
        const match = (m1 ?? m2)!;
        const claimed = m1 ? 'type-1' : 'type-2';
        for (const id of subjects(clause, match.index, match.index + match[0].length)) {
          const actual = hypervisors.get(id);
          // QEMU is type 2 on its own and the device model of a type 1 stack with KVM: both are true.
          if (!actual || actual === claimed || id === 'qemu') continue;
          conflicts.push(`${place.where}: says ${id} is ${claimed}, its entry says ${actual}: "${clause}"`);
        }
      }
    }
    expect(conflicts).toEqual([]);
  });

  it('states every product licence the way its entry does', () => {
    const LICENCES: [string, RegExp][] = [
      ['GPLv2', /\bGPL(v2|-2\.0| ?2\b| version 2)/i],
      ['GPLv3', /\bGPL(v3|-3\.0| ?3\b| version 3)/i],
      ['AGPLv3', /\bAGPL/i],
      ['LGPL', /\bLGPL/i],
      ['Apache 2.0', /\bApache( License,?)?( version)? ?2(\.0)?\b|\bApache-2\.0\b/i],
      ['MIT', /\bMIT\b/],
      ['BSD', /\bBSD[- ]\d|\bBSD licen[cs]e/i],
      ['BSL', /\bBusiness Source Licen[cs]e\b|\bBSL\b/i],
      ['MPL', /\bMPL\b/],
      ['proprietary', /\bproprietary\b/i],
    ];
    const licencesOf = (text: string) => new Set(LICENCES.filter(([, re]) => re.test(text)).map(([name]) => name));
    const declared = new Map(kb.techs.filter((t) => t.facts.license).map((t) => [t.id, licencesOf(t.facts.license!)]));
    const conflicts: string[] = [];
    for (const place of places) {
      for (const clause of clauses(place.text)) {
        const stated = licencesOf(clause);
        // Naming runs every entry's pattern over the clause: only for the few clauses that state a licence.
        if (stated.size === 0) continue;
        const ids = [...named(clause)];
        // Only a clause that names one product attributes a licence to it unambiguously.
        if (ids.length !== 1 || !declared.has(ids[0]!)) continue;
        const own = declared.get(ids[0]!)!;
        const foreign = [...stated].filter((l) => !own.has(l));
        if (own.size > 0 && foreign.length > 0) conflicts.push(`${place.where}: ${foreign.join(', ')} for ${ids[0]} (entry: ${[...own].join(', ')}): "${clause}"`);
      }
    }
    expect(conflicts).toEqual([]);
  });

  it('dates an end-of-life product the way its entry does', () => {
    const ENDED = /\b(ended|end[- ]of[- ]life|end of (general )?support|archived|discontinued|maintenance (support )?ended|extended life|out of support)\b/i;
    const withStatus = kb.techs.filter((t): t is TechEntry & { facts: { status: string } } => Boolean(t.facts.status));
    const years = new Map(withStatus.map((t) => [t.id, new Set(t.facts.status.match(/\b20\d\d\b/g) ?? [])]));
    const conflicts: string[] = [];
    for (const place of places) {
      for (const clause of clauses(place.text)) {
        if (!ENDED.test(clause)) continue;
        const ids = [...named(clause)].filter((id) => years.has(id));
        if (ids.length !== 1) continue;
        const own = years.get(ids[0]!)!;
        // The years right after "ended", "archived"... (not a launch or release year elsewhere in the clause).
        const near = [...clause.matchAll(new RegExp(ENDED.source, 'gi'))].flatMap((m) => clause.slice(m.index, m.index + m[0].length + 40).match(/\b20\d\d\b/g) ?? []);
        const other = near.filter((y) => !own.has(y));
        if (other.length > 0) conflicts.push(`${place.where}: ${ids[0]} ended in ${other.join(', ')}? entry says ${[...own].join(', ')}: "${clause}"`);
      }
    }
    expect(conflicts).toEqual([]);
  });

  it('never calls the free ESXi withdrawn without saying it came back', () => {
    const bad = ownPlaces
      .flatMap((p) => sentences(p.text).map((c) => ({ where: p.where, c })))
      .filter(({ c }) => /free (ESXi|vSphere Hypervisor)/i.test(c) && /withdrawn|discontinued/i.test(c) && !/2025|returned|back|again|reappeared/i.test(c))
      .map(({ where, c }) => `${where}: "${c}"`);
    expect(bad).toEqual([]);
  });

  it('never gives Docker Desktop terms without the government-entity rule', () => {
    const bad = ownPlaces
      .flatMap((p) => sentences(p.text).map((c) => ({ where: p.where, c })))
      .filter(({ c }) => /Docker Desktop|Desktop/.test(c) && /\b250\b/.test(c) && !/government/i.test(c))
      .map(({ where, c }) => `${where}: "${c}"`);
    expect(bad).toEqual([]);
  });

  it('finds the claims it checks (the scan is not vacuous)', () => {
    const tour = places.find((p) => p.where.startsWith('flows/tour') && /Type 2 \(hosted\)/.test(p.text));
    expect(tour).toBeDefined();
    expect([...named(tour!.text)]).toEqual(expect.arrayContaining(['virtualbox', 'vmware-workstation']));
    expect(named('KVM, Xen and VMware ESXi')).toEqual(new Set(['kvm', 'xen', 'esxi']));
  });
});

/**
 * A reply that opens with "Yes" or "No" answers the question in the words the user asked it: a fact that opens
 * "Yes: X is free…" must not also be the answer to "does X cost money", nor "No: X is not dead…" to "is X still
 * supported". Writers kept adding such opposite phrasings; these are the shapes they took.
 */
describe('yes/no openings agree with the questions a fact answers', () => {
  const RULES: { opens: RegExp; says: RegExp; opposite: RegExp; why: string }[] = [
    { opens: /^Yes\b/, says: /\b(free|open[- ]source|cost nothing|no charge)\b/i, opposite: /\b(costs? (money|anything)|need to (buy|pay)|have to pay|pay (for|extra)|free or paid)\b/i, why: '"Yes: … free" answers "does it cost money" the wrong way' },
    { opens: /^No\b/, says: /\bnot dead\b/i, opposite: /\b(still (relevant|supported|maintained|developed|worth|a thing|used)|worth learning|alive)\b/i, why: '"No: … not dead" answers "is it still supported" the wrong way' },
  ];
  it('never opens the other way round from one of its own phrasings', () => {
    const conflicts: string[] = [];
    for (const fact of kb.facts) {
      const opening = fact.answer.slice(0, 200);
      for (const rule of RULES) {
        if (!rule.opens.test(fact.answer) || !rule.says.test(opening)) continue;
        for (const ask of fact.ask) if (rule.opposite.test(ask)) conflicts.push(`fact ${fact.id}: "${ask}" (${rule.why})`);
      }
    }
    expect(conflicts).toEqual([]);
  });
});
