import { z } from 'zod';
import { readDataFile } from './data-file.js';

const Text = z.string().min(1).max(1500);
const Label = z.string().min(1).max(75);

/** data/messages.json: every sentence the core says that is not knowledge. `{name}`-style slots are filled in. */
export const MessagesSchema = z.strictObject({
  greeting: Text,
  thanks: Text,
  goodbye: Text,
  /** "who are you?", "are you a bot?" */
  aboutBot: Text,
  /** "that's wrong", "you're useless": the last answer missed. */
  complaint: Text,
  help: Text,
  home: Text,
  welcome: Text,
  askPrompt: Text,
  /** Reply to "got a minute?": a question is coming. */
  goAhead: Text,
  outOfScope: Text,
  clarify: Text,
  compareNeedsTwo: Text,
  compareComposed: Text,
  compareDifferentLayers: Text,
  facetMissing: Text,
  notAHypervisor: Text,
  alternativesHeader: Text,
  noAlternatives: Text,
  /** After a dated claim: `{month}` is "November 2026". */
  asOf: Text,
  /** Lead of a topic card given because no fact answers the exact question. */
  noSpecificFact: Text,
  feedbackThanks: Text,
  feedbackRecorded: Text,
  resumeDialogue: Text,
  dialogueNotUnderstood: Text,
  dialogueExpired: Text,
  input: z.strictObject({
    empty: Text,
    too_long: Text,
    code_only: Text,
    no_words: Text,
    other_language: Text,
  }),
  errors: z.strictObject({ internal: Text, store_unavailable: Text, store_conflict: Text }),
  labels: z.strictObject({
    more: Label,
    moreOn: Label,
    helpful: Label,
    notHelpful: Label,
    tour: Label,
    recommend: Label,
    ask: Label,
    help: Label,
  }),
  /** How a clarifying choice or follow-up is worded for each intent; `{name}` is the technology, `{other}` the second one. */
  intentLabels: z.record(z.string(), Label),
});
export type Messages = z.infer<typeof MessagesSchema>;

export function loadMessages(path: string): Messages {
  return readDataFile(path, MessagesSchema);
}

/** Fills `{slot}`s; an unknown slot stays visible rather than silently vanishing. */
export function fill(template: string, values: Record<string, string | number>): string {
  return template.replace(/\{(\w+)\}/g, (whole, key: string) => (key in values ? String(values[key]) : whole));
}
