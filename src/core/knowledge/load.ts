import { createHash } from 'node:crypto';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { cacheKey, writeCacheFile } from '../cache.js';
import type { z } from 'zod';
import { RunwiseError } from '../../errors.js';
import { FactFileSchema, type Fact } from './fact-schema.js';
import {
  KnowledgeFileSchema,
  SourcesFileSchema,
  type Entry,
  type SourceDoc,
  type TechEntry,
  type TopicEntry,
} from './schema.js';

export interface Knowledge {
  sources: Map<string, SourceDoc>;
  entries: Map<string, Entry>;
  techs: TechEntry[];
  topics: TopicEntry[];
  byIntent: Map<string, TopicEntry>;
  /** Key: the two tech ids sorted and joined by '|' (see `pairKey`). */
  byPair: Map<string, TopicEntry>;
  /** Question-level answers from `data/facts/*.json`, in file order. */
  facts: Fact[];
  factsById: Map<string, Fact>;
  /** A hash of every file read and of the loader's code: what caches derived from the knowledge are keyed by. */
  fingerprint?: string;
}

/** The `byPair` key for two tech ids, in either order. */
export function pairKey(a: string, b: string): string {
  return [a, b].sort().join('|');
}

/**
 * Reads `<dataDir>/sources.json` and every `<dataDir>/knowledge/*.json` (sorted by name; a file may declare
 * sources of its own), validates them,
 * and checks what zod cannot: unique ids, references that resolve, one topic per intent and per pair.
 * Throws RunwiseError('data_invalid') naming the file, the field path and what is wrong.
 */
export function loadKnowledge(dataDir: string, options: { cacheDir?: string } = {}): Knowledge {
  const parsed = validatedFiles(options.cacheDir);
  const parseFile = <S extends z.ZodType>(schema: S, file: string) => parsed.parse(schema, file);
  const sourcesFile = join(dataDir, 'sources.json');
  const sourcesData = parseFile(SourcesFileSchema, sourcesFile);
  const sources = new Map<string, SourceDoc>();
  sourcesData.sources.forEach((source, i) => {
    if (sources.has(source.id)) fail(sourcesFile, `sources[${i}].id`, `duplicate source id "${source.id}"`);
    sources.set(source.id, source);
  });

  // Fact files may declare sources that entries cite too: register them before any reference is checked.
  const factFiles = readFactFiles(join(dataDir, 'facts'), sources, parseFile);

  const knowledgeDir = join(dataDir, 'knowledge');
  const files = listJson(knowledgeDir);
  if (files.length === 0) fail(knowledgeDir, '', 'no knowledge files (*.json) found');

  const entries = new Map<string, Entry>();
  const located: { entry: Entry; file: string; at: string }[] = [];
  for (const file of files) {
    const data = parseFile(KnowledgeFileSchema, file);
    addFileSources(data.sources, sources, file);
    data.entries.forEach((entry, i) => {
      const at = `entries[${i}] (id "${entry.id}")`;
      const previous = located.find((l) => l.entry.id === entry.id);
      if (previous) fail(file, `${at}.id`, `duplicate id, also defined in ${previous.file}`);
      entries.set(entry.id, entry);
      located.push({ entry, file, at });
    });
  }

  const byIntent = new Map<string, TopicEntry>();
  const byPair = new Map<string, TopicEntry>();
  for (const { entry, file, at } of located) {
    checkRefs(entry.sources, (id) => sources.has(id), file, `${at}.sources`, 'unknown source id');
    entry.dated.forEach((claim, d) => checkRefs(claim.sources, (id) => sources.has(id), file, `${at}.dated[${d}].sources`, 'unknown source id'));
    checkRefs(entry.related, (id) => entries.has(id), file, `${at}.related`, 'unknown entry id');
    if (entry.type === 'tech') {
      checkRefs(entry.alternatives, (id) => entries.has(id), file, `${at}.alternatives`, 'unknown entry id');
      continue;
    }
    if (entry.intent !== undefined) {
      const other = byIntent.get(entry.intent);
      if (other) fail(file, `${at}.intent`, `intent "${entry.intent}" is already answered by "${other.id}"`);
      byIntent.set(entry.intent, entry);
    }
    entry.pairs.forEach(([a, b], p) => {
      const isTech = (id: string) => entries.get(id)?.type === 'tech';
      checkRefs([a, b], isTech, file, `${at}.pairs[${p}]`, 'not a tech entry id');
      if (a === b) fail(file, `${at}.pairs[${p}]`, `pairs "${a}" with itself`);
      const key = pairKey(a, b);
      const other = byPair.get(key);
      if (other) fail(file, `${at}.pairs[${p}]`, `pair ${a} / ${b} is already answered by "${other.id}"`);
      byPair.set(key, entry);
    });
  }

  const { facts, factsById } = checkFacts(factFiles, sources, entries);
  parsed.save();
  const all = [...entries.values()];
  return {
    fingerprint: parsed.fingerprint(),
    facts,
    factsById,
    sources,
    entries,
    techs: all.filter((e): e is TechEntry => e.type === 'tech'),
    topics: all.filter((e): e is TopicEntry => e.type === 'topic'),
    byIntent,
    byPair,
  };
}

type FactFile = { file: string; data: z.output<typeof FactFileSchema> };

/** Reads every `facts/*.json` and registers the sources they declare (a known id must keep its URL). A missing folder means no facts. */
function readFactFiles(dir: string, sources: Map<string, SourceDoc>, parseFile: <S extends z.ZodType>(schema: S, file: string) => z.output<S>): FactFile[] {
  const files = existsSync(dir) ? listJson(dir) : [];
  const parsed = files.map((file) => ({ file, data: parseFile(FactFileSchema, file) }));
  for (const { file, data } of parsed) addFileSources(data.sources, sources, file);
  return parsed;
}

/** Every fact id is unique, and its entries and sources resolve. */
function checkFacts(parsed: FactFile[], sources: Map<string, SourceDoc>, entries: Map<string, Entry>): { facts: Fact[]; factsById: Map<string, Fact> } {
  const facts: Fact[] = [];
  const factsById = new Map<string, Fact>();
  const where = new Map<string, string>();
  for (const { file, data } of parsed) {
    data.facts.forEach((fact, i) => {
      const at = `facts[${i}] (id "${fact.id}")`;
      const previous = where.get(fact.id);
      if (previous) fail(file, `${at}.id`, `duplicate fact id, also defined in ${previous}`);
      checkRefs(fact.about, (id) => entries.has(id), file, `${at}.about`, 'unknown entry id');
      checkRefs(fact.sources, (id) => sources.has(id), file, `${at}.sources`, 'unknown source id');
      where.set(fact.id, file);
      factsById.set(fact.id, fact);
      facts.push(fact);
    });
  }
  return { facts, factsById };
}

/** Sources declared inside a knowledge or fact file: a new id is added, a known id must keep its URL. */
function addFileSources(declared: readonly SourceDoc[], sources: Map<string, SourceDoc>, file: string): void {
  declared.forEach((source, i) => {
    const known = sources.get(source.id);
    if (known && known.url !== source.url) fail(file, `sources[${i}].id`, `source "${source.id}" is already defined with another URL`);
    if (!known) sources.set(source.id, source);
  });
}

function listJson(dir: string): string[] {
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch (error) {
    throw new RunwiseError('data_invalid', `${dir}: cannot read the directory (${reason(error)})`, { cause: error });
  }
  return names
    .filter((n) => n.endsWith('.json'))
    .sort()
    .map((n) => join(dir, n));
}

/**
 * Data files validated by an earlier start, kept in `cacheDir` by the hash of their text: a file whose text is
 * unchanged is not validated again (zod over ~1,700 facts is a fifth of start-up); any change validates it anew.
 */
function validatedFiles(cacheDir: string | undefined) {
  // The schemas and this loader are code: a change to them validates everything again.
  const schemaVersion = cacheDir === undefined ? '' : cacheKey(import.meta.url, ['load', 'schema', 'fact-schema'], null);
  // One file per version of the schemas: the compiled code and the sources under test both keep theirs.
  const store = cacheDir === undefined ? undefined : join(cacheDir, `validated-data-${schemaVersion.slice(0, 12)}.json`);
  let known: Record<string, unknown> = {};
  if (store) {
    try {
      known = JSON.parse(readFileSync(store, 'utf8')) as Record<string, unknown>;
    } catch {
      // absent or unreadable: validate everything
    }
  }
  const used: Record<string, unknown> = {};
  let changed = false;
  return {
    parse<S extends z.ZodType>(schema: S, file: string): z.output<S> {
      let text: string;
      try {
        text = readFileSync(file, 'utf8');
      } catch (error) {
        throw new RunwiseError('data_invalid', `${file}: cannot read or parse JSON (${reason(error)})`, { cause: error });
      }
      const key = createHash('sha256').update(schemaVersion).update(file).update(text).digest('hex').slice(0, 32);
      if (Object.hasOwn(known, key)) return (used[key] = known[key]) as z.output<S>;
      changed = true;
      return (used[key] = validateText(schema, file, text));
    },
    /** Every file read so far, by name and content, and the loader's code. */
    fingerprint(): string {
      return createHash('sha256').update(Object.keys(used).join('\n')).digest('hex').slice(0, 32);
    },
    /** Keeps only the files this start read, so the cache never grows with old versions. */
    save(): void {
      if (!store || (!changed && Object.keys(used).length === Object.keys(known).length)) return;
      // A read-only install validates at every start.
      writeCacheFile(dirname(store), 'validated-data-', basename(store), used);
    },
  };
}

function validateText<S extends z.ZodType>(schema: S, file: string, text: string): z.output<S> {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (error) {
    throw new RunwiseError('data_invalid', `${file}: cannot read or parse JSON (${reason(error)})`, { cause: error });
  }
  const result = schema.safeParse(raw);
  if (result.success) return result.data;
  const lines = result.error.issues.map((issue) => `- ${file}: ${describePath(raw, issue.path)}: ${issue.message}`);
  throw new RunwiseError('data_invalid', `${file} is invalid:\n${lines.join('\n')}`);
}

/** `entries[3] (id "kvm").facts.vendor`: the entry id makes the path findable in a long file. */
function describePath(raw: unknown, path: readonly PropertyKey[]): string {
  let out = '';
  let node: unknown = raw;
  for (const key of path) {
    node = isRecord(node) || Array.isArray(node) ? (node as Record<PropertyKey, unknown>)[key] : undefined;
    out += typeof key === 'number' ? `[${key}]` : `${out === '' ? '' : '.'}${String(key)}`;
    if (typeof key === 'number' && isRecord(node) && typeof node.id === 'string') out += ` (id "${node.id}")`;
  }
  return out === '' ? '(root)' : out;
}

function checkRefs(ids: readonly string[], exists: (id: string) => boolean, file: string, field: string, what: string): void {
  ids.forEach((id, i) => {
    if (!exists(id)) fail(file, `${field}[${i}]`, `${what} "${id}"`);
  });
}

function fail(file: string, field: string, problem: string): never {
  throw new RunwiseError('data_invalid', `${file}: ${field === '' ? '' : `${field}: `}${problem}`);
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function reason(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
