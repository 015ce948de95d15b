import { createRunwise, loadBrain, type Brain, type Runwise } from '../../src/app.js';
import { loadConfig } from '../../src/config.js';
import type { Inbound, Reply } from '../../src/core/types.js';
import { silentLogger } from '../../src/log.js';
import type { Store } from '../../src/store/types.js';

let brain: Brain | undefined;
/** Data files are validated and the classifier trained once per test file. */
export function sharedBrain(): Brain {
  brain ??= loadBrain();
  return brain;
}

export interface Harness {
  runwise: Runwise;
  clock: { now: number };
  say(text: string, conversation?: string, user?: string): Promise<Reply>;
  click(choiceId: string, conversation?: string, user?: string): Promise<Reply>;
}

export async function harness(opts: { store?: Store; env?: Record<string, string> } = {}): Promise<Harness> {
  const clock = { now: Date.UTC(2026, 0, 1) };
  const runwise = await createRunwise({
    config: loadConfig({ STATE_URL: 'memory:', ...opts.env }),
    stateUrl: 'memory:',
    store: opts.store,
    now: () => clock.now,
    log: silentLogger(),
    brain: sharedBrain(),
  });
  const message = (conversation: string, user: string): Omit<Inbound, 'text'> => ({ conversationId: conversation, userId: user, platform: 'cli' });
  return {
    runwise,
    clock,
    say: (text, conversation = 'c1', user = 'u1') => runwise.core.handle({ ...message(conversation, user), text }),
    click: (choiceId, conversation = 'c1', user = 'u1') => runwise.core.handle({ ...message(conversation, user), text: '', choiceId }),
  };
}

/** The id of the choice whose label matches, so tests click what a user would see. */
export function choiceLabelled(reply: Reply, label: RegExp): string {
  const choice = reply.choices.find((c) => label.test(c.label));
  if (!choice) throw new Error(`no choice matching ${label} in [${reply.choices.map((c) => c.label).join(' | ')}]`);
  return choice.id;
}
