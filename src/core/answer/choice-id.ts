/**
 * Choice ids are the whole state a button needs: they travel through Slack action values and
 * Discord custom ids (≤ 100 characters), so they are short and self-describing.
 */

export type ChoiceAction =
  | { type: 'more'; entry: string }
  | { type: 'fact'; fact: string }
  | { type: 'feedback'; helpful: boolean; entry: string }
  | { type: 'ask'; intent: string; entities: string[] }
  | { type: 'start'; flow: 'tour' | 'recommend' }
  | { type: 'meta'; what: 'welcome' | 'home' | 'help' | 'ask' }
  | { type: 'other'; id: string };

export const choiceId = {
  more: (entry: string) => `more:${entry}`,
  fact: (fact: string) => `fact:${fact}`,
  feedback: (helpful: boolean, entry: string) => `fb:${helpful ? 'up' : 'down'}:${entry}`,
  ask: (intent: string, entities: readonly string[] = []) => (entities.length ? `ask:${intent}:${entities.join(',')}` : `ask:${intent}`),
  start: (flow: 'tour' | 'recommend') => `start:${flow}`,
  meta: (what: 'welcome' | 'home' | 'help' | 'ask') => `meta:${what}`,
};

const META = new Set(['welcome', 'home', 'help', 'ask']);

export function parseChoiceId(id: string): ChoiceAction {
  const [head, a, b] = id.split(':');
  switch (head) {
    case 'more':
      if (a) return { type: 'more', entry: a };
      break;
    case 'fact':
      if (a) return { type: 'fact', fact: a };
      break;
    case 'fb':
      if ((a === 'up' || a === 'down') && b) return { type: 'feedback', helpful: a === 'up', entry: b };
      break;
    case 'ask':
      if (a) return { type: 'ask', intent: a, entities: b ? b.split(',').filter(Boolean) : [] };
      break;
    case 'start':
      if (a === 'tour' || a === 'recommend') return { type: 'start', flow: a };
      break;
    case 'meta':
      if (a && META.has(a)) return { type: 'meta', what: a as 'welcome' | 'home' | 'help' | 'ask' };
      break;
  }
  return { type: 'other', id };
}
