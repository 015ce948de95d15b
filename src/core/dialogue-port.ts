import type { Choice, Reply } from './types.js';

/** A dialogue in progress, as the store keeps it (JSON). The engine owns its shape. */
export type DialogueSnapshot = { flow: string; stepId?: string } & Record<string, unknown>;

export type FlowId = 'recommend' | 'tour';

/** One dialogue transition: the state to keep (null ends the dialogue) and the reply. */
export interface DialogueTurn {
  state: DialogueSnapshot | null;
  reply: Reply;
  /** Set when the user finished the tour's last step (a stopped tour keeps its place). */
  tourDone?: boolean;
}

/**
 * How a message sent with no dialogue running reads (src/core/dialogue/describe.ts):
 * - describes: the user described their workload; start the recommendation with this text
 * - asks: a question that also describes a workload; answer it and add `offer` (a recommendation with those answers)
 * - control: a dialogue word ("start over", "cancel", "back", "skip"); say so with `text` and the start choices
 * - preamble: "got a minute?": a question is coming; invite it
 * - question: a question that neither asks which to use nor describes a workload; answer it as usual, even when
 *   the classifier hears a request for advice in it ("compliance says PCI can't be in containers. true?")
 * - which: a question that asks which to use and describes no workload ("whats better for latency, containers or
 *   vms"); answer it when a fact answers it whole, and offer the recommendation
 * - other: none of these; answer it as usual. `workload` is set when it says something of a workload, too little to
 *   read as a description by itself ("pi-hole and unbound on my homelab linux box"): enough after "describe your workload";
 *   its `own` says whether that is the user's own workload
 */
/**
 * How a message reads with no dialogue running. `describes` carries the same offer as `asks`, for when the
 * core finds the "description" is really a problem a fact answers; `advice` says it asked which to use
 * (a question that does not, "…how real is the escape risk here?", is answered before any recommendation);
 * `own` says it speaks of the user's own workload ("we run…", "our app"); `traits` is how many of the workload's
 * questions it answers; `bare` says it asks which to use and says nothing else ("vm or container?", "help me pick"); `wishes` that it says what
 * the user wants from it ("…i want the exact same env from dev to prod"); `platform` that the advice asked for is where to run
 * it (both sides named, "vm or docker", or "containerize"), not advice about something else ("should we give our db
 * container host networking").
 */
export type MessageReading =
  | { kind: 'describes'; offer: Choice; advice: boolean; own: boolean; traits: number; bare: boolean; wishes: boolean; platform: boolean }
  /** `compares`: it asks how two things compare on one measure ("which is safer"), which a fact can answer. */
  | { kind: 'asks'; offer: Choice; advice: boolean; platform: boolean; compares: boolean }
  | { kind: 'control'; text: string }
  | { kind: 'preamble' }
  | { kind: 'question' }
  | { kind: 'which'; offer: Choice; platform: boolean; compares: boolean }
  | { kind: 'other'; workload?: { own: boolean } };

/** What the core needs from the dialogue engine; `createDialoguePort` binds the engine's functions to loaded flows. */
export interface DialoguePort {
  start(flow: FlowId, opts: { text?: string; resumeStep?: string; now: number }): DialogueTurn;
  continue(state: DialogueSnapshot, input: { text: string; choiceId?: string }, now: number): ({ handled: true } & DialogueTurn) | { handled: false };
  reprompt(state: DialogueSnapshot): Reply;
  /** Reads a message that arrived with no dialogue running. */
  read(text: string): MessageReading;
  isExpired(state: DialogueSnapshot, now: number, ttlMs: number): boolean;
  isDialogueChoice(id: string): boolean;
  /** A dialogue button pressed when its dialogue is no longer running (old message, restart): replays it, or null. */
  startFromChoice(choiceId: string, opts: { now: number; resumeStep?: string }): DialogueTurn | null;
  /** A stored value as a dialogue, or null when it is not one (an older format, corrupted). */
  parse(value: unknown): DialogueSnapshot | null;
  /** The step a returning user resumes the tour at, or undefined when the tour is over. */
  tourStep(state: DialogueSnapshot): string | undefined;
}
