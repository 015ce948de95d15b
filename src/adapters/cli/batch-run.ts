import { StringDecoder } from 'node:string_decoder';
import type { Readable, Writable } from 'node:stream';
import type { Core } from '../../core/types.js';
import { toRunwiseError } from '../../errors.js';
import type { Store } from '../../store/types.js';
import { createBatch, type BatchResult } from './batch.js';
import { createLineSplitter } from './lines.js';
import { pacedWriter } from './paced.js';

/**
 * A group commits once it has this many lines or has run this long, or when the input has nothing more
 * ready: one fsync per few hundred turns instead of one per turn, while a line that arrives alone is
 * still answered at once.
 */
export interface GroupLimits {
  lines: number;
  ms: number;
}

export const DEFAULT_GROUP: GroupLimits = { lines: 512, ms: 25 };

export interface BatchIo {
  input: Readable;
  output: Writable;
}

function idOf(line: string): string | undefined {
  try {
    const id = (JSON.parse(line) as { id?: unknown } | null)?.id;
    return typeof id === 'string' ? id : undefined;
  } catch {
    return undefined;
  }
}

const withId = (id: string | undefined, error: string): BatchResult => (id === undefined ? { error } : { id, error });

/**
 * The batch loop: lines are answered in groups whose writes commit together (Store.group), and a group's
 * output is written only after its commit, so whatever is printed is committed. Input is read no faster
 * than the output drains. Rejects with the output's error (EPIPE when the reader went away).
 */
export async function runBatch(
  runwise: { core: Core; store: Pick<Store, 'group'> },
  io: BatchIo,
  limits: GroupLimits = DEFAULT_GROUP,
): Promise<void> {
  const batch = createBatch(runwise.core);
  const out = pacedWriter(io.output);
  const splitter = createLineSplitter();
  const decoder = new StringDecoder('utf8');

  async function answer(ready: string[]): Promise<void> {
    let next = 0;
    while (next < ready.length) {
      const first = next;
      let results: BatchResult[] = [];
      const started = performance.now();
      try {
        await runwise.store.group(async () => {
          do results.push(await batch.processLine(ready[next++]!));
          while (next < ready.length && results.length < limits.lines && performance.now() - started < limits.ms);
        });
      } catch (error) {
        // The commit failed, so none of the group's answers is durable: say so instead of printing them.
        // A group that failed before answering anything (the store refused to begin) still uses up its lines.
        if (next === first) next = Math.min(ready.length, first + limits.lines);
        const reason = `not saved: ${toRunwiseError(error).message}`;
        results = ready.slice(first, next).map((line) => withId(idOf(line), reason));
      }
      await out.write(`${results.map((r) => JSON.stringify(r)).join('\n')}\n`);
    }
  }

  for await (const chunk of io.input as AsyncIterable<Buffer | string>) {
    const text = typeof chunk === 'string' ? chunk : decoder.write(chunk);
    await answer(splitter.push(text));
  }
  await answer(splitter.push(decoder.end()));
  const last = splitter.end();
  if (last !== undefined) await answer([last]);
  await out.end();
}
