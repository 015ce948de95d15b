import { pino, type Logger } from 'pino';

export type { Logger };

/**
 * Structured JSON logs on stderr, so stdout stays free for `ask --json` and `batch`.
 * Secrets are redacted by key name wherever they appear; message texts are logged only at debug.
 */
export function createLogger(level: string = process.env.LOG_LEVEL ?? 'info'): Logger {
  return pino(
    {
      level,
      base: { app: 'runwise' },
      redact: {
        paths: [
          'token', '*.token', 'botToken', '*.botToken', 'appToken', '*.appToken', 'signingSecret', '*.signingSecret',
          'authorization', '*.authorization', 'headers.authorization', '*.headers.authorization',
          'SLACK_BOT_TOKEN', 'SLACK_APP_TOKEN', 'SLACK_SIGNING_SECRET', 'DISCORD_TOKEN', '*.SLACK_BOT_TOKEN',
          '*.SLACK_APP_TOKEN', '*.SLACK_SIGNING_SECRET', '*.DISCORD_TOKEN', 'password', '*.password',
        ],
        censor: '[redacted]',
      },
    },
    pino.destination({ fd: 2, sync: true }),
  );
}

/** A logger that writes nothing, for tests and the batch contract's quiet mode. */
export function silentLogger(): Logger {
  return pino({ level: 'silent' });
}
