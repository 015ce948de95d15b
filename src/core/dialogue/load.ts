import { join } from 'node:path';
import { RunwiseError } from '../../errors.js';
import { readDataFile } from '../data-file.js';
import type { Source } from '../types.js';
import { compileMatcher, type Matcher } from './match.js';
import {
  ControlsSchema,
  RESERVED_CHOICES,
  RESERVED_SLOTS,
  RecommendFlowSchema,
  TourFlowSchema,
  VERDICTS,
  type Controls,
  type RecommendFlow,
  type TourFlow,
} from './schema.js';
import { key, words } from './text.js';

/** The longest phrase the dialogue reader matches (describe.ts). */
export const MAX_PHRASE_WORDS = 4;

export type ControlWord = keyof Controls['words'];

/** Everything the engine needs, validated and precompiled once at start. */
export interface Flows {
  recommend: RecommendFlow;
  tour: TourFlow;
  controls: Controls;
  matcher: Matcher;
  /** Whole-message keys (stems) of each control word. */
  controlKeys: Map<string, ControlWord>;
  fillers: Set<string>;
  questionStarts: Set<string>;
  questionLeadIns: Set<string>;
  /** Stem keys of the phrases that mark a description (see describe.ts). */
  describe: Record<keyof Controls['describe'], Set<string>> & { adviceWords: Set<string>; selfWords: Set<string> };
  /** Titles and links for the source ids the flows cite; ids missing here are left out of replies. */
  sources: ReadonlyMap<string, Source>;
}

type Problem = [field: string, message: string];

function duplicates<T>(items: T[], keyOf: (t: T) => string, field: (i: number) => string, what: string): Problem[] {
  const seen = new Set<string>();
  return items.flatMap((t, i): Problem[] => {
    const k = keyOf(t);
    if (seen.has(k)) return [[field(i), `duplicate ${what} "${k}"`]];
    seen.add(k);
    return [];
  });
}

function checkRecommend(flow: RecommendFlow, sources?: ReadonlyMap<string, Source>): Problem[] {
  const problems: Problem[] = [];
  problems.push(...duplicates(flow.questions, (q) => q.id, (i) => `questions.${i}.id`, 'question id'));
  problems.push(...duplicates(flow.questions, (q) => q.slot, (i) => `questions.${i}.slot`, 'slot'));
  const choicesBySlot = new Map(flow.questions.map((q) => [q.slot, new Set(q.choices.map((c) => c.id))]));
  flow.questions.forEach((q, qi) => {
    if (RESERVED_SLOTS.includes(q.slot)) problems.push([`questions.${qi}.slot`, `"${q.slot}" is reserved`]);
    problems.push(...duplicates(q.choices, (c) => c.id, (ci) => `questions.${qi}.choices.${ci}.id`, 'choice id'));
    q.choices.forEach((c, ci) => {
      if (RESERVED_CHOICES.includes(c.id)) problems.push([`questions.${qi}.choices.${ci}.id`, `"${c.id}" is reserved`]);
    });
    (q.combine ?? []).forEach((m, mi) => {
      for (const id of [...m.of, m.into]) if (!q.choices.some((c) => c.id === id)) problems.push([`questions.${qi}.combine.${mi}`, `no choice "${id}" in this question`]);
    });
    // The same phrase under two answers of one question could never pick either.
    const owner = new Map<string, number>();
    q.choices.forEach((c, ci) =>
      c.match.forEach((m, mi) => {
        const k = key(m);
        const other = owner.get(k);
        if (other !== undefined && other !== ci) {
          problems.push([`questions.${qi}.choices.${ci}.match.${mi}`, `"${m}" also matches answer "${q.choices[other]!.id}" of this question`]);
        }
        owner.set(k, ci);
      }),
    );
  });
  if (new Set(flow.tieBreak).size !== VERDICTS.length) problems.push(['tieBreak', `list each of ${VERDICTS.join(', ')} once`]);
  for (const verdict of VERDICTS) {
    const text = flow.verdicts[verdict];
    text.nextSteps.forEach((step, si) => {
      for (const [slot, ids] of Object.entries(step.when ?? {})) {
        const known = choicesBySlot.get(slot);
        const field = `verdicts.${verdict}.nextSteps.${si}.when.${slot}`;
        if (!known) problems.push([field, `no question has slot "${slot}"`]);
        else for (const id of ids) if (!known.has(id)) problems.push([field, `slot "${slot}" has no choice "${id}"`]);
      }
    });
    problems.push(...unknownSources(text.sources, `verdicts.${verdict}.sources`, sources));
  }
  return problems;
}

function unknownSources(ids: string[], field: string, sources?: ReadonlyMap<string, Source>): Problem[] {
  if (!sources) return [];
  return ids.flatMap((id, i): Problem[] => (sources.has(id) ? [] : [[`${field}.${i}`, `unknown source id "${id}" (not in data/sources.json)`]]));
}

function checkTour(flow: TourFlow, sources?: ReadonlyMap<string, Source>): Problem[] {
  const problems = duplicates(flow.steps, (s) => s.id, (i) => `steps.${i}.id`, 'step id');
  flow.steps.forEach((step, si) => {
    problems.push(...unknownSources(step.sources, `steps.${si}.sources`, sources));
    if (step.type !== 'check') return;
    problems.push(...duplicates(step.choices, (c) => c.id, (ci) => `steps.${si}.choices.${ci}.id`, 'choice id'));
    if (!step.choices.some((c) => c.id === step.answer)) problems.push([`steps.${si}.answer`, `"${step.answer}" is not one of the choice ids`]);
  });
  return problems;
}

function controlKeys(controls: Controls): { keys: Map<string, ControlWord>; problems: Problem[] } {
  const keys = new Map<string, ControlWord>();
  const problems: Problem[] = [];
  for (const [word, list] of Object.entries(controls.words) as [ControlWord, string[]][]) {
    list.forEach((phrase, i) => {
      const k = key(phrase);
      const other = keys.get(k);
      if (other && other !== word) problems.push([`words.${word}.${i}`, `"${phrase}" is also a "${other}" word`]);
      keys.set(k, word);
    });
  }
  return { keys, problems };
}

/** The dialogue reader matches phrases of at most MAX_PHRASE_WORDS words: a longer one would silently never match. */
function longPhrases(controls: Controls): Problem[] {
  return Object.entries(controls.describe).flatMap(([list, phrases]) =>
    phrases.flatMap((p, i): Problem[] => (key(p).split(' ').length > MAX_PHRASE_WORDS ? [[`describe.${list}.${i}`, `"${p}" has more than ${MAX_PHRASE_WORDS} words`]] : [])),
  );
}

function fail(path: string, problems: Problem[]): void {
  if (problems.length === 0) return;
  const fields = problems.map(([field, message]) => `  - ${field}: ${message}`);
  throw new RunwiseError('data_invalid', `${path}: invalid data\n${fields.join('\n')}`);
}

/**
 * Reads data/flows/{recommend,tour,controls}.json under `dataDir` (the `data` directory).
 * Throws RunwiseError('data_invalid') naming the file and each bad field. When `sources` is given,
 * every source id the flows cite must be in it.
 */
export function loadFlows(dataDir: string, sources?: ReadonlyMap<string, Source>): Flows {
  const path = (name: string) => join(dataDir, 'flows', name);
  const recommend = readDataFile(path('recommend.json'), RecommendFlowSchema);
  fail(path('recommend.json'), checkRecommend(recommend, sources));
  const tour = readDataFile(path('tour.json'), TourFlowSchema);
  fail(path('tour.json'), checkTour(tour, sources));
  const controls = readDataFile(path('controls.json'), ControlsSchema);
  const { keys, problems } = controlKeys(controls);
  fail(path('controls.json'), [...problems, ...longPhrases(controls)]);
  return {
    recommend,
    tour,
    controls,
    matcher: compileMatcher(recommend, controls),
    controlKeys: keys,
    fillers: new Set(controls.fillers.map(key)),
    questionStarts: new Set(controls.questionStarts.map(key)),
    questionLeadIns: new Set(controls.questionLeadIns.map(key)),
    describe: {
      self: new Set(controls.describe.self.map(key)),
      selfWords: new Set(controls.describe.self.flatMap((w) => words(w))),
      need: new Set(controls.describe.need.map(key)),
      wish: new Set(controls.describe.wish.map(key)),
      vmSide: new Set(controls.describe.vmSide.map(key)),
      containerSide: new Set(controls.describe.containerSide.map(key)),
      // As typed: stemmed, "dockerize" would be "docker" and "virtualize" "virtual".
      platformVerbs: new Set(controls.describe.platformVerbs.map((p) => words(p).join(' '))),
      // As typed, not stemmed: "run" opens a how-to, "running 30 services…" a description.
      howTo: new Set(controls.describe.howTo.map((w) => w.toLowerCase())),
      advice: new Set(controls.describe.advice.map(key)),
      questionPhrases: new Set(controls.describe.questionPhrases.map(key)),
      comparatives: new Set(controls.describe.comparatives.map(key)),
      questionEnds: new Set(controls.describe.questionEnds.map(key)),
      preamble: new Set(controls.describe.preamble.map(key)),
      choices: new Set(controls.describe.choices.map(key)),
      // The words of advice phrases and of what they choose between: "vm or docker or both?" says nothing else.
      adviceWords: new Set([...controls.describe.advice, ...controls.describe.self, ...controls.describe.choices].flatMap((p) => key(p).split(' '))),
    },
    sources: sources ?? new Map(),
  };
}
