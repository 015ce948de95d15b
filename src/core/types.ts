/**
 * The platform-neutral contract between the core and every adapter.
 * Adapters turn a platform event into an `Inbound`, call `Core.handle`, and render the `Reply`.
 */

export type Platform = 'cli' | 'batch' | 'slack' | 'discord';

/** One thing a user said or clicked. */
export interface Inbound {
  /** What the user typed, with the bot's own mention already removed by the adapter. May be empty when `choiceId` is set. */
  text: string;
  /** The id of a choice the user picked (a button, or a numbered option in the terminal). */
  choiceId?: string;
  /** Where the conversation lives: one dialogue per conversation (e.g. `slack:T1:C1:1700000000.0001`). */
  conversationId: string;
  /** An opaque, stable id of the person, for per-user progress (tour). Never logged. */
  userId: string;
  platform: Platform;
  /**
   * A message outside any conversation (a batch line without a session): no conversation or tour
   * progress is read or written for it, so nothing else can continue it. Logs (unanswered) still apply.
   */
  oneOff?: boolean;
}

/** A button or numbered option. `id` ≤ 90 characters, `label` ≤ 75 characters, so every platform can render it. */
export interface Choice {
  id: string;
  label: string;
}

/** Where an answer comes from: a seed document or a well-known public reference. */
export interface Source {
  id: string;
  title: string;
  url?: string;
}

export type Verdict = 'vm' | 'container' | 'containers-on-vms';

export interface Recommendation {
  verdict: Verdict;
  reasons: string[];
  /** The two or three answers that carried the most weight (snake_case: the batch contract prints this object as is). */
  decided_by?: string[];
  /** The smallest changes of answers that would flip the verdict: "If …: virtual machines". */
  would_change?: string[];
}

interface ReplyBase {
  /** The intent the reply answers (`out_of_scope` for fallbacks), for logs, eval and the batch contract. */
  intent: string;
  /** Classifier confidence in [0, 1]; 1 for button clicks and dialogue steps. */
  confidence: number;
  /**
   * Plain text with a tiny markup every renderer understands: paragraphs separated by a blank line,
   * lines starting with "- " are bullets, `**bold**` and `` `code` ``. At most MAX_REPLY_TEXT characters.
   */
  text: string;
  /** Buttons / numbered options; empty when there is nothing to pick. At most MAX_CHOICES. */
  choices: Choice[];
  /** Shown under the text (a context block, a footer); may be empty. */
  sources: Source[];
}

/**
 * What the core can send back. Each renderer is an exhaustive switch over `kind`.
 * - answer: a knowledge answer; `topic` names the entry (for "more" and feedback).
 * - clarify: the classifier was unsure; `choices` are the likely meanings.
 * - question: a step of a dialogue (recommendation or tour), `flow` names which.
 * - verdict: the end of the recommendation dialogue.
 * - fallback: out of scope or nothing understood; says what the bot can help with.
 * - notice: small talk and acknowledgements (greeting, thanks, cancelled, help).
 */
export type Reply =
  | (ReplyBase & { kind: 'answer'; topic: string })
  | (ReplyBase & { kind: 'clarify' })
  | (ReplyBase & { kind: 'question'; flow: string; step: string; progress?: { index: number; total: number } })
  | (ReplyBase & { kind: 'verdict'; recommendation: Recommendation })
  | (ReplyBase & { kind: 'fallback' })
  | (ReplyBase & { kind: 'notice' });

export type ReplyKind = Reply['kind'];

export const MAX_REPLY_TEXT = 2800;
export const MAX_CHOICES = 10;
export const MAX_CHOICE_LABEL = 75;
export const MAX_CHOICE_ID = 90;

/** The one entry point every adapter calls. */
export interface Core {
  handle(message: Inbound): Promise<Reply>;
}

/** Exhaustiveness guard for switches over unions. */
export function assertNever(value: never): never {
  throw new Error(`unhandled variant: ${JSON.stringify(value)}`);
}
