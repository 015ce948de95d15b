import { loadConfig } from '../../config.js';
import { toRunwiseError } from '../../errors.js';
import { createLogger } from '../../log.js';
import { registerCommands } from './register.js';

/** `npm run discord:register`: registers /runwise and "Ask runwise" to DISCORD_GUILD_ID, or globally. */
async function main(): Promise<void> {
  const log = createLogger();
  try {
    const config = loadConfig(process.env);
    await registerCommands({ config, log });
  } catch (error) {
    const e = toRunwiseError(error);
    // The message names the variable or the HTTP status; it never contains the token.
    log.error({ code: e.code }, e.message);
    process.exitCode = 1;
  }
}

void main();
