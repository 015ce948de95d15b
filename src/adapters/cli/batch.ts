import { z } from 'zod';
import type { Choice, Core, Reply } from '../../core/types.js';
import { plainText } from './render.js';
import { toInbound } from './parse.js';

export const MAX_SESSION_LENGTH = 200;

const BatchLine = z.object({
  id: z.string({ error: 'id must be a string' }),
  text: z.string({ error: 'text must be a string' }),
  session: z
    .string({ error: 'session must be a string' })
    .min(1, { error: 'session must not be empty (leave it out for a one-off question)' })
    .max(MAX_SESSION_LENGTH, { error: (issue) => `session must be at most ${MAX_SESSION_LENGTH} characters, got ${String((issue.input as string).length)}` })
    .optional(),
});

type BatchInput = z.infer<typeof BatchLine>;

/** The schema's rules, checked by hand for the common case. */
function wellFormed(json: unknown): json is BatchInput {
  if (typeof json !== 'object' || json === null) return false;
  const { id, text, session } = json as Record<string, unknown>;
  return (
    typeof id === 'string' &&
    typeof text === 'string' &&
    (session === undefined || (typeof session === 'string' && session.length >= 1 && session.length <= MAX_SESSION_LENGTH))
  );
}

export interface BatchOutput {
  id: string;
  intent: string;
  confidence: number;
  text: string;
  choices?: Choice[];
  recommendation?: { verdict: string; reasons: string[] };
}

export type BatchResult = BatchOutput | { id?: string; error: string };

export function toBatchOutput(id: string, reply: Reply): BatchOutput {
  const output: BatchOutput = { id, intent: reply.intent, confidence: Math.round(reply.confidence * 1000) / 1000, text: plainText(reply) };
  if (reply.choices.length > 0) output.choices = reply.choices.map(({ id: choiceId, label }) => ({ id: choiceId, label }));
  if (reply.kind === 'verdict') output.recommendation = reply.recommendation;
  return output;
}

/** The conversation key of a one-off line: never read or written (Inbound.oneOff), so one fixed key is safe. */
const ONE_OFF = '~one-off';

/**
 * One JSON line in, one result out. Lines sharing a `session` are one conversation; a number or a label
 * answers the choices of that session's previous reply. A line without `session` is a one-off: no state
 * is read or written for it, so nothing (in this run or another) can continue it.
 */
export function createBatch(core: Core) {
  // Only sessions whose last reply offered choices are kept, so memory follows open questions, not lines.
  const offered = new Map<string, Choice[]>();
  let lineNumber = 0;

  async function processLine(line: string): Promise<BatchResult> {
    lineNumber += 1;
    let json: unknown;
    try {
      json = JSON.parse(line);
    } catch {
      return { error: `line ${lineNumber}: not valid JSON` };
    }
    // Well-formed lines skip the schema (a measurable share of a batch line); zod explains the others.
    const parsed = wellFormed(json) ? { success: true as const, data: json } : BatchLine.safeParse(json);
    if (!parsed.success) {
      const id = typeof (json as { id?: unknown })?.id === 'string' ? (json as { id: string }).id : undefined;
      const why = parsed.error.issues.map((i) => (i.path.length && !i.message.startsWith(String(i.path[0])) ? `${i.path.join('.')}: ${i.message}` : i.message)).join('; ');
      return id === undefined ? { error: `line ${lineNumber}: ${why}` } : { id, error: why };
    }
    const { id, text, session } = parsed.data;
    if (session === undefined) return toBatchOutput(id, await core.handle({ ...toInbound(text, ONE_OFF, 'batch', []), oneOff: true }));
    const reply = await core.handle(toInbound(text, session, 'batch', offered.get(session) ?? []));
    if (reply.choices.length > 0) offered.set(session, reply.choices);
    else offered.delete(session);
    return toBatchOutput(id, reply);
  }

  return { processLine };
}
