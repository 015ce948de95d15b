import { join } from 'node:path';
import { z } from 'zod';
import { readDataFile } from '../../core/data-file.js';
import { projectRoot } from '../../paths.js';

const Text = z.string().min(1).max(500);
/** Discord's limit for command and option descriptions. */
const Description = z.string().min(1).max(100);

/**
 * data/discord.json: the few words the Discord adapter adds around the core's replies (frames,
 * labels, the last-resort error) and the slash command descriptions. The core words every answer.
 */
export const DiscordWordsSchema = z.strictObject({
  /** Starts the sources line. */
  sources: Text,
  /** Shown ephemerally (or as a reply to a message) when the core or Discord failed and there is no reply. */
  error: Text,
  /** Prefix of the welcome in the welcome channel; `{member}` becomes a mention of the new member. */
  welcome: Text,
  /** "Ask runwise" on a message (the message context-menu command). */
  ask: z.strictObject({
    /** The command's name in the message menu (Apps > …): up to 32 characters, spaces allowed. */
    name: z.string().min(1).max(32),
    /** The button under the private answer that posts it for everyone. */
    publish: z.string().min(1).max(80),
    /** Starts the public copy; `{link}` is a link to the message answered. */
    about: Text,
    /** Shown privately when the message has no text to answer (an image or a file alone). */
    empty: Text,
    /** Shown privately when "post publicly" is clicked on an answer that is no longer kept. */
    expired: Text,
  }),
  commands: z.strictObject({
    runwise: Description,
    ask: Description,
    question: Description,
    recommend: Description,
    tour: Description,
    help: Description,
  }),
});
export type DiscordWords = z.infer<typeof DiscordWordsSchema>;

export function loadDiscordWords(path: string = join(projectRoot(), 'data', 'discord.json')): DiscordWords {
  return readDataFile(path, DiscordWordsSchema);
}
