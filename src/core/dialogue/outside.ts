import type { Choice } from '../types.js';
import { readMessage } from './describe.js';
import { recId } from './ids.js';
import { readControl } from './input.js';
import type { Flows } from './load.js';
import { encodeSlots } from './slot-code.js';

/** How a message sent with no dialogue running reads; the port's MessageReading. */
export type OutsideReading = { kind: 'describes' } | { kind: 'asks'; offer: Choice } | { kind: 'control'; text: string } | { kind: 'other' };

/**
 * A described workload starts the recommendation; a question that also describes one gets the offer
 * of a recommendation with those answers filled in; a dialogue word with nothing to steer ("start
 * over", "cancel", "back", "skip") gets a short notice rather than a topic card that happens to
 * share a word with it. "ok", "next" and "yes" are left to small talk.
 */
export function readOutside(flows: Flows, text: string): OutsideReading {
  const control = readControl(flows, text);
  switch (control) {
    case 'cancel':
    case 'restart':
    case 'back':
    case 'skip':
      return { kind: 'control', text: flows.controls.text.noDialogue };
    case 'next':
    case null:
      break;
  }
  const reading = readMessage(flows, text);
  switch (reading.kind) {
    case 'description':
      return { kind: 'describes' };
    case 'both':
      return { kind: 'asks', offer: { id: recId.fill(encodeSlots(flows.recommend, reading.slots)), label: flows.controls.labels.recommendThis } };
    case 'question':
    case 'none':
      return { kind: 'other' };
  }
}
