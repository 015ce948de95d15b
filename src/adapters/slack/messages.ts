import { join } from 'node:path';
import { z } from 'zod';
import { readDataFile } from '../../core/data-file.js';
import { projectRoot } from '../../paths.js';

const Text = z.string().min(1).max(500);

/**
 * data/slack.json: the few words the Slack adapter adds around the core's replies
 * (the core words every answer; these are only frames, labels and the last-resort error).
 */
export const SlackMessagesSchema = z.strictObject({
  /** Replaces clicked buttons; `{label}` is the chosen button's label. */
  chosen: Text,
  /** Starts the sources context line. */
  sources: Text,
  /** Shown (ephemerally where possible) when the core or Slack failed and there is no reply to show. */
  error: Text,
  /** Appended where text had to be cut to fit Block Kit limits. */
  truncated: z.string().min(1).max(20),
  /** The assistant panel (Slack's side panel for assistant apps). */
  assistant: z.strictObject({
    /** Shown as "runwise <status>" while an answer is being prepared. */
    status: z.string().min(1).max(50),
    /** Heading above the suggested prompts. */
    promptsTitle: z.string().min(1).max(50),
    /** Exactly four: a basic question, help choosing, the tour, a comparison. `message` is sent as the user's message. */
    prompts: z.array(z.strictObject({ title: z.string().min(1).max(75), message: Text })).length(4),
  }),
  /** The "Ask runwise" message shortcut. */
  shortcut: z.strictObject({
    /**
     * Where the answer goes: `thread` (under the message, visible to all), `ephemeral` (in the channel,
     * only the person who used the shortcut sees it) or `dm` (in their DM with the bot).
     */
    reply: z.enum(['thread', 'ephemeral', 'dm']),
    /** A context line above the answer naming the message answered; `{text}` is its text, escaped and shortened. */
    asked: Text,
    /** Sent only to the person who used the shortcut when the message has no text to answer. */
    empty: Text,
  }),
});
export type SlackMessages = z.infer<typeof SlackMessagesSchema>;

export function loadSlackMessages(path: string = join(projectRoot(), 'data', 'slack.json')): SlackMessages {
  return readDataFile(path, SlackMessagesSchema);
}
