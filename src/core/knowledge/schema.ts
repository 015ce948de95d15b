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
});
export type TopicEntry = z.infer<typeof TopicEntrySchema>;

export const EntrySchema = z.discriminatedUnion('type', [TechEntrySchema, TopicEntrySchema]);
export type Entry = z.infer<typeof EntrySchema>;

/** One file under data/knowledge/. */
export const KnowledgeFileSchema = z.strictObject({
  entries: z.array(EntrySchema).min(1),
});

/** data/sources.json */
export const SourcesFileSchema = z.strictObject({
  sources: z.array(SourceSchema).min(1),
});
