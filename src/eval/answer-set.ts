import { readFileSync } from 'node:fs';
import { z } from 'zod';

/** One line of an answer-level set, in the devset's format: the reply must contain one string of each inner list. */
export const AnswerCaseSchema = z.strictObject({
  id: z.string().min(1),
  text: z.string().min(1),
  /** AND of ORs of lower-case substrings. */
  expect_any: z.array(z.array(z.string().min(1)).min(1)).default([]),
  /** Substrings that mark a classic factual error. */
  expect_none: z.array(z.string().min(1)).default([]),
  expect_oos: z.boolean().optional(),
  expect_intent_kind: z.literal('smalltalk').optional(),
  topic: z.string().min(1),
  /** Where the phrasing comes from (a public Q&A site or forum thread), reworded. */
  origin: z.string().optional(),
});
export type AnswerCase = z.infer<typeof AnswerCaseSchema>;

export interface Judged {
  case: AnswerCase;
  pass: boolean;
  intent: string;
  text: string;
}

/** The devset's rule: every inner list has a hit, no forbidden string, and the reply is not out of scope (unless expected). */
export function judge(item: AnswerCase, reply: { intent: string; text: string }): boolean {
  if (item.expect_oos) return reply.intent === 'out_of_scope';
  const text = reply.text.toLowerCase();
  const any = item.expect_any.every((alternatives) => alternatives.some((s) => text.includes(s)));
  const none = item.expect_none.every((s) => !text.includes(s));
  return any && none && reply.intent !== 'out_of_scope';
}

export function readAnswerSet(path: string): AnswerCase[] {
  return readFileSync(path, 'utf8')
    .split('\n')
    .map((line, i) => ({ line, i }))
    .filter(({ line }) => line.trim() !== '')
    .map(({ line, i }) => {
      const parsed = AnswerCaseSchema.safeParse(JSON.parse(line));
      if (!parsed.success) throw new Error(`${path} line ${i + 1}: ${z.prettifyError(parsed.error)}`);
      return parsed.data;
    });
}

export type Kind = 'question' | 'out_of_scope' | 'smalltalk';
export const kindOf = (c: AnswerCase): Kind => (c.expect_oos ? 'out_of_scope' : c.expect_intent_kind === 'smalltalk' ? 'smalltalk' : 'question');

/** Pass counts per kind and per topic. */
export function summarise(judged: readonly Judged[]) {
  const byKind = new Map<Kind, [number, number]>();
  const byTopic = new Map<string, [number, number]>();
  for (const j of judged) {
    for (const [map, key] of [
      [byKind, kindOf(j.case)],
      [byTopic, j.case.topic],
    ] as const) {
      const tally = (map as Map<string, [number, number]>).get(key) ?? [0, 0];
      tally[0] += j.pass ? 1 : 0;
      tally[1] += 1;
      (map as Map<string, [number, number]>).set(key, tally);
    }
  }
  return { byKind, byTopic };
}
