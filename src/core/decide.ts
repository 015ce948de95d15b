import { parseChoiceId } from './answer/choice-id.js';
import { answerFacts } from './answer/facts.js';
import { DIALOGUE_ACTS, type Reading } from './answer/fuse.js';
import { personalOnlyIfSaidSo, read } from './answer/read.js';
import { reportsTrouble, type ScopeLexicon } from './answer/scope.js';
import type { QuestionForms } from './answer/question-form.js';
import { answerById, answerIntent, answerTopicNote, clarify, fallback, startChoices, welcomeChoices } from './answer/route.js';
import { notice } from './notice.js';
import type { AnswerContext } from './answer/compose.js';
import type { DialoguePort, DialogueSnapshot, DialogueTurn, FlowId } from './dialogue-port.js';
import type { Nlu, NluResult } from './nlu/index.js';
import type { Retriever } from './retrieve/index.js';
import { isProduct } from './knowledge/relations.js';
import { cleanInput } from './text/clean.js';
import { assertNever, MAX_CHOICES, type Inbound, type Reply } from './types.js';
import type { LogEntry } from '../store/types.js';

/** What the store keeps per conversation. */
export interface Conversation {
  dialogue?: DialogueSnapshot;
  /** The last reply invited a description of the workload ("got a minute?" → "go ahead… describe your workload"). */
  invited?: boolean;
}

/** Side effects that run only once the conversation was saved (so a retried turn does not log twice). */
export type Effect =
  | { type: 'log'; log: 'unanswered' | 'feedback'; entry: LogEntry }
  | { type: 'progress'; tourStep: string | undefined };

export interface Outcome {
  reply: Reply;
  conversation: Conversation;
  effects: Effect[];
}

export interface DecideDeps extends AnswerContext {
  nlu: Nlu;
  retriever: Retriever;
  scope: ScopeLexicon;
  forms?: QuestionForms;
  dialogue: DialoguePort;
  threshold: number;
}

export interface TurnInput {
  message: Inbound;
  conversation: Conversation;
  /** Where a returning user left the tour; read from the store only when a tour starts (see NeedsTourProgress). */
  tour: { loaded: false } | { loaded: true; step: string | undefined };
  now: number;
}

/** Asks the caller to load the user's tour progress and decide again: most turns never need that read. */
export interface NeedsTourProgress {
  needsTourProgress: true;
}

export type Decision = Outcome | NeedsTourProgress;

const DIALOGUE_INTENTS: Record<string, FlowId> = { recommend_start: 'recommend', tour_start: 'tour' };
const UNANSWERED_TEXT_LIMIT = 300;

function unanswered(input: TurnInput, text: string, result: Pick<NluResult, 'intent' | 'confidence'>): Effect {
  return {
    type: 'log',
    log: 'unanswered',
    entry: {
      text: text.slice(0, UNANSWERED_TEXT_LIMIT),
      at: new Date(input.now).toISOString(),
      platform: input.message.platform,
      intent: result.intent,
      confidence: Math.round(result.confidence * 1000) / 1000,
    },
  };
}

function withDialogue(reply: Reply, dialogue: DialogueSnapshot | null | undefined, effects: Effect[] = []): Outcome {
  return { reply, conversation: dialogue ? { dialogue } : {}, effects };
}

/** Where a returning user resumes the tour: the step on screen; cleared once they finish it; kept when they stop. */
function progressEffect(deps: DecideDeps, turn: DialogueTurn): Effect[] {
  if (turn.state?.flow === 'tour') return [{ type: 'progress', tourStep: deps.dialogue.tourStep(turn.state) }];
  if (turn.tourDone) return [{ type: 'progress', tourStep: undefined }];
  return [];
}

const fromTurn = (deps: DecideDeps, turn: DialogueTurn): Outcome => withDialogue(turn.reply, turn.state, progressEffect(deps, turn));

function startFlow(deps: DecideDeps, input: TurnInput, flow: FlowId, text?: string): Decision {
  if (flow === 'tour' && !input.tour.loaded) return { needsTourProgress: true };
  const resumeStep = flow === 'tour' && input.tour.loaded ? input.tour.step : undefined;
  return fromTurn(deps, deps.dialogue.start(flow, { text, resumeStep, now: input.now }));
}

function metaReply(deps: DecideDeps, what: 'welcome' | 'home' | 'help' | 'ask'): Reply {
  switch (what) {
    case 'welcome':
      return notice('welcome', deps.messages.welcome, welcomeChoices(deps));
    case 'home':
      return notice('help', deps.messages.home, welcomeChoices(deps));
    case 'help':
      return notice('help', deps.messages.help, startChoices(deps));
    case 'ask':
      return notice('help', deps.messages.askPrompt);
    default:
      return assertNever(what);
  }
}

/** A button press: dialogue answers go to the engine, everything else is self-describing. */
function decideChoice(deps: DecideDeps, input: TurnInput, id: string): Decision {
  const active = input.conversation.dialogue;
  const keep = (reply: Reply, effects: Effect[] = []) => withDialogue(reply, active, effects);
  if (deps.dialogue.isDialogueChoice(id)) {
    if (active) {
      const turn = deps.dialogue.continue(active, { text: '', choiceId: id }, input.now);
      if (turn.handled) return fromTurn(deps, turn);
    }
    // A button from a dialogue that is not running (finished, expired, an old message): the engine replays it.
    // Replayed tour buttons name their own step; only start:tour (handled below) resumes from progress.
    const replayed = deps.dialogue.startFromChoice(id, { now: input.now });
    if (replayed) return fromTurn(deps, replayed);
    return keep(notice('recommend_start', deps.messages.dialogueExpired, startChoices(deps)));
  }
  const action = parseChoiceId(id);
  switch (action.type) {
    case 'more':
      return keep(answerById(deps, action.entry, true) ?? fallback(deps, 1));
    case 'fact': {
      const fact = deps.kb.factsById.get(action.fact);
      return keep(fact ? answerFacts(deps, [fact], 'fact', 1) : fallback(deps, 1));
    }
    case 'feedback':
      return keep(notice('feedback', action.helpful ? deps.messages.feedbackThanks : deps.messages.feedbackRecorded), [
        { type: 'log', log: 'feedback', entry: { topic: action.entry, helpful: action.helpful, at: new Date(input.now).toISOString(), platform: input.message.platform } },
      ]);
    case 'ask':
      if (action.intent === 'entry') return keep(answerById(deps, action.entities[0] ?? '', false) ?? fallback(deps, 1));
      if (DIALOGUE_INTENTS[action.intent]) return startFlow(deps, input, DIALOGUE_INTENTS[action.intent]!);
      return keep(answerIntent(deps, action.intent, action.entities, 1));
    case 'start':
      return startFlow(deps, input, action.flow);
    case 'meta':
      return keep(metaReply(deps, action.what));
    case 'other':
      return keep(fallback(deps, 0));
  }
}

const PROBLEM_MIN_COVERAGE = 0.7;
// Said of one's own setup ("my windows vm's C drive is full after growing the vmdk"), a fact must fit it closer.
const OWN_PROBLEM_MIN_COVERAGE = 0.85;
// A message that reports trouble ("vm is super laggy after p2v", "p2v keeps failing on the raid box") is a problem to
// solve whenever a fact fits some of it: the VM-or-container questions never answer trouble. (At half, 12 of 23,028
// probes got the questions instead of a fitting answer; none changed the other way.)
const TROUBLE_MIN_COVERAGE = 0.15;
// The classifier's confidence that a message is off-topic above which one trait of a workload in it does not count.
const SURE_OFF_TOPIC = 0.6;
const OFF_TOPIC_CHOICE_MAX_WORDS = 8;
const CHOICE_WORD = /\b(?:or|vs|versus)\b/;
const OFF_TOPIC_TROUBLE_MAX_WORDS = 8;
// "firewall appliance (pfsense) in vm or container", "containers on vms or bare metal": asked which to use for one
// named thing, or on a trade-off with no workload in it, and a fact answers the whole message: that is answered.
const WHICH_FACT_FIT = 0.9;
// "podman or docker for local dev on a mac", "rancher desktop or docker desktop for a company": a choice between
// two products is a comparison the recommendation (VMs, containers or both) does not make.
const PRODUCT_CHOICE_FIT = 0.5;
// "should we give our db container host networking", "proxmox ballooning should i enable for windows vms": advice
// about something other than where to run a workload (it names one side of the verdict at most) is a question for
// the facts when one fits half of it.
const OTHER_ADVICE_FIT = 0.5;
// "running untrusted customer code: vm or container, which is safer": asked how the two compare on one measure, it is
// a question a fact answers when one fits half of it; the recommendation is offered beside the answer.
const COMPARISON_FIT = 0.5;
const ONE_THING_MAX_WORDS = 6;
const ONE_THING_MAX_TRAITS = 2;
// "nvidia container toolkit on rhel install", "self hosted runner autoscaling on aws spot": a few keywords naming a
// product, said of nobody's workload and asking nothing, are a search when a fact fits half of them.
const SEARCH_MAX_WORDS = 6;
const SEARCH_FACT_FIT = 0.5;
// "docker containers lose network after host reboot macvlan", "proxmox lxc gpu transcoding jellyfin permission render
// group": keywords naming the domain, said of nobody's workload and wanting nothing, are a search too.
const KEYWORDS_MAX_WORDS = 8;

/** The reply for what the classifier and the fact ranking made of a message together. */
function replyFor(deps: DecideDeps, reading: Reading, result: NluResult): Reply {
  switch (reading.kind) {
    case 'intent':
      return answerIntent(deps, reading.intent, result.entities, reading.confidence);
    case 'facts':
      return answerFacts(deps, reading.facts, result.intent === 'out_of_scope' ? 'fact' : result.intent, reading.confidence, reading.next);
    case 'topic':
      return answerTopicNote(deps, reading.intent, result.entities, reading.confidence);
    case 'clarify':
      return clarify(deps, result.ranking, result.entities, reading.confidence);
    case 'out_of_scope':
      return fallback(deps, reading.confidence);
    default:
      return assertNever(reading);
  }
}

const isIntent = (reading: Reading, intent: string) => reading.kind === 'intent' && reading.intent === intent;

/** The classifier's best reading of a message that is not small talk or a flow start. */
function withoutDialogueActs(result: NluResult): NluResult {
  const best = result.ranking.find((r) => !DIALOGUE_ACTS.has(r.intent));
  return best ? { ...result, intent: best.intent, confidence: best.confidence } : { ...result, intent: 'out_of_scope', confidence: 0 };
}

/** Answers a classified message that is not a dialogue step. */
function decideText(deps: DecideDeps, input: TurnInput, text: string, result: NluResult): Decision {
  const active = input.conversation.dialogue;
  const understood = read(deps, text, result);
  let { reading } = understood;
  const { scope, hits } = understood;
  // A described workload is a request for a verdict; a stray "start over" is not a topic (dialogue/outside.ts).
  // "my docking station won't detect…" may read like a workload, but its words are used in another sense.
  const described = active || scope.otherSense ? undefined : deps.dialogue.read(understood.query);
  // Asked of the same text up to three times below.
  let troubled: boolean | undefined;
  const reportsTroubleHere = () => (troubled ??= reportsTrouble(text, deps.scope));
  // One trait of a workload in a message the classifier is sure is off-topic, with no name or jargon of the domain,
  // is a word in another sense ("cloudflare is blocking my own website", "xcode keeps crashing on my mac").
  // So is a short choice between two things the domain does not name ("spring boot or django for a backend"): the
  // verdict would not answer it. And a short trouble report about such a thing ("my router keeps rebooting every night").
  const unanchored = described?.kind === 'describes' && reading.kind === 'out_of_scope' && scope.anchor === 'none';
  const offTopic =
    unanchored &&
    ((result.intent === 'out_of_scope' && described.traits < 2 && result.confidence >= SURE_OFF_TOPIC) ||
      ((result.intent === 'out_of_scope' || result.intent === 'recommend_start') && scope.words <= OFF_TOPIC_CHOICE_MAX_WORDS && CHOICE_WORD.test(text)) ||
      (!described.advice && scope.words <= OFF_TOPIC_TROUBLE_MAX_WORDS && reportsTroubleHere()));
  // The classifier hears "we run customers' scripts in containers… how real is the escape risk?" as a request
  // for advice; it asks something else, so that is answered, with the recommendation offered.
  // So is a question asking which to use on a trade-off that a fact answers whole ("whats better for latency, containers or vms").
  const productChoice = result.entities.filter((id) => isProduct(deps.kb, id)).length >= 2;
  if (isIntent(reading, 'recommend_start')) {
    // "our auditor asks how we isolate tenants in k8s, what should we answer": advice, but not on where to run it.
    const answerable = (described?.kind === 'asks' && (!described.advice || !described.platform)) || described?.kind === 'question';
    const compares = (described?.kind === 'asks' || described?.kind === 'which') && described.compares;
    if (answerable || described?.kind === 'which' || productChoice || compares) {
      const asQuestion = read(deps, text, withoutDialogueActs(result));
      const fitOfQuestion = asQuestion.hits[0]?.coverageOfMessage ?? 0;
      const otherAdvice = (described?.kind === 'which' || described?.kind === 'describes') && !described.platform;
      const fits = fitOfQuestion >= WHICH_FACT_FIT || (productChoice && fitOfQuestion >= PRODUCT_CHOICE_FIT) || (otherAdvice && fitOfQuestion >= OTHER_ADVICE_FIT) || (compares && fitOfQuestion >= COMPARISON_FIT);
      if (asQuestion.reading.kind === 'facts' && (answerable || fits)) reading = asQuestion.reading;
    }
  }
  // Asked to describe the workload ("got a sec?" → "go ahead… describe your workload"), a message that says anything of
  // one and reports no trouble is that description ("pi-hole and unbound on my homelab linux box"), unless it is
  // keywords said of nobody's workload that a fact answers ("fargate cold start time"): still a search.
  const fitsAFact = (hits[0]?.coverageOfMessage ?? 0) >= PROBLEM_MIN_COVERAGE;
  const invitedDescription =
    (described?.kind === 'other' && described.workload !== undefined && (described.workload.own || !fitsAFact)) ||
    (described?.kind === 'describes' && (described.own || !fitsAFact));
  if (input.conversation.invited && !active && invitedDescription && !reportsTroubleHere()) {
    return startFlow(deps, input, 'recommend', text);
  }
  // "got a sec?" announces a question, whatever the classifier guesses from so few words; "you're dumb" is a
  // complaint, not the opener of a "dumb question".
  if (described?.kind === 'preamble' && !isIntent(reading, 'complaint')) return { reply: notice('greeting', deps.messages.goAhead, startChoices(deps)), conversation: { invited: true }, effects: [] };
  const flow = reading.kind === 'intent' ? DIALOGUE_INTENTS[reading.intent] : undefined;
  if (flow) return startFlow(deps, input, flow, text);
  // A "description" that a fact answers closely and that does not ask which to use is a problem to solve
  // ("my container takes 30s to respond") or a search typed as keywords ("kata containers performance
  // overhead", not about anyone's own workload): answer it, and offer the recommendation.
  const fit = hits[0]?.coverageOfMessage ?? 0;
  const trouble = described?.kind === 'describes' && reportsTroubleHere();
  // "my node app … breaks on the server … i want the exact same env from dev to prod": trouble with one's own workload
  // and what they want from it asks where to run it, unless a fact answers it closely.
  const wantsItFixedForGood = described?.kind === 'describes' && described.own && described.wishes && fit < PROBLEM_MIN_COVERAGE;
  const problem =
    described?.kind === 'describes' &&
    reading.kind === 'facts' &&
    (described.advice
      ? (productChoice && fit >= PRODUCT_CHOICE_FIT) ||
        (!described.platform && described.traits <= ONE_THING_MAX_TRAITS && fit >= OTHER_ADVICE_FIT) ||
        (!described.bare && fit >= WHICH_FACT_FIT && (described.traits === 0 || (!described.own && described.traits <= ONE_THING_MAX_TRAITS && scope.words <= ONE_THING_MAX_WORDS)))
      : (fit >= PROBLEM_MIN_COVERAGE && (!described.own || trouble || fit >= OWN_PROBLEM_MIN_COVERAGE)) ||
        (trouble && fit >= TROUBLE_MIN_COVERAGE && !wantsItFixedForGood) ||
        (!described.own && fit >= SEARCH_FACT_FIT && scope.words <= SEARCH_MAX_WORDS && result.entities.some((id) => isProduct(deps.kb, id))) ||
        (!described.own && !described.wishes && scope.anchor === 'strong' && fit >= SEARCH_FACT_FIT && scope.words <= KEYWORDS_MAX_WORDS));
  // "what should i ask you" asks for advice but says nothing of a workload or the domain: the help it was heard as.
  const smallTalk = reading.kind === 'intent' && !DIALOGUE_INTENTS[reading.intent] && DIALOGUE_ACTS.has(reading.intent) && scope.anchor === 'none';
  // "kvm or virtualbox on my laptop for a windows vm": a choice between two products that are not the verdict's two
  // sides is a comparison, whatever workload it mentions; the recommendation (VMs, containers or both) does not make it.
  const productQuestion = productChoice && CHOICE_WORD.test(text) && described?.kind === 'describes' && !described.platform && (reading.kind === 'facts' || isIntent(reading, 'compare'));
  if (described?.kind === 'describes' && !problem && !offTopic && !productQuestion && !(smallTalk && described.traits === 0)) return startFlow(deps, input, 'recommend', text);
  if (described?.kind === 'control') return withDialogue(notice('recommend_start', described.text, startChoices(deps)), undefined);

  let reply = replyFor(deps, reading, result);
  // A refused "which is better" question ("postgres or mongodb?") is not offered a recommendation.
  const offers = described?.kind === 'asks' || described?.kind === 'describes' || (described?.kind === 'which' && reply.kind !== 'fallback');
  if (offers && !offTopic && reply.choices.length < MAX_CHOICES) reply = { ...reply, choices: [...reply.choices, described.offer] };
  // Whatever the bot could not answer outright (including a clear question about something it does
  // not know, "what is terraform?") is logged for maintainers to teach.
  const effects: Effect[] = reply.kind === 'fallback' || reply.kind === 'clarify' ? [unanswered(input, text, result)] : [];

  if (!active) return withDialogue(reply, undefined, effects);
  // A side question mid-dialogue: answer it (or say we did not get it), then ask the pending step again.
  const reprompt = deps.dialogue.reprompt(active);
  // Answers and small talk (help, thanks) are worth showing; a guess or a fallback is not.
  const answered = reply.kind === 'answer' || reply.kind === 'notice';
  const lead = answered ? `${reply.text}\n\n${deps.messages.resumeDialogue}` : deps.messages.dialogueNotUnderstood;
  return withDialogue({ ...reprompt, text: `${lead}\n\n${reprompt.text}`, sources: reply.kind === 'answer' ? reply.sources : reprompt.sources }, active, effects);
}

export function decide(deps: DecideDeps, input: TurnInput): Decision {
  const { message } = input;
  if (message.choiceId) return decideChoice(deps, input, message.choiceId);

  const active = input.conversation.dialogue;
  const raw = message.text.trim();
  // Dialogue answers such as "2" or "not sure" would not survive cleaning, so the engine sees them first.
  if (active && raw !== '' && raw.length <= 2000) {
    const turn = deps.dialogue.continue(active, { text: raw }, input.now);
    if (turn.handled) return fromTurn(deps, turn);
  }

  const cleaned = cleanInput(message.text);
  if (cleaned.problem) {
    const choices = cleaned.problem === 'too_long' ? [] : startChoices(deps);
    const reply: Reply = { kind: 'fallback', intent: 'out_of_scope', confidence: 0, text: deps.messages.input[cleaned.problem], choices, sources: [] };
    if (!active) return withDialogue(reply, undefined);
    const reprompt = deps.dialogue.reprompt(active);
    return withDialogue({ ...reprompt, text: `${reply.text}\n\n${reprompt.text}` }, active);
  }
  return decideText(deps, input, cleaned.text, personalOnlyIfSaidSo(deps.nlu, cleaned.text, deps.nlu.classify(cleaned.text)));
}

