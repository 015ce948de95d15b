import type { Core, Inbound, Reply } from '../../../src/core/types.js';

/**
 * A tiny scripted core for paths the real core cannot be made to take on demand (it failing),
 * and for iterating on the adapter before the real core's data existed.
 */
export function scriptedCore(options: { fail?: (message: Inbound) => boolean; gate?: Promise<void> } = {}): Core & { seen: Inbound[] } {
  const steps = new Map<string, number>();
  const base = { confidence: 1, sources: [] };
  const seen: Inbound[] = [];
  const question = (conversationId: string, index: number): Reply => {
    steps.set(conversationId, index);
    return { ...base, kind: 'question', intent: 'recommend_start', flow: 'recommend', step: `s${index}`, progress: { index, total: 2 }, text: `Question ${index}?`, choices: [{ id: `rec:${index}:a`, label: `Answer ${index}a` }, { id: `rec:${index}:b`, label: `Answer ${index}b` }] };
  };
  const welcome: Reply = { ...base, kind: 'notice', intent: 'welcome', text: 'Welcome!', choices: [{ id: 'start:tour', label: 'Take the tour' }, { id: 'start:recommend', label: 'Get a recommendation' }, { id: 'meta:ask', label: 'Ask a question' }] };
  return {
    seen,
    async handle(message) {
      seen.push(message);
      if (options.gate) await options.gate;
      if (options.fail?.(message)) throw new Error('scripted failure with a secret stack');
      const step = steps.get(message.conversationId);
      switch (message.choiceId ?? (message.text === 'recommend' ? 'start:recommend' : undefined)) {
        case 'meta:help':
          return { ...base, kind: 'notice', intent: 'help', text: 'I answer questions.', choices: [] };
        case 'meta:welcome':
        case 'meta:home':
          return welcome;
        case 'start:recommend':
          return question(message.conversationId, 1);
        case 'start:tour':
          return { ...base, kind: 'question', intent: 'tour_start', flow: 'tour', step: 't1', text: 'Tour stop 1', choices: [{ id: 'tour:next', label: 'Next' }] };
        default:
      }
      if (step !== undefined && (message.choiceId?.startsWith('rec:') || message.text !== '')) {
        if (step >= 2) {
          steps.delete(message.conversationId);
          return { ...base, kind: 'verdict', intent: 'recommend', text: '**Containers on VMs**', recommendation: { verdict: 'containers-on-vms', reasons: [] }, choices: [] };
        }
        return question(message.conversationId, step + 1);
      }
      return { ...base, kind: 'answer', intent: 'define', topic: 't', text: `You asked: ${message.text}`, choices: [], sources: [{ id: 's', title: 'Seed', url: 'https://example.com' }] };
    },
  };
}
