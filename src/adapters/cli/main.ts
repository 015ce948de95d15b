import { createRunwise, type Runwise } from '../../app.js';
import { loadConfig } from '../../config.js';
import { toRunwiseError } from '../../errors.js';
import { createLogger } from '../../log.js';
import { loadMetrics, serveOps, type ServedOps } from '../../ops/serve.js';
import { toBatchOutput } from './batch.js';
import { runBatch } from './batch-run.js';
import { runChat } from './chat.js';
import { toInbound } from './parse.js';
import { ansiStyle, plainStyle, renderTerminal } from './render.js';
import { formatFeedback, formatUnanswered, groupUnanswered, summariseFeedback } from './report.js';

const USAGE = `usage: runwise-cli [chat]
       runwise-cli ask "text" [--session ID] [--json]
       runwise-cli batch            (JSON lines on stdin: {"id","text","session"?})
       runwise-cli unanswered [--limit N]
       runwise-cli feedback`;

interface Args {
  command: string;
  positional: string[];
  flags: Map<string, string | true>;
}

function parseArgs(argv: string[]): Args {
  const positional: string[] = [];
  const flags = new Map<string, string | true>();
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg.startsWith('--')) {
      const name = arg.slice(2);
      const next = argv[i + 1];
      if (name === 'json' || next === undefined || next.startsWith('--')) flags.set(name, true);
      else flags.set(name, argv[++i]!);
    } else positional.push(arg);
  }
  return { command: positional.shift() ?? 'chat', positional, flags };
}

async function run(args: Args, runwise: Runwise): Promise<number> {
  const { core, store } = runwise;
  switch (args.command) {
    case 'chat':
      await runChat(core, { input: process.stdin, output: process.stdout, color: Boolean(process.stdout.isTTY) });
      return 0;
    case 'ask': {
      const text = args.positional.join(' ');
      const session = args.flags.get('session');
      // Without --session nothing can follow up, so, like a batch line without session, it is a one-off.
      const reply = await core.handle(typeof session === 'string' ? toInbound(text, session, 'cli', []) : { ...toInbound(text, '~one-off', 'cli', []), oneOff: true });
      if (args.flags.has('json')) process.stdout.write(`${JSON.stringify(toBatchOutput('ask', reply))}\n`);
      else process.stdout.write(`${renderTerminal(reply, process.stdout.isTTY ? ansiStyle : plainStyle)}\n`);
      return 0;
    }
    case 'batch':
      await runBatch(runwise, { input: process.stdin, output: process.stdout });
      return 0;
    case 'unanswered': {
      const limit = Number(args.flags.get('limit') ?? 1000);
      process.stdout.write(`${formatUnanswered(groupUnanswered(await store.read('unanswered', Number.isFinite(limit) ? limit : 1000)))}\n`);
      return 0;
    }
    case 'feedback':
      process.stdout.write(`${formatFeedback(summariseFeedback(await store.read('feedback')))}\n`);
      return 0;
    default:
      process.stderr.write(`${USAGE}\n`);
      return 2;
  }
}

async function main(): Promise<number> {
  const args = parseArgs(process.argv.slice(2));
  let runwise: Runwise | undefined;
  let ops: ServedOps = { stop: async () => undefined };
  try {
    const config = loadConfig();
    // Logs go to stderr; in the terminal they would interleave with the chat, so default to warnings only.
    const log = createLogger(process.env.LOG_LEVEL ? config.LOG_LEVEL : 'warn');
    // Only with METRICS_PORT: the terminal chat and batch otherwise never load prom-client.
    const metrics = config.METRICS_PORT !== undefined ? await loadMetrics() : undefined;
    runwise = await createRunwise({ config, log, metrics });
    ops = await serveOps(config, { slackConfigured: false, store: runwise.store, metrics, isServing: () => true, log });
    return await run(args, runwise);
  } catch (error) {
    // The reader went away (`batch | head -1`): nothing more can be delivered, and that is no fault.
    if (isBrokenPipe(error)) return 0;
    const failure = toRunwiseError(error);
    process.stderr.write(`runwise: ${failure.message}\n`);
    return failure.code === 'config_invalid' || failure.code === 'data_invalid' ? 2 : 1;
  } finally {
    await ops.stop();
    await runwise?.close();
  }
}

const isBrokenPipe = (error: unknown) => (error as { code?: unknown } | null)?.code === 'EPIPE';

// Without a listener an EPIPE on stdout is an uncaught exception with a stack trace; batch also sees it
// through its own writer and stops reading.
process.stdout.on('error', (error) => {
  if (!isBrokenPipe(error)) process.stderr.write(`runwise: cannot write to stdout: ${error.message}\n`);
  process.exitCode ??= isBrokenPipe(error) ? 0 : 1;
});

process.exitCode = await main();
