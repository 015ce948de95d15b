import { z } from 'zod';

/** A document an answer rests on: one of the seed texts, or a well-known public reference. */
export const SourceSchema = z.strictObject({
  id: z.string().regex(/^[a-z0-9][a-z0-9-]*$/, 'lowercase letters, digits and dashes'),
  title: z.string().min(3).max(120),
  /** For seed documents: the file name under shared/seeds/. */
  seedFile: z.string().optional(),
  url: z.url().optional(),
});
export type SourceDoc = z.infer<typeof SourceSchema>;

const Id = z.string().regex(/^[a-z0-9][a-z0-9-]*$/, 'lowercase letters, digits and dashes');
/** Text a user reads first: a few lines. */
const Short = z.string().min(20).max(700);
/** The "tell me more" text. */
const Details = z.string().min(20).max(2400);
/** Year and month a claim was last checked against its sources. */
export const YearMonth = z.string().regex(/^20\d\d-(0[1-9]|1[0-2])$/, 'year and month, YYYY-MM');

/** The kinds of statement that go stale: licence terms, prices, versions, support periods, end-of-life status. */
export const DatedClaimKind = z.enum(['license', 'price', 'version', 'support', 'status']);
export type DatedClaimKind = z.infer<typeof DatedClaimKind>;

/**
 * When an entry's time-sensitive statements of one kind were last checked, and against what.
 * `license` and `status` cover `facts.license` / `facts.status`; every kind also covers the sentences of
 * that kind in the summary and details ("free since November 2024", "vSphere 9 is the current line").
 */
export const DatedClaimSchema = z.strictObject({
  claim: DatedClaimKind,
  asOf: YearMonth,
  sources: z.array(Id).min(1),
});
export type DatedClaim = z.infer<typeof DatedClaimSchema>;

const DatedClaims = z
  .array(DatedClaimSchema)
  .refine((claims) => new Set(claims.map((c) => c.claim)).size === claims.length, 'one dated claim per kind')
  .default([]);

export const Category = z.enum([
  'hypervisor',
  'container-engine',
  'container-runtime',
  'sandboxed-runtime',
  'orchestrator',
  'platform',
  'tool',
  'concept',
]);
export type Category = z.infer<typeof Category>;

/** A technology or concept the user can name: KVM, Podman, "namespaces", "type 1 hypervisor"... */
export const TechEntrySchema = z.strictObject({
  type: z.literal('tech'),
  id: Id,
  name: z.string().min(1).max(60),
  category: Category,
  /** Other ways people write it; the entity recogniser also tolerates typos, spacing and dashes. */
  aliases: z.array(z.string().min(2).max(60)).default([]),
  /**
   * A name shared with another entry, or an ordinary word, that means this one in some company: "vmware" is ESXi, but
   * "vmware on my macbook" is Fusion; "lambda" alone is nothing, but "lambda cold start" is AWS Lambda. `when` are words
   * or phrases (as typed) that, anywhere in the message, make `alias` mean this entry.
   */
  contextAliases: z.array(z.strictObject({ alias: z.string().min(2).max(60), when: z.array(z.string().min(2).max(40)).min(1) })).default([]),
  /** Words right after which a one-word name is an ordinary word: "kind of", "a swarm of bees", "a pod of whales". */
  notBefore: z.array(z.string().regex(/^[a-z]+$/)).default([]),
  summary: Short,
  details: Details,
  /** Each fact is a full sentence (or two) answering one kind of question about this entry. */
  facts: z
    .strictObject({
      /** For hypervisors: 'type-1' or 'type-2', and a sentence saying so (and correcting common mistakes). */
      hypervisorType: z.strictObject({ value: z.enum(['type-1', 'type-2']), note: z.string().min(20).max(600) }).optional(),
      vendor: z.string().min(10).max(400).optional(),
      typicalUse: z.string().min(10).max(600).optional(),
      license: z.string().min(10).max(600).optional(),
      /** Set when the product is end-of-life or deprecated, with what replaces it. */
      status: z.string().min(10).max(600).optional(),
    })
    .default({}),
  /** Ids of related entries (tools, competitors), offered as follow-ups. */
  related: z.array(Id).default([]),
  /** Ids of entries that replace or compete with this one. */
  alternatives: z.array(Id).default([]),
  sources: z.array(Id).min(1),
  /** When the licence, price, version, support and status statements above were checked (one per kind). */
  dated: DatedClaims,
});
export type TechEntry = z.infer<typeof TechEntrySchema>;

/** A trade-off or practical topic answered as a whole: isolation, start-up time, GPUs... */
export const TopicEntrySchema = z.strictObject({
  type: z.literal('topic'),
  id: Id,
  title: z.string().min(3).max(80),
  /**
   * The intent this entry answers; several topics may not share one intent.
   * Intent ids use underscores (`vm_vs_container`, see intents/README.md), so they need their own pattern.
   */
  intent: z
    .string()
    .regex(/^[a-z][a-z0-9_]*$/, 'an intent id: lowercase letters, digits and underscores')
    .optional(),
  summary: Short,
  details: Details,
  /** Pairs of tech ids this topic answers as a comparison ("docker vs podman"). */
  pairs: z.array(z.tuple([Id, Id])).default([]),
  related: z.array(Id).default([]),
  sources: z.array(Id).min(1),
  /** When the licence, price, version, support and status statements above were checked (one per kind). */
  dated: DatedClaims,
});
export type TopicEntry = z.infer<typeof TopicEntrySchema>;

export const EntrySchema = z.discriminatedUnion('type', [TechEntrySchema, TopicEntrySchema]);
export type Entry = z.infer<typeof EntrySchema>;

/** One file under data/knowledge/. */
export const KnowledgeFileSchema = z.strictObject({
  /** Sources only this file cites; an id that already exists must have the same URL. */
  sources: z.array(SourceSchema).default([]),
  entries: z.array(EntrySchema).min(1),
});

/** data/sources.json */
export const SourcesFileSchema = z.strictObject({
  sources: z.array(SourceSchema).min(1),
});
