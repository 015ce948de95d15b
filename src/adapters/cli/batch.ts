import { createInterface } from 'node:readline';
import { z } from 'zod';
import type { Choice, Core, Reply } from '../../core/types.js';
import { plainText } from './render.js';
import { toInbound } from './parse.js';

const BatchLine = z.object({
  id: z.string({ error: 'id must be a string' }),
  text: z.string({ error: 'text must be a string' }),
  session: z.string({ error: 'session must be a string' }).min(1).max(200).optional(),
});

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

/**
 * One JSON line in, one JSON line out, in order. Lines sharing a `session` are one conversation;
 * a number or a label answers the choices of that session's previous reply.
 */
export function createBatch(core: Core) {
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
    const parsed = BatchLine.safeParse(json);
    if (!parsed.success) {
      const id = typeof (json as { id?: unknown })?.id === 'string' ? (json as { id: string }).id : undefined;
      const why = parsed.error.issues.map((i) => (i.path.length ? `${i.path.join('.')}: ${i.message}` : i.message)).join('; ');
      return id === undefined ? { error: `line ${lineNumber}: ${why}` } : { id, error: why };
    }
    const { id, text, session } = parsed.data;
    const key = session ?? `~line-${lineNumber}`;
    const reply = await core.handle(toInbound(text, key, 'batch', offered.get(key) ?? []));
    offered.set(key, reply.choices);
    return toBatchOutput(id, reply);
  }

  return { processLine };
}

export async function runBatch(core: Core, input: NodeJS.ReadableStream, write: (line: string) => void): Promise<void> {
  const batch = createBatch(core);
  const lines = createInterface({ input, crlfDelay: Infinity });
  for await (const line of lines) {
    write(`${JSON.stringify(await batch.processLine(line))}\n`);
  }
}
