/**
 * Scores recommendation dialogues with the rules of the shared devset (../shared/devset/README.md):
 * each scenario is played through the batch contract as its opener, then its description, then
 * "not sure" up to ten times; it passes when the first reply carrying a verdict has the expected one.
 * Turns to a verdict count the opener and the description. Used by `npm run eval` on
 * tests/eval/scenarios.jsonl; run alone: node dist/scripts/eval-dialogues.js [file.jsonl] [--show-fails N]
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { z } from 'zod';
import { createRunwise } from '../src/app.js';
import { createBatch, type BatchResult } from '../src/adapters/cli/batch.js';
import { loadConfig } from '../src/config.js';
import { silentLogger } from '../src/log.js';
import { projectRoot } from '../src/paths.js';

const Scenario = z.object({
  id: z.string(),
  opener: z.string(),
  description: z.string(),
  expect: z.enum(['vm', 'container', 'containers-on-vms']),
  why: z.string().optional(),
});
export type Scenario = z.infer<typeof Scenario>;

export interface DialogueScore {
  passed: number;
  total: number;
  /** Median user turns to the first verdict, over scenarios that reached one. */
  medianTurns: number | null;
  noVerdict: number;
  fails: { id: string; expect: string; got: string | null; turns: number; description: string }[];
}

const FOLLOW_UPS = 10;

export function readScenarios(path: string): Scenario[] {
  return readFileSync(path, 'utf8')
    .split('\n')
    .filter((l) => l.trim() !== '')
    .map((l, i) => {
      const parsed = Scenario.safeParse(JSON.parse(l));
      if (!parsed.success) throw new Error(`${path} line ${i + 1}: ${parsed.error.message}`);
      return parsed.data;
    });
}

export async function scoreDialogues(scenarios: readonly Scenario[]): Promise<DialogueScore> {
  const config = loadConfig({ ...process.env, SLACK_BOT_TOKEN: undefined, DISCORD_TOKEN: undefined });
  const runwise = await createRunwise({ config, stateUrl: 'memory:', log: silentLogger() });
  const batch = createBatch(runwise.core);
  const score: DialogueScore = { passed: 0, total: scenarios.length, medianTurns: null, noVerdict: 0, fails: [] };
  const turns: number[] = [];
  try {
    for (const s of scenarios) {
      const said = [s.opener, s.description, ...Array<string>(FOLLOW_UPS).fill('not sure')];
      let got: string | null = null;
      let at = -1;
      for (let i = 0; i < said.length && !got; i++) {
        const out: BatchResult = await batch.processLine(JSON.stringify({ id: `${s.id}#${i}`, text: said[i], session: `d-${s.id}` }));
        got = 'recommendation' in out && out.recommendation ? out.recommendation.verdict : null;
        if (got) at = i + 1;
      }
      if (got) turns.push(at);
      else score.noVerdict++;
      if (got === s.expect) score.passed++;
      else score.fails.push({ id: s.id, expect: s.expect, got, turns: at, description: s.description });
    }
  } finally {
    await runwise.close();
  }
  turns.sort((a, b) => a - b);
  score.medianTurns = turns.length ? turns[Math.floor(turns.length / 2)]! : null;
  return score;
}

export function formatDialogueScore(name: string, s: DialogueScore): string {
  const pct = s.total ? ((100 * s.passed) / s.total).toFixed(1) : 'n/a';
  return `${name}: ${s.passed}/${s.total} right verdicts (${pct}%), ${s.noVerdict} without a verdict, median user turns to a verdict ${s.medianTurns ?? 'n/a'}`;
}

/** What `npm run eval` prints for the project's own scenario set. */
export async function evalDialogues(path = join(projectRoot(), 'tests', 'eval', 'scenarios.jsonl')): Promise<DialogueScore> {
  const score = await scoreDialogues(readScenarios(path));
  console.log(`\n${formatDialogueScore('Recommendation dialogues (tests/eval/scenarios.jsonl)', score)}`);
  return score;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const args = process.argv.slice(2);
  const show = args.includes('--show-fails') ? Number(args[args.indexOf('--show-fails') + 1]) : 0;
  const file = args.find((a) => a.endsWith('.jsonl')) ?? join(projectRoot(), 'tests', 'eval', 'scenarios.jsonl');
  const score = await scoreDialogues(readScenarios(file));
  for (const f of score.fails.slice(0, show)) console.log(JSON.stringify(f));
  console.log(formatDialogueScore(file, score));
}
