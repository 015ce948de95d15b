import { z } from 'zod';
import { SourceSchema } from './schema.js';

const Id = z.string().regex(/^[a-z0-9][a-z0-9-]*$/, 'lowercase letters, digits and dashes');

/** What kind of question a fact answers; the time-sensitive kinds must carry `asOf`. */
export const Facet = z.enum([
  'what', // what is it, how does it work
  'type', // hypervisor type, category
  'maker', // who makes or maintains it
  'licence', // licence terms
  'cost', // price, free tiers, subscriptions
  'version', // current version, release line
  'status', // maintained, deprecated, end of life
  'use', // what it is for, when to pick it
  'alternatives',
  'compare', // X vs Y
  'how', // how to do something
  'why', // why something is the way it is
  'numbers', // figures: sizes, timings, limits
  'gotcha', // known pitfalls, limits, surprises
  'security',
  'requirements', // hardware, OS, edition needed
  'history',
]);
export type Facet = z.infer<typeof Facet>;

/** Licence, price, version and support statements go stale: they must say when they were true. */
export const TIME_SENSITIVE_FACETS: ReadonlySet<Facet> = new Set(['licence', 'cost', 'version', 'status']);

/** The areas people ask about; used to group the eval and to keep facts findable. */
export const FactTopic = z.enum([
  'vm-basics',
  'container-basics',
  'hypervisor-types',
  'specific-tech',
  'comparison',
  'isolation-security',
  'performance',
  'startup',
  'footprint-density',
  'portability',
  'patching-ops',
  'storage-networking',
  'gpu-hpc',
  'kubernetes-orchestration',
  'windows-mac-desktop',
  'licensing-vendors',
  'history-eol',
  'migration',
  'dev-ci',
  'sandboxed-runtimes',
]);
export type FactTopic = z.infer<typeof FactTopic>;

/**
 * One concrete question and its answer, answer first, in one to three sentences:
 * "No: Hyper-V needs Windows 11 Pro, Enterprise or Education; on Home use …".
 */
export const FactSchema = z
  .strictObject({
    id: Id,
    /** Knowledge entry ids (technologies or topics) the fact is about; the first is the main one. */
    about: z.array(Id).min(1).max(6),
    topic: FactTopic,
    facet: Facet,
    /** Ways people ask it, in their own words (not copied from any evaluation set). */
    ask: z.array(z.string().min(6).max(200)).min(2).max(16),
    /** Extra words people use for this subject that the questions and answer do not contain (jargon, abbreviations). */
    terms: z.array(z.string().min(2).max(40)).max(20).default([]),
    answer: z.string().min(30).max(700),
    sources: z.array(Id).min(1),
    /** Year and month the claim was checked against its source (YYYY-MM); required for time-sensitive facets. */
    asOf: z
      .string()
      .regex(/^20\d\d-(0[1-9]|1[0-2])$/, 'year and month, YYYY-MM')
      .optional(),
  })
  .superRefine((fact, ctx) => {
    if (TIME_SENSITIVE_FACETS.has(fact.facet) && !fact.asOf) {
      ctx.addIssue({ code: 'custom', path: ['asOf'], message: `a "${fact.facet}" fact goes stale: give the month it was checked (YYYY-MM)` });
    }
  });
export type Fact = z.infer<typeof FactSchema>;

/** One file under data/facts/: facts, and the sources only they cite. */
export const FactFileSchema = z.strictObject({
  sources: z.array(SourceSchema).default([]),
  facts: z.array(FactSchema).min(1),
});
