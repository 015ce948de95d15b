import type { MessageReading } from '../dialogue-port.js';
import type { Choice } from '../types.js';
import { asksComparison, asksForAdvice, choosesPlatform, readMessage } from './describe.js';
import type { Slots } from './extract.js';
import { recId } from './ids.js';
import { readControl } from './input.js';
import type { Flows } from './load.js';
import { encodeSlots } from './slot-code.js';
import { stem, words } from './text.js';

const SHORT_MESSAGE_WORDS = 6;

/** How a message sent with no dialogue running reads: the port's MessageReading, which the engine fills. */
export type OutsideReading = MessageReading;

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
  const said = words(text).map(stem);
  // "got a minute?", "random q": a question is coming; say so rather than refuse it.
  const short = said.length > 0 && said.length <= SHORT_MESSAGE_WORDS;
  const preamble = (w: string) => flows.describe.preamble.has(w);
  // "recommend me something" asks for the recommendation itself.
  if (short && said.some(preamble) && said.every((w) => preamble(w) || flows.fillers.has(w)) && !asksForAdvice(flows, text)) return { kind: 'preamble' };
  const reading = readMessage(flows, text);
  // "containers or vm?", "what do you suggest": a request for a verdict with nothing else said yet starts the
  // questions; "recommend a keyboard under $100" is not one.
  const adviceOnly = short && asksForAdvice(flows, text) && said.every((w) => flows.describe.adviceWords.has(w) || flows.fillers.has(w) || preamble(w));
  if ((reading.kind === 'question' || reading.kind === 'none') && adviceOnly) {
    return { kind: 'describes', offer: offerOf(flows, {}), advice: true, own: false, traits: 0, bare: true, wishes: false, platform: true };
  }
  switch (reading.kind) {
    case 'description':
      return { kind: 'describes', offer: offerOf(flows, reading.slots), advice: asksForAdvice(flows, text), own: reading.own, traits: traitsOf(flows, reading.slots), bare: false, wishes: reading.wishes, platform: choosesPlatform(flows, text) };
    case 'both':
      return { kind: 'asks', offer: offerOf(flows, reading.slots), advice: asksForAdvice(flows, text), platform: choosesPlatform(flows, text), compares: asksComparison(flows, text) };
    case 'question':
      // "should we containerize our database?" asks which to use though it describes no workload yet.
      return asksForAdvice(flows, text) ? { kind: 'which', offer: offerOf(flows, {}), platform: choosesPlatform(flows, text), compares: asksComparison(flows, text) } : { kind: 'question' };
    case 'none':
      return reading.slots && Object.keys(reading.slots).length > 0 ? { kind: 'other', workload: { own: reading.own === true } } : { kind: 'other' };
  }
}

/** How many of the workload's own questions (not its context: what you already run, your skills) the slots answer. */
function traitsOf(flows: Flows, slots: Slots): number {
  return flows.recommend.questions.filter((q) => !q.context && slots[q.slot] !== undefined).length;
}

function offerOf(flows: Flows, slots: Slots): Choice {
  return { id: recId.fill(encodeSlots(flows.recommend, slots)), label: flows.controls.labels.recommendThis };
}
