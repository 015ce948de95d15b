import { z } from 'zod';
import { MAX_CHOICE_LABEL } from '../types.js';

/**
 * The dialogue data: data/flows/recommend.json, tour.json and controls.json.
 * Every word the engine shows lives here; loadFlows (load.ts) validates and cross-checks it.
 */

const Id = z.string().regex(/^[a-z0-9][a-z0-9-]{0,23}$/, 'lowercase letters, digits and dashes, at most 24 characters');
const SourceId = z.string().regex(/^[a-z0-9][a-z0-9-]*$/, 'a source id from data/sources.json');
const Label = z.string().min(1).max(MAX_CHOICE_LABEL);
const Sentence = z.string().min(10).max(600);
const Paragraph = z.string().min(10).max(1200);
/** Free-text phrases; matched on word stems, so "GPUs" also matches "gpu". */
const Phrases = z.array(z.string().min(1).max(80)).default([]);

export const VERDICTS = ['vm', 'container', 'containers-on-vms'] as const;
export const VerdictSchema = z.enum(VERDICTS);

/** Slots and choices that can never be answers, because choice ids use them for controls. */
export const RESERVED_SLOTS = ['ctl', 'start'];
export const RESERVED_CHOICES = ['skip'];

export const AnswerChoiceSchema = z.strictObject({
  id: Id,
  label: Label,
  /** How strongly this answer points at each verdict; missing verdicts weigh 0. */
  weights: z.partialRecord(VerdictSchema, z.number().int().min(0).max(9)),
  /** Shown under the verdict when this answer counted, written about what the user said. */
  reason: Sentence,
  /** Phrases that answer this question anywhere in a free-text message. */
  match: Phrases,
  /** Phrases that count even after a negation: "nobody else may share their kernel" still asks for a kernel of its own. */
  matchNegated: z.array(z.string().min(1).max(80)).optional(),
  /** Short whole-message replies ("no", "none") accepted only while this question is pending. */
  answers: Phrases,
  /** The answer as a condition, for "what would change it": "If {condition}: {verdict}" (the label when missing). */
  condition: z.string().min(5).max(120).optional(),
});
export type AnswerChoice = z.infer<typeof AnswerChoiceSchema>;

export const QuestionStepSchema = z.strictObject({
  type: z.literal('question'),
  id: Id,
  slot: Id,
  text: Sentence,
  hint: Sentence.optional(),
  choices: z.array(AnswerChoiceSchema).min(2).max(6),
  /**
   * The answer says where it runs or who runs it, not what the workload is ("we use Kubernetes"):
   * on its own it does not make a message a description (describe.ts).
   */
  context: z.boolean().optional(),
  /**
   * When one message names both answers of a pair, it means a third ("an old Windows app plus new
   * containerised services" is a mix, not whichever phrase was longer).
   */
  combine: z.array(z.strictObject({ of: z.tuple([Id, Id]), into: Id })).optional(),
});
export type QuestionStep = z.infer<typeof QuestionStepSchema>;

/** All conditions must hold: each listed slot was answered with one of the listed choice ids. */
const When = z.record(Id, z.array(Id).min(1));

export const NextStepSchema = z.strictObject({
  text: Sentence,
  /** Shown only when the answers match. */
  when: When.optional(),
  /** Shown only when no step with `when` matched. Without `when` or `fallback` a step is always shown. */
  fallback: z.literal(true).optional(),
});

export const VerdictTextSchema = z.strictObject({
  /** The verdict as a phrase inside a sentence: "containers on VMs". */
  name: z.string().min(3).max(40),
  title: z.string().min(3).max(80),
  explanation: Paragraph,
  nextSteps: z.array(NextStepSchema).min(1).max(8),
  sources: z.array(SourceId).min(1),
});

export const RecommendFlowSchema = z.strictObject({
  id: z.literal('recommend'),
  /** Opens the dialogue when the first message said nothing the questions ask about. */
  intro: Sentence,
  /** Equal totals go to the verdict listed first here. */
  tieBreak: z.array(VerdictSchema).length(3),
  questions: z.array(QuestionStepSchema).min(2).max(12),
  /**
   * How long the dialogue may ask. A verdict comes as soon as no single answer could change it, after
   * a "not sure" once something was said (the leaning verdict), or when the budget is spent.
   */
  policy: z
    .strictObject({
      /** Questions asked at most once the workload has been described (free text that gave answers). */
      maxQuestions: z.number().int().min(1).max(12),
      /** Questions asked at most when nothing has been described, answering button by button. */
      maxQuestionsCold: z.number().int().min(1).max(12),
      /** "Not sure" answers in a row before the verdict, when nothing has been said yet. */
      maxSkips: z.number().int().min(1).max(12),
      /** With this many answers, a verdict that no single further answer could flip is given at once. */
      settleAfter: z.number().int().min(1).max(12),
    })
    .optional(),
  verdicts: z.strictObject({ vm: VerdictTextSchema, container: VerdictTextSchema, 'containers-on-vms': VerdictTextSchema }),
});
export type RecommendFlow = z.infer<typeof RecommendFlowSchema>;

/** A flow without a policy (a test's hand-made flow) asks every question, as before policies existed. */
export const policyOf = (flow: RecommendFlow) => flow.policy ?? { maxQuestions: flow.questions.length, maxQuestionsCold: flow.questions.length, maxSkips: flow.questions.length, settleAfter: flow.questions.length };

const TourBody = z.array(z.string().min(3).max(500)).min(1).max(8);

export const InfoStepSchema = z.strictObject({
  type: z.literal('info'),
  id: Id,
  title: z.string().min(3).max(80),
  /** Paragraphs; a line starting with "- " is a bullet. */
  body: TourBody,
  sources: z.array(SourceId).min(1),
});

export const CheckStepSchema = z.strictObject({
  type: z.literal('check'),
  id: Id,
  title: z.string().min(3).max(80),
  body: TourBody,
  question: Sentence,
  choices: z.array(z.strictObject({ id: z.string().regex(/^[a-z]$/, 'one letter: a, b, c...'), label: Label })).min(2).max(5),
  /** The id of the right choice. */
  answer: z.string(),
  /** Shown after any answer, right or wrong. */
  explanation: Sentence,
  sources: z.array(SourceId).min(1),
});

export const TourStepSchema = z.discriminatedUnion('type', [InfoStepSchema, CheckStepSchema]);
export type TourStep = z.infer<typeof TourStepSchema>;
export type CheckStep = z.infer<typeof CheckStepSchema>;

export const TourFlowSchema = z.strictObject({
  id: z.literal('tour'),
  steps: z.array(TourStepSchema).min(5).max(8),
});
export type TourFlow = z.infer<typeof TourFlowSchema>;

/** A template must mention each placeholder, e.g. "{index}". */
const template = (...names: string[]) =>
  z
    .string()
    .min(3)
    .max(600)
    .refine((s) => names.every((n) => s.includes(`{${n}}`)), { message: `must contain ${names.map((n) => `{${n}}`).join(' and ')}` });
const Words = z.array(z.string().min(1).max(40)).min(1);

export const ControlsSchema = z.strictObject({
  /** Whole-message commands, matched after dropping `fillers` ("cancel please", "ok go back"). */
  words: z.strictObject({ cancel: Words, restart: Words, back: Words, skip: Words, next: Words }),
  fillers: z.array(z.string().min(1).max(20)),
  /** A phrase is ignored when one of `before` is at most `window` words ahead of it, or one of `after` follows within two words. */
  negation: z.strictObject({ before: Words, after: Words, window: z.number().int().min(1).max(6) }),
  /** Words that split a sentence into clauses, so a negation does not reach across "but". */
  clauseBreaks: Words,
  /** Phrases that answer nothing although they contain answer words: "vm or docker?" asks, it does not say "docker". */
  ignore: Words,
  /** A message ending in "?" or starting with one of these is a side question, not an answer. */
  questionStarts: Words,
  /** Words chat puts before a question's first word ("so whats…", "hey team, how do…", "ok but why…"). */
  questionLeadIns: Words,
  /**
   * Telling a description (a request for advice) from a question about a topic:
   * `self` words say it is about the user's own workload ("we", "our"), `need` words that it is
   * something they must run ("need", "has to"), `wish` words that it says what they want from it ("i want the
   * same env from dev to prod"), `vmSide` and `containerSide` words name the two sides of the verdict and
   * `platformVerbs` a move between them ("containerize"): advice naming both sides, or such a verb, is about where to
   * run something; "should we give our db container host networking" is advice about something else; `howTo` verbs that open a how-to search said of nobody's workload ("run linux and
   * windows containers side by side"), `advice` phrases ask for a verdict ("vm or
   * container", "should we"), `questionPhrases` mark a question anywhere in it ("how does", "vs"),
   * `comparatives` ask how two things compare on one measure ("which is safer", "uses less"): a question with an
   * answer, not a request for a verdict on one's own workload;
   * `questionEnds` one that closes a sentence ("microvm startup in milliseconds how", "aks private cluster what is it");
   * a short message of only `preamble` words (and fillers) announces a question without asking it yet;
   * one of only advice phrases and `choices` (the things a verdict chooses between) asks for the verdict.
   */
  describe: z.strictObject({ self: Words, need: Words, wish: Words, howTo: Words, vmSide: Words, containerSide: Words, platformVerbs: Words, advice: Words, questionPhrases: Words, comparatives: Words, questionEnds: Words, preamble: Words, choices: Words }),
  labels: z.strictObject({
    back: Label,
    restart: Label,
    cancel: Label,
    skip: Label,
    next: Label,
    finish: Label,
    stopTour: Label,
    resumeTour: Label,
    restartTour: Label,
    takeTour: Label,
    recommend: Label,
    /** The button under a leaning verdict that asks the one question that would settle it. */
    settle: Label,
    /** Offered under an answer to a question that also described a workload. */
    recommendThis: Label,
  }),
  text: z.strictObject({
    progress: template('index', 'total'),
    tourProgress: template('index', 'total'),
    noted: template('answers'),
    /** After "Noted: …" when what was said already points somewhere: the verdict so far and its first reason. */
    soFar: template('verdict', 'reason'),
    restarted: Sentence,
    nothingBack: Sentence,
    cancelled: Sentence,
    tourStopped: Sentence,
    tourDone: Sentence,
    nextStepsHeading: z.string().min(3).max(80),
    reasonsHeading: z.string().min(3).max(80),
    against: template('reason'),
    closeCall: template('other'),
    noReasons: Sentence,
    checkRight: z.string().min(2).max(200),
    checkWrong: template('answer'),
    /** Heads a verdict the answers do not settle: names the question that would. */
    leaning: template('verdict', 'question'),
    decidedHeading: z.string().min(3).max(80),
    changeHeading: z.string().min(3).max(80),
    wouldChange: template('condition', 'verdict'),
    /** "start over", "cancel", "back" or "skip" with no dialogue running. */
    noDialogue: Sentence,
  }),
});
export type Controls = z.infer<typeof ControlsSchema>;
