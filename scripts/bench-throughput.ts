/**
 * The batch part of `npm run bench`: `cli batch` as a real process, JSON lines from a file on stdin and
 * its stdout read through a pipe (like `| cat`), beside the JSON-lines floor (jsonl-floor.ts) on the same
 * input in the same run. Runs are interleaved floor/batch and repeated, so a busy machine slows both
 * alike; figures are medians with their range.
 */
import { spawn } from 'node:child_process';
import { closeSync, mkdtempSync, openSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

interface Run {
  lines: number;
  seconds: number;
  /** From spawn to the first output byte: start-up, and the first group. */
  firstOutput: number;
  peakRssMb: number;
}

const REPEATS = 3;
const SMALL = 20_000;
const BIG = 1_000_000;
const SESSIONS = 1_000;
// Each session walks this script, so session lines answer questions, start dialogues and pick choices.
const SCRIPT = ['help me choose between vms and containers', '1', '2', '1', '', 'take the tour', '1', 'cancel', ''];

/** Peak resident set (VmHWM) of a running process, 0 when it is gone or not on Linux. */
function peakRss(pid: number): number {
  try {
    const match = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return match ? Number(match[1]) / 1024 : 0;
  } catch {
    return 0;
  }
}

/** The node flags of package.json's `cli` script, so the bench runs batch exactly as `npm run cli` does. */
function cliNodeFlags(root: string): string[] {
  const script = (JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { scripts: Record<string, string> }).scripts.cli ?? '';
  return script.split(/\s+/).filter((word) => word.startsWith('--'));
}

function runProcess(script: string, args: string[], input: string, env: Record<string, string>, nodeFlags: string[] = []): Promise<Run> {
  return new Promise((resolve, reject) => {
    const fd = openSync(input, 'r');
    const started = performance.now();
    const child = spawn(process.execPath, [...nodeFlags, script, ...args], {
      stdio: [fd, 'pipe', 'pipe'],
      env: { PATH: process.env.PATH ?? '', LOG_LEVEL: 'warn', ...env },
    });
    closeSync(fd);
    let lines = 0;
    let firstOutput = 0;
    let peak = 0;
    let stderr = '';
    const poll = setInterval(() => (peak = Math.max(peak, peakRss(child.pid ?? 0))), 20);
    child.stdout!.on('data', (chunk: Buffer) => {
      if (firstOutput === 0) firstOutput = (performance.now() - started) / 1000;
      for (let i = chunk.indexOf(10); i !== -1; i = chunk.indexOf(10, i + 1)) lines += 1;
    });
    child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
    child.on('error', reject);
    child.on('close', (code) => {
      clearInterval(poll);
      if (code !== 0) reject(new Error(`${script} ${args.join(' ')} exited with ${String(code)}: ${stderr.slice(0, 500)}`));
      else resolve({ lines, seconds: (performance.now() - started) / 1000, firstOutput, peakRssMb: peak });
    });
  });
}

function writeInputs(dir: string, texts: string[]): { oneOff: string; sessions: string; big: string } {
  const oneOff = Array.from({ length: SMALL }, (_, i) => JSON.stringify({ id: String(i), text: texts[i % texts.length] }));
  const sessions = Array.from({ length: SMALL }, (_, i) => {
    const step = SCRIPT[Math.floor(i / SESSIONS) % SCRIPT.length] || texts[i % texts.length];
    return JSON.stringify({ id: String(i), text: step, session: `s${i % SESSIONS}` });
  });
  const files = { oneOff: join(dir, 'one-off.jsonl'), sessions: join(dir, 'sessions.jsonl'), big: join(dir, 'one-off-1m.jsonl') };
  writeFileSync(files.oneOff, `${oneOff.join('\n')}\n`);
  writeFileSync(files.sessions, `${sessions.join('\n')}\n`);
  const parts: string[] = [];
  for (let i = 0; i < BIG; i++) parts.push(JSON.stringify({ id: String(i), text: texts[i % texts.length] }));
  writeFileSync(files.big, `${parts.join('\n')}\n`);
  return files;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const rate = (r: Run) => r.lines / r.seconds;
const steady = (r: Run) => r.lines / Math.max(1e-3, r.seconds - r.firstOutput);
const perSecond = (x: number) => `${Math.round(x).toLocaleString('en-US')}/s`;
const span = (xs: number[], fmt: (x: number) => string) => `${fmt(median(xs))} [${fmt(Math.min(...xs))}–${fmt(Math.max(...xs))}]`;
const times = (x: number) => `${x.toFixed(1)}×`;

export async function benchThroughput(root: string, texts: string[]): Promise<string[]> {
  const dir = mkdtempSync(join(tmpdir(), 'runwise-bench-'));
  try {
    const cli = join(root, 'dist', 'src', 'adapters', 'cli', 'main.js');
    const floor = join(root, 'dist', 'scripts', 'jsonl-floor.js');
    const files = writeInputs(dir, texts);
    const flags = cliNodeFlags(root);
    const batch = (input: string, env: Record<string, string>) => runProcess(cli, ['batch'], input, env, flags);
    let dbs = 0;
    const sqlite = () => ({ STATE_URL: `sqlite:${join(dir, `state-${++dbs}.db`)}` });
    const runs: Record<'floor' | 'oneOff' | 'sessionsFloor' | 'sessions' | 'memory', Run[]> = { floor: [], oneOff: [], sessionsFloor: [], sessions: [], memory: [] };
    for (let i = 0; i < REPEATS; i++) {
      runs.floor.push(await runProcess(floor, [], files.oneOff, {}));
      runs.oneOff.push(await batch(files.oneOff, sqlite()));
      runs.sessionsFloor.push(await runProcess(floor, [], files.sessions, {}));
      runs.sessions.push(await batch(files.sessions, sqlite()));
      runs.memory.push(await batch(files.oneOff, { STATE_URL: 'memory:' }));
    }
    const bigFloor = await runProcess(floor, [], files.big, {});
    const big = await batch(files.big, sqlite());
    // The same run without the cli script's V8 flags, to show what they are for.
    const bigPlain = await runProcess(cli, ['batch'], files.big, sqlite());
    for (const [name, list] of Object.entries(runs)) {
      for (const r of list) if (r.lines !== SMALL) throw new Error(`${name}: ${r.lines} output lines for ${SMALL} input lines`);
    }
    if (big.lines !== BIG || bigPlain.lines !== BIG) throw new Error(`1M run: ${big.lines} / ${bigPlain.lines} output lines`);

    // Ratios pair each batch run with the floor run just before it.
    const ratios = (batch: Run[], base: Run[]) => batch.map((r, i) => rate(base[i]!) / rate(r));
    const steadyRatios = (batch: Run[], base: Run[]) => batch.map((r, i) => steady(base[i]!) / steady(r));
    const row = (label: string, batch: Run[], base: Run[]) =>
      `${label}: ${span(batch.map(rate), perSecond)} (${span(ratios(batch, base), times)} the floor's time; after start-up ${span(batch.map(steady), perSecond)}, ${span(steadyRatios(batch, base), times)})`;
    return [
      `batch throughput: ${SMALL.toLocaleString('en-US')} JSON lines from a file, stdout through a pipe, whole process incl. start-up, node ${flags.join(' ')} as in \`npm run cli\`; median of ${REPEATS} [min–max]`,
      `  floor (parse + serialise JSON lines only): ${span(runs.floor.map(rate), perSecond)} (after start-up ${span(runs.floor.map(steady), perSecond)})`,
      `  ${row('batch, one-off questions, SQLite (default store, fresh file)', runs.oneOff, runs.floor)}`,
      `  ${row(`batch, ${SESSIONS.toLocaleString('en-US')} sessions, SQLite`, runs.sessions, runs.sessionsFloor)}`,
      `  ${row('batch, one-off questions, memory:', runs.memory, runs.floor)}`,
      `  peak RSS for ${SMALL.toLocaleString('en-US')} lines: floor ${span(runs.floor.map((r) => r.peakRssMb), (x) => `${x.toFixed(0)} MB`)}, batch SQLite ${span(runs.oneOff.map((r) => r.peakRssMb), (x) => `${x.toFixed(0)} MB`)}`,
      `  ${BIG.toLocaleString('en-US')} one-off lines, SQLite: ${perSecond(rate(big))} (${times(rate(bigFloor) / rate(big))} the floor's ${perSecond(rate(bigFloor))}), peak RSS ${big.peakRssMb.toFixed(0)} MB (floor ${bigFloor.peakRssMb.toFixed(0)} MB; batch without ${flags.join(' ') || 'flags'}: ${bigPlain.peakRssMb.toFixed(0)} MB at ${perSecond(rate(bigPlain))})`,
      `  targets: one-off with SQLite ≥ 15,000/s and within 3× of the floor; sessions ≥ 8,000/s; peak RSS < 150 MB for 1,000,000 lines`,
    ];
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
