import type { Core, Inbound, Reply } from '../../../src/core/types.js';

/**
 * A tiny scripted core for paths the real core cannot be made to take on demand: failing, or holding
 * an answer until the test releases it (graceful stop), or quoting the user back (the real core never
 * echoes what it was told, so escaping is tested with a core that does). Every other test uses the real core.
 */
export function scriptedCore(
  options: { fail?: (message: Inbound) => boolean; gate?: Promise<void>; answer?: (message: Inbound) => Reply } = {},
): Core & { seen: Inbound[] } {
  const seen: Inbound[] = [];
  return {
    seen,
    async handle(message) {
      seen.push(message);
      if (options.gate) await options.gate;
      if (options.fail?.(message)) throw new Error('scripted failure with a secret stack');
      if (options.answer) return options.answer(message);
      return { kind: 'answer', intent: 'define', topic: 't', confidence: 1, text: 'An answer.', choices: [], sources: [] };
    },
  };
}
