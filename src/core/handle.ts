import type { Logger } from 'pino';
import { RunwiseError, toRunwiseError } from '../errors.js';
import { noMeter, type Meter } from '../ops/meter.js';
import { createKeyedMutex } from '../store/lock.js';
import { LOST_RACE, retryOnConflict } from '../store/retry.js';
import { updateRecord } from '../store/update.js';
import type { Store } from '../store/types.js';
import { decide, type Conversation, type DecideDeps, type Effect, type Outcome } from './decide.js';
import type { Core, Inbound, Reply } from './types.js';

export interface CoreDeps extends DecideDeps {
  store: Store;
  log: Logger;
  now: () => number;
  /** Idle time after which a dialogue is forgotten. */
  dialogueTtlMs: number;
  /** Counts turns, conflicts and store errors for /metrics; nothing when omitted. */
  meter?: Meter;
}

// Finished tours and remembered progress outlive dialogues by far.
const PROGRESS_TTL_MS = 180 * 24 * 3600 * 1000;

/**
 * The one entry point adapters call. Each turn reads the conversation, decides, and writes it back
 * with compare-and-set, so two instances (or two quick messages) never overwrite each other; a lost
 * race is retried under the store's one conflict policy (retry.ts). Messages of one conversation are
 * also serialised in-process. A one-off message (Inbound.oneOff) reads and writes no conversation or
 * progress at all.
 */
export function createCore(deps: CoreDeps): Core {
  const mutex = createKeyedMutex();
  const { store, log } = deps;
  const meter = deps.meter ?? noMeter;
  const onConflict = () => meter.conflict();

  async function tourStepOf(userId: string): Promise<string | undefined> {
    const progress = await store.get<{ tourStep?: string }>('progress', userId);
    return progress?.value.tourStep;
  }

  async function runEffects(message: Inbound, effects: Effect[]): Promise<void> {
    for (const effect of effects) {
      switch (effect.type) {
        case 'log':
          await store.append(effect.log, effect.entry);
          break;
        case 'progress': {
          // A one-off has no user to remember a tour for.
          if (message.oneOff) break;
          const value = effect.tourStep ? { tourStep: effect.tourStep } : null;
          await updateRecord(store, 'progress', message.userId, () => value, { ttlMs: PROGRESS_TTL_MS, onConflict });
          break;
        }
      }
    }
  }

  async function decideWith(message: Inbound, conversation: Conversation, now: number, loadTour: () => Promise<string | undefined>): Promise<Outcome> {
    const input = { message, conversation, now };
    let decision = decide(deps, { ...input, tour: { loaded: false } });
    if ('needsTourProgress' in decision) decision = decide(deps, { ...input, tour: { loaded: true, step: await loadTour() } });
    if ('needsTourProgress' in decision) throw new RunwiseError('internal', 'tour progress was loaded but asked for again');
    return decision;
  }

  async function oneOffTurn(message: Inbound): Promise<Outcome> {
    const outcome = await decideWith(message, {}, deps.now(), async () => undefined);
    await runEffects(message, outcome.effects);
    return outcome;
  }

  function statefulTurn(message: Inbound): Promise<Outcome> {
    return retryOnConflict<Outcome>(
      async () => {
        const now = deps.now();
        const record = await store.get<Conversation>('conversation', message.conversationId);
        const stored = record?.value.dialogue ? deps.dialogue.parse(record.value.dialogue) : null;
        const live = stored && !deps.dialogue.isExpired(stored, now, deps.dialogueTtlMs) ? stored : null;
        const conversation: Conversation = { ...(live ? { dialogue: live } : {}), ...(record?.value.invited === true ? { invited: true } : {}) };
        const outcome = await decideWith(message, conversation, now, () => tourStepOf(message.userId));
        const before = record ? JSON.stringify(record.value) : '{}';
        if (before !== JSON.stringify(outcome.conversation)) {
          const saved = await store.put('conversation', message.conversationId, outcome.conversation, record?.version ?? 0, deps.dialogueTtlMs);
          if (!saved) return LOST_RACE;
        }
        // Only after the save: a retried turn must not log twice.
        await runEffects(message, outcome.effects);
        return outcome;
      },
      { what: 'the conversation', onConflict },
    );
  }

  async function handle(message: Inbound): Promise<Reply> {
    const started = process.hrtime.bigint();
    let reply: Reply;
    let unanswered = false;
    try {
      const outcome = message.oneOff ? await oneOffTurn(message) : await mutex.run(message.conversationId, () => statefulTurn(message));
      reply = outcome.reply;
      unanswered = outcome.effects.some((e) => e.type === 'log' && e.log === 'unanswered');
    } catch (error) {
      const failure = toRunwiseError(error);
      log.error({ code: failure.code, err: failure.message, platform: message.platform }, 'turn failed');
      const storeFailure = failure.code === 'store_unavailable' || failure.code === 'store_conflict' ? failure.code : null;
      if (storeFailure) meter.storeError(storeFailure);
      const text = storeFailure ? deps.messages.errors[storeFailure] : deps.messages.errors.internal;
      reply = { kind: 'notice', intent: 'error', confidence: 0, text, choices: [], sources: [] };
    }
    const micros = Number((process.hrtime.bigint() - started) / 1000n);
    meter.turn({ platform: message.platform, intent: reply.intent, kind: reply.kind, seconds: micros / 1e6, unanswered });
    // Checked first: building the log fields costs more than a batch line's store write.
    if (reply.intent !== 'error' && log.isLevelEnabled('info')) {
      log.info({ platform: message.platform, intent: reply.intent, confidence: Number(reply.confidence.toFixed(3)), kind: reply.kind, us: micros }, 'answered');
      log.debug({ text: message.text, choiceId: message.choiceId }, 'message');
    }
    return reply;
  }

  return { handle };
}
