import type { Logger } from 'pino';
import { RunwiseError, toRunwiseError } from '../errors.js';
import { createKeyedMutex } from '../store/lock.js';
import { updateRecord } from '../store/update.js';
import type { Store } from '../store/types.js';
import { decide, type Conversation, type DecideDeps, type Effect } from './decide.js';
import type { Core, Inbound, Reply } from './types.js';

export interface CoreDeps extends DecideDeps {
  store: Store;
  log: Logger;
  now: () => number;
  /** Idle time after which a dialogue is forgotten. */
  dialogueTtlMs: number;
}

const MAX_ATTEMPTS = 5;
// Finished tours and remembered progress outlive dialogues by far.
const PROGRESS_TTL_MS = 180 * 24 * 3600 * 1000;

/**
 * The one entry point adapters call. Each turn reads the conversation, decides, and writes it back
 * with compare-and-set, so two instances (or two quick messages) never overwrite each other;
 * messages of one conversation are also serialised in-process.
 */
export function createCore(deps: CoreDeps): Core {
  const mutex = createKeyedMutex();
  const { store, log } = deps;

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
          const value = effect.tourStep ? { tourStep: effect.tourStep } : null;
          await updateRecord(store, 'progress', message.userId, () => value, { ttlMs: PROGRESS_TTL_MS });
          break;
        }
      }
    }
  }

  async function turn(message: Inbound): Promise<Reply> {
    for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
      const now = deps.now();
      const record = await store.get<Conversation>('conversation', message.conversationId);
      const stored = record?.value.dialogue ? deps.dialogue.parse(record.value.dialogue) : null;
      const live = stored && !deps.dialogue.isExpired(stored, now, deps.dialogueTtlMs) ? stored : null;
      const conversation: Conversation = live ? { dialogue: live } : {};
      const input = { message, conversation, now };
      let decision = decide(deps, { ...input, tour: { loaded: false } });
      if ('needsTourProgress' in decision) decision = decide(deps, { ...input, tour: { loaded: true, step: await tourStepOf(message.userId) } });
      if ('needsTourProgress' in decision) throw new RunwiseError('internal', 'tour progress was loaded but asked for again');
      const outcome = decision;
      const before = record ? JSON.stringify(record.value) : JSON.stringify({});
      const unchanged = before === JSON.stringify(outcome.conversation);
      if (!unchanged) {
        const saved = await store.put('conversation', message.conversationId, outcome.conversation, record?.version ?? 0, deps.dialogueTtlMs);
        if (!saved) continue;
      }
      await runEffects(message, outcome.effects);
      return outcome.reply;
    }
    throw new RunwiseError('store_conflict', `conversation kept changing after ${MAX_ATTEMPTS} attempts`);
  }

  async function handle(message: Inbound): Promise<Reply> {
    const started = process.hrtime.bigint();
    try {
      const reply = await mutex.run(message.conversationId, () => turn(message));
      log.info(
        { platform: message.platform, intent: reply.intent, confidence: Number(reply.confidence.toFixed(3)), kind: reply.kind, us: Number((process.hrtime.bigint() - started) / 1000n) },
        'answered',
      );
      log.debug({ text: message.text, choiceId: message.choiceId }, 'message');
      return reply;
    } catch (error) {
      const failure = toRunwiseError(error);
      log.error({ code: failure.code, err: failure.message, platform: message.platform }, 'turn failed');
      const text =
        failure.code === 'store_unavailable' || failure.code === 'store_conflict' ? deps.messages.errors[failure.code] : deps.messages.errors.internal;
      return { kind: 'notice', intent: 'error', confidence: 0, text, choices: [], sources: [] };
    }
  }

  return { handle };
}
