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
});
export type SlackMessages = z.infer<typeof SlackMessagesSchema>;

export function loadSlackMessages(path: string = join(projectRoot(), 'data', 'slack.json')): SlackMessages {
  return readDataFile(path, SlackMessagesSchema);
}
