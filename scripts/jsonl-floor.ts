/**
 * The floor `npm run bench` measures batch against: a process that only reads the same JSON lines,
 * parses each, and writes one JSON line back ({id, text}), through the same line splitter and the same
 * backpressure-aware writer as `cli batch`, one write per input chunk. No classifier, no store.
 */
import { StringDecoder } from 'node:string_decoder';
import { createLineSplitter } from '../src/adapters/cli/lines.js';
import { pacedWriter } from '../src/adapters/cli/paced.js';

const splitter = createLineSplitter();
const out = pacedWriter(process.stdout);
const decoder = new StringDecoder('utf8');

const echo = (lines: string[]) =>
  lines.map((line) => {
    const { id, text } = JSON.parse(line) as { id: string; text: string };
    return JSON.stringify({ id, text });
  });

for await (const chunk of process.stdin as AsyncIterable<Buffer>) {
  const lines = splitter.push(decoder.write(chunk));
  if (lines.length > 0) await out.write(`${echo(lines).join('\n')}\n`);
}
const last = splitter.end();
if (last !== undefined) await out.write(`${echo([last]).join('\n')}\n`);
await out.end();
