import type { Server } from 'node:http';
import { App, HTTPReceiver, SocketModeReceiver, type Receiver, type webApi } from '@slack/bolt';
import type { Runwise } from '../../app.js';
import type { Config } from '../../config.js';
import { RunwiseError } from '../../errors.js';
import type { Logger } from '../../log.js';
import { registerAssistant } from './assistant.js';
import { errorName, type SlackDeps } from './conversation.js';
import { opsRoutes } from '../../ops/routes.js';
import { EVENT_CLAIM_TTL_MS, dedupeEvents } from './dedupe.js';
import { slackErrorCode } from './deliver.js';
import { registerHome } from './home.js';
import { registerListeners } from './listeners.js';
import { boltLogger } from './logger.js';
import { loadSlackMessages, type SlackMessages } from './messages.js';
import { createTracker, trackingReceiver } from './receiver.js';
import { registerShortcut } from './shortcut.js';
import { createThreadMemory } from './threads.js';
import { registerWelcome } from './welcome.js';

/**
 * A few quick retries for 429 (after Retry-After) and 5xx: a reply arrives in seconds or not at all,
 * instead of the WebClient's default of ten retries over half an hour.
 */
export const DEFAULT_RETRY: webApi.RetryOptions = { retries: 4, factor: 2, minTimeout: 500, maxTimeout: 8000, randomize: true };

export interface SlackAppOptions {
  config: Config;
  runwise: Runwise;
  log: Logger;
  /** WebClient retry policy; tests pass a fast one. */
  retryConfig?: webApi.RetryOptions;
  messages?: SlackMessages;
}

export interface SlackApp {
  app: App;
  mode: 'http' | 'socket';
  /** Connects to Slack (auth.test) and starts receiving; HTTP mode listens on `port` (0: any free port). */
  start(listen?: { port?: number; host?: string }): Promise<{ port?: number }>;
  /** Stops taking events, waits for those in flight, and disconnects. Idempotent. */
  stop(): Promise<void>;
  /** Resolves when no Slack request is being handled. */
  idle(): Promise<void>;
}

/** The Bolt app with every listener, not yet started. Socket Mode when SLACK_APP_TOKEN is set, HTTP otherwise. */
export function createSlackApp(options: SlackAppOptions): SlackApp {
  const { config, runwise } = options;
  const log = options.log.child({ platform: 'slack' });
  const token = config.SLACK_BOT_TOKEN;
  if (!token) throw new RunwiseError('config_invalid', 'SLACK_BOT_TOKEN: required for Slack (the xoxb- token from OAuth & Permissions)');
  const mode = config.SLACK_APP_TOKEN ? 'socket' : 'http';
  if (mode === 'http' && !config.SLACK_SIGNING_SECRET) {
    throw new RunwiseError('config_invalid', 'SLACK_SIGNING_SECRET: required in HTTP mode (Basic Information > Signing Secret), or set SLACK_APP_TOKEN for Socket Mode');
  }
  const messages = options.messages ?? loadSlackMessages();
  const logger = boltLogger(log);
  const tracker = createTracker();
  let ready = false;
  let stopped = false;

  const apiUrl = config.SLACK_API_URL ? { slackApiUrl: withTrailingSlash(config.SLACK_API_URL) } : {};
  // /healthz, /readyz and /metrics (src/ops/routes.ts) on Slack's port.
  const routes = opsRoutes({ isServing: () => ready, store: runwise.store, metrics: runwise.metrics });
  const inner: Receiver =
    mode === 'socket'
      ? new SocketModeReceiver({
          appToken: config.SLACK_APP_TOKEN ?? '',
          logger,
          // In Socket Mode the ops routes get their own small server on PORT.
          customRoutes: routes,
          installerOptions: { port: config.PORT, clientOptions: apiUrl },
        })
      : new HTTPReceiver({ signingSecret: config.SLACK_SIGNING_SECRET ?? '', logger, customRoutes: routes, processBeforeResponse: false });

  const app = new App({
    token,
    receiver: trackingReceiver(inner, tracker),
    logger,
    clientOptions: {
      ...apiUrl,
      retryConfig: options.retryConfig ?? DEFAULT_RETRY,
    },
    // init() runs auth.test when we start, so a bad token fails start-up with a clear error.
    deferInitialization: true,
    ignoreSelf: true,
    convoStore: false,
  });

  const deps: SlackDeps = {
    core: runwise.core,
    store: runwise.store,
    log,
    messages,
    threads: createThreadMemory(runwise.store, config.DIALOGUE_TTL_MINUTES * 60_000),
  };
  app.use(dedupeEvents(runwise.store, log, EVENT_CLAIM_TTL_MS, () => runwise.metrics?.slackRetryDeduplicated()));
  // After de-duplication, before the listeners: the panel's threads are answered there and nowhere else.
  registerAssistant(app, deps);
  registerListeners(app, deps);
  registerWelcome(app, deps, { channels: config.SLACK_WELCOME_CHANNELS, mode: config.SLACK_WELCOME_MODE });
  registerHome(app, deps);
  registerShortcut(app, deps);
  app.error(async (error) => {
    log.error({ err: errorName(error.original ?? error) }, 'slack: unhandled error in a listener');
  });

  return {
    app,
    mode,
    async start(listen = {}) {
      try {
        await app.init();
      } catch (error) {
        const why = slackErrorCode(error) ?? errorName(error);
        throw new RunwiseError('platform_error', `Slack rejected the connection (${why}): check SLACK_BOT_TOKEN${config.SLACK_API_URL ? ' and SLACK_API_URL' : ''}`, { cause: error });
      }
      let port: number | undefined;
      if (mode === 'http') {
        // Bolt types start() loosely; the HTTP receiver resolves to its node:http server.
        const server = (await app.start({ port: listen.port ?? config.PORT, ...(listen.host ? { host: listen.host } : {}) })) as unknown as Server;
        const address = server.address();
        port = typeof address === 'object' && address ? address.port : undefined;
      } else {
        await app.start();
      }
      ready = true;
      log.info({ mode, port }, 'slack: receiving events');
      return port === undefined ? {} : { port };
    },
    async stop() {
      if (stopped) return;
      stopped = true;
      ready = false;
      try {
        await app.stop();
      } catch (error) {
        log.debug({ err: errorName(error) }, 'slack: receiver was not running');
      }
      await tracker.idle();
      log.info('slack: stopped');
    },
    idle: () => tracker.idle(),
  };
}

/** The entry point for main: builds and starts the app; `stop()` finishes in-flight work and disconnects. */
export async function startSlack(opts: { config: Config; runwise: Runwise; log: Logger }): Promise<{ stop(): Promise<void> }> {
  const slack = createSlackApp(opts);
  await slack.start();
  return { stop: () => slack.stop() };
}

function withTrailingSlash(url: string): string {
  return url.endsWith('/') ? url : `${url}/`;
}
