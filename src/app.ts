import { join } from 'node:path';
import { createCore } from './core/handle.js';
import { createDialoguePort } from './core/dialogue-binding.js';
import { loadKnowledge, type Knowledge } from './core/knowledge/load.js';
import { loadMessages, type Messages } from './core/messages.js';
import { createNlu, type Nlu } from './core/nlu/index.js';
import { loadIntents } from './core/nlu/load.js';
import { createRetriever, type Retriever } from './core/retrieve/index.js';
import { loadExpander } from './core/retrieve/synonyms.js';
import { chatWords } from './core/retrieve/terms.js';
import { loadScopeLexicon, type ScopeLexicon } from './core/answer/scope.js';
import { loadJargon } from './core/answer/jargon.js';
import { questionTexts } from './core/knowledge/texts.js';
import type { Core } from './core/types.js';
import { loadConfig, type Config } from './config.js';
import { createLogger, type Logger } from './log.js';
import type { ServedMeter } from './ops/meter.js';
import { projectRoot } from './paths.js';
import { createStore } from './store/index.js';
import { loadQuestionForms, type QuestionForms } from './core/answer/question-form.js';
import { createRequire } from 'node:module';
import { cacheKey, readCacheFile, writeCacheFile } from './core/cache.js';
import { rememberStems, stemCount, stemsSoFar } from './core/nlu/tokenize.js';
import type { Store } from './store/types.js';

export interface Runwise {
  core: Core;
  store: Store;
  log: Logger;
  /** The counters behind /metrics, when metrics are served (METRICS_PORT, or Slack's HTTP port). */
  metrics?: ServedMeter;
  close(): Promise<void>;
}

export interface Brain {
  knowledge: Knowledge;
  messages: Messages;
  nlu: Nlu;
  retriever: Retriever;
  scope: ScopeLexicon;
  forms: QuestionForms;
  dialogue: ReturnType<typeof createDialoguePort>;
}

/** Loads and validates every data file and trains the classifier: the part of start-up that needs no I/O but disk. */
export function loadBrain(root: string = projectRoot(), options: { cache?: boolean } = {}): Brain {
  const cacheDir = options.cache === false ? undefined : join(root, '.cache');
  const stems = cacheDir === undefined ? undefined : startUpStems(cacheDir);
  const knowledge = loadKnowledge(join(root, 'data'), { cacheDir });
  const messages = loadMessages(join(root, 'data', 'messages.json'));
  const intents = loadIntents(join(root, 'intents'));
  const retriever = createRetriever(knowledge, { cacheDir, expand: loadExpander(join(root, 'data', 'synonyms.json')) });
  // "kinda scared" is not a typo of kind (the Kubernetes tool): chat words are vocabulary too.
  const nlu = createNlu(intents, knowledge.techs, { cacheDir, vocabulary: [...retriever.knownWords, ...chatWords] });
  const offTopic = intents.filter((f) => f.intent === 'out_of_scope').flatMap((f) => f.examples);
  const dialogue = createDialoguePort(join(root, 'data'), knowledge);
  // Keyed by the knowledge's fingerprint, the question texts are only gathered when the jargon must be found again.
  const { fingerprint } = knowledge;
  const jargon = loadJargon(fingerprint ? { fingerprint, texts: () => questionTexts(knowledge) } : questionTexts(knowledge), offTopic, cacheDir);
  const scope = loadScopeLexicon(join(root, 'data', 'scope.json'), jargon.common, jargon.rare);
  const forms = loadQuestionForms(join(root, 'data', 'question-forms.json'));
  stems?.keep();
  return { knowledge, messages, nlu, retriever, scope, forms, dialogue };
}

const NEW_STEMS_WORTH_KEEPING = 200;

/** natural's version: its Porter stemmer is part of what the kept stems depend on. */
function stemmerVersion(): string {
  try {
    return (createRequire(import.meta.url)('natural/package.json') as { version: string }).version;
  } catch {
    return 'unknown';
  }
}

/**
 * Start-up stems the same few thousand words of the data each time (Porter's stemmer is a measurable share of a cold
 * start): the stems of the last start are read back from `.cache/`, keyed by the stemmer's code, and written again
 * when this start needed many new ones.
 */
function startUpStems(cacheDir: string): { keep(): void } {
  const key = cacheKey(import.meta.url, ['core/nlu/tokenize'], stemmerVersion());
  const name = `stems-${key}.json`;
  // Absent or unreadable: stem as usual, and keep them.
  rememberStems(readCacheFile<[string, string][]>(cacheDir, name) ?? []);
  const known = stemCount();
  return {
    keep() {
      if (stemCount() - known >= NEW_STEMS_WORTH_KEEPING) writeCacheFile(cacheDir, 'stems-', name, stemsSoFar());
    },
  };
}

export interface RunwiseOptions {
  config?: Config;
  /** Overrides config.STATE_URL, e.g. 'memory:' in tests. */
  stateUrl?: string;
  store?: Store;
  now?: () => number;
  log?: Logger;
  brain?: Brain;
  /** Counts turns for /metrics; see src/ops/prometheus.ts. */
  metrics?: ServedMeter;
}

export async function createRunwise(options: RunwiseOptions = {}): Promise<Runwise> {
  const config = options.config ?? loadConfig();
  const log = options.log ?? createLogger(config.LOG_LEVEL);
  const now = options.now ?? Date.now;
  const brain = options.brain ?? loadBrain();
  const store = options.store ?? (await createStore(options.stateUrl ?? config.STATE_URL, { now }));
  const core = createCore({
    kb: brain.knowledge,
    messages: brain.messages,
    nlu: brain.nlu,
    retriever: brain.retriever,
    scope: brain.scope,
    forms: brain.forms,
    dialogue: brain.dialogue,
    threshold: config.CONFIDENCE_THRESHOLD,
    store,
    log,
    now,
    dialogueTtlMs: config.DIALOGUE_TTL_MINUTES * 60_000,
    meter: options.metrics,
  });
  let closed = false;
  return {
    core,
    store,
    log,
    ...(options.metrics ? { metrics: options.metrics } : {}),
    async close() {
      if (closed) return;
      closed = true;
      await store.close();
    },
  };
}
