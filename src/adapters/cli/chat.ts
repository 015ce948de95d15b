import { randomUUID } from 'node:crypto';
import { createInterface } from 'node:readline';
import type { Choice, Core } from '../../core/types.js';
import { toInbound } from './parse.js';
import { ansiStyle, plainStyle, renderTerminal } from './render.js';

export interface ChatIo {
  input: NodeJS.ReadableStream;
  output: NodeJS.WritableStream;
  color: boolean;
}

const EXIT_WORDS = new Set(['/quit', '/exit', 'exit', 'quit']);

/** The local terminal chat: type a question, or a number / label to pick a choice. */
export async function runChat(core: Core, io: ChatIo, session: string = randomUUID()): Promise<void> {
  const style = io.color ? ansiStyle : plainStyle;
  const rl = createInterface({ input: io.input, output: io.output, terminal: io.color });
  // Listen before the first await: piped input can arrive, and end, while the welcome is written.
  const lines = rl[Symbol.asyncIterator]();
  const say = (text: string) => io.output.write(`${text}\n\n`);
  let offered: Choice[] = [];

  const respond = async (text: string, choiceId?: string) => {
    const message = choiceId ? { ...toInbound('', session, 'cli', []), choiceId } : toInbound(text, session, 'cli', offered);
    const reply = await core.handle(message);
    offered = reply.choices;
    say(renderTerminal(reply, style));
  };

  say(style.dim('runwise: ask about VMs and containers. Type a number to pick an option, /quit to leave.'));
  await respond('', 'meta:welcome');
  const prompt = style.bold('you> ');
  io.output.write(prompt);
  for (let next = await lines.next(); !next.done; next = await lines.next()) {
    const line: string = next.value;
    // A terminal echoes what was typed; piped input does not, so show it for a readable transcript.
    if (!io.color) io.output.write(`${line}\n\n`);
    if (EXIT_WORDS.has(line.trim().toLowerCase())) break;
    await respond(line);
    io.output.write(prompt);
  }
  rl.close();
}
