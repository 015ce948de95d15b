import {
  continueFlow,
  isDialogueChoice,
  isExpired,
  loadFlows,
  parseDialogueState,
  readOutside,
  repromptReply,
  startFlow,
  startFromChoice,
  type DialogueState,
} from './dialogue/engine.js';
import type { DialoguePort, DialogueSnapshot } from './dialogue-port.js';
import type { Knowledge } from './knowledge/load.js';
import type { Source } from './types.js';

/** Binds the pure dialogue engine to the flows in data/flows and the knowledge base's sources. */
export function createDialoguePort(dataDir: string, knowledge: Knowledge): DialoguePort {
  const sources = new Map<string, Source>(
    [...knowledge.sources.values()].map((s) => [s.id, s.url ? { id: s.id, title: s.title, url: s.url } : { id: s.id, title: s.title }]),
  );
  const flows = loadFlows(dataDir, sources);
  // States reach the port only through parse(), so the cast restores what parse() checked.
  const typed = (state: DialogueSnapshot) => state as unknown as DialogueState;
  return {
    start: (flow, opts) => startFlow(flows, flow, opts),
    continue: (state, input, now) => continueFlow(flows, typed(state), input, now),
    reprompt: (state) => repromptReply(flows, typed(state)),
    read: (text) => readOutside(flows, text),
    isExpired: (state, now, ttlMs) => isExpired(typed(state), now, ttlMs),
    isDialogueChoice,
    startFromChoice: (choiceId, opts) => startFromChoice(flows, choiceId, opts),
    parse: (value) => parseDialogueState(value) as DialogueSnapshot | null,
    tourStep: (state) => (state.flow === 'tour' ? typed(state).step : undefined),
  };
}
