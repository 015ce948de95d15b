import { Writable } from 'node:stream';
import { pino } from 'pino';
import { createSlackApp, type SlackApp } from '../../../src/adapters/slack/index.js';
import { loadSlackMessages, type SlackMessages } from '../../../src/adapters/slack/messages.js';
import { createRunwise, loadBrain, type Brain, type Runwise } from '../../../src/app.js';
import { loadConfig } from '../../../src/config.js';
import type { Core } from '../../../src/core/types.js';
import { createMemoryStore } from '../../../src/store/memory.js';
import type { Store } from '../../../src/store/types.js';
import { BOT, startFakeSlack, type FakeCall, type FakeSlack } from './fake-slack.js';
import { actionBody, commandBody, eventBody, fixture, sendSigned, type SendOptions, type Sent } from './signed.js';

export const SECRET = 'test-signing-secret-0123456789abcdef';
export const BOT_TOKEN = 'xoxb-1111-2222-testtokenvalue';

let brain: Brain | undefined;
/** The data files and the trained classifier, loaded once per test file. */
export const sharedBrain = (): Brain => (brain ??= loadBrain());

export interface Harness {
  fake: FakeSlack;
  slack: SlackApp;
  runwise: Runwise;
  url: string;
  /** Everything the app logged, at debug level. */
  logs: string[];
  event(payload: unknown, options?: Partial<SendOptions>): Promise<Sent>;
  command(fields: Record<string, string>, options?: Partial<SendOptions>): Promise<Sent>;
  action(payload: unknown, options?: Partial<SendOptions>): Promise<Sent>;
  /** Waits until the app has finished handling every request it received. */
  idle(): Promise<void>;
  close(): Promise<void>;
}

export interface HarnessOptions {
  env?: Record<string, string>;
  /** Share a store between two app instances (restart, or two instances on one Redis). */
  store?: Store;
  fake?: FakeSlack;
  /** A scripted core, only for what the real one cannot be made to do on demand (fail, or hang until released). */
  core?: Core;
  /** Changes to data/slack.json (e.g. another shortcut reply mode). */
  messages?: (defaults: SlackMessages) => SlackMessages;
}

export async function startHarness(options: HarnessOptions = {}): Promise<Harness> {
  const ownFake = !options.fake;
  const fake = options.fake ?? (await startFakeSlack());
  const config = loadConfig({
    SLACK_BOT_TOKEN: BOT_TOKEN,
    SLACK_SIGNING_SECRET: SECRET,
    SLACK_API_URL: fake.apiUrl,
    STATE_URL: 'memory:',
    SLACK_WELCOME_CHANNELS: 'C0WELCOME',
    LOG_LEVEL: 'debug',
    ...options.env,
  });
  const logs: string[] = [];
  const sink = new Writable({
    write(chunk: Buffer, _encoding, done) {
      logs.push(chunk.toString('utf8'));
      done();
    },
  });
  const log = pino({ level: 'debug' }, sink);
  const runwise: Runwise = options.core
    ? await (async () => {
        const store = options.store ?? (await createMemoryStore());
        return { core: options.core!, store, log, close: () => store.close() };
      })()
    : await createRunwise({ config, log, brain: sharedBrain(), ...(options.store ? { store: options.store } : { stateUrl: 'memory:' }) });
  // Few, instant retries: the suite tests that retries happen, not how long they wait.
  const messages = (options.messages ?? ((m) => m))(loadSlackMessages());
  const slack = createSlackApp({ config, runwise, log, messages, retryConfig: { retries: 3, minTimeout: 0, maxTimeout: 1, factor: 1 } });
  const { port } = await slack.start({ port: 0, host: '127.0.0.1' });
  const url = `http://127.0.0.1:${port}`;
  const send = (payload: { body: string; contentType: string }, extra: Partial<SendOptions> = {}) =>
    sendSigned(`${url}/slack/events`, payload.body, payload.contentType, { secret: SECRET, ...extra });
  return {
    fake,
    slack,
    runwise,
    url,
    logs,
    event: (payload, extra) => send(eventBody(payload), extra),
    command: (fields, extra) => send(commandBody(fields), extra),
    action: (payload, extra) => send(actionBody(payload), extra),
    idle: () => slack.idle(),
    async close() {
      await slack.stop();
      if (!options.store) await runwise.close();
      if (ownFake) await fake.close();
    },
  };
}

/** Posted replies (delivered chat.postMessage calls), oldest first. */
export const posts = (fake: FakeSlack): FakeCall[] => fake.delivered('chat.postMessage');

type Block = { type: string; block_id?: string; elements?: Array<Record<string, any>>; text?: { text: string } };

export const blocksOf = (call: FakeCall): Block[] => (call.body.blocks ?? (call.body.view as { blocks?: Block[] } | undefined)?.blocks ?? []) as Block[];

export const buttonsOf = (call: FakeCall): Array<{ action_id: string; value: string; text: { text: string } }> =>
  blocksOf(call)
    .filter((b) => b.type === 'actions')
    .flatMap((b) => (b.elements ?? []) as Array<{ action_id: string; value: string; text: { text: string } }>);

/** All text a person would read in a call: fallback text, sections, context lines, button labels. */
export function visibleText(call: FakeCall): string {
  const parts: string[] = [String(call.body.text ?? '')];
  for (const block of blocksOf(call)) {
    if (block.text) parts.push(block.text.text);
    for (const element of block.elements ?? []) {
      if (typeof element.text === 'string') parts.push(element.text);
      else if (element.text && typeof element.text.text === 'string') parts.push(element.text.text);
    }
  }
  return parts.join('\n');
}

/** A block_actions payload for clicking button `index` of a message the bot posted (as Slack would send it). */
export function clickPayload(fake: FakeSlack, call: FakeCall, index: number, opts: { user?: string; ephemeral?: boolean; ts?: string } = {}): Record<string, any> {
  const base = fixture('block_actions');
  const button = buttonsOf(call)[index];
  if (!button) throw new Error(`no button ${index} in ${call.method}`);
  const block = blocksOf(call).find((b) => b.type === 'actions')!;
  const channel = String(call.body.channel);
  const ts = opts.ts ?? String(call.response?.ts ?? call.response?.message_ts ?? '1712100000.999999');
  const threadTs = typeof call.body.thread_ts === 'string' ? call.body.thread_ts : undefined;
  const user = opts.user ?? 'U0ALICE';
  base.user = { ...base.user, id: user };
  base.container = { type: 'message', message_ts: ts, channel_id: channel, is_ephemeral: Boolean(opts.ephemeral), ...(threadTs ? { thread_ts: threadTs } : {}) };
  base.channel = { id: channel, name: channel.startsWith('D') ? 'directmessage' : 'general' };
  base.response_url = fake.responseUrl(`actions/${BOT.team}/${ts}`);
  if (opts.ephemeral) {
    delete base.message;
  } else {
    base.message = {
      user: BOT.userId,
      type: 'message',
      ts,
      bot_id: BOT.botId,
      app_id: BOT.appId,
      text: call.body.text,
      team: BOT.team,
      blocks: blocksOf(call),
      ...(threadTs ? { thread_ts: threadTs } : {}),
    };
  }
  base.actions = [{ action_id: button.action_id, block_id: block.block_id, text: button.text, value: button.value, type: 'button', action_ts: '1712100001.000001' }];
  return base;
}

/** An Events API envelope from a fixture, with a fresh event_id (Slack gives every delivery of a new event its own). */
let eventCounter = 0;
export function eventFrom(name: string, patch: (event: Record<string, any>) => void = () => undefined): Record<string, any> {
  const payload = fixture(name);
  payload.event_id = `Ev0TEST${String(++eventCounter).padStart(6, '0')}`;
  patch(payload.event as Record<string, any>);
  return payload;
}

/** A message_action payload (the "Ask runwise" shortcut) on a message with `text`, answered through this fake. */
export function shortcutFrom(fake: FakeSlack, patch: (payload: Record<string, any>) => void = () => undefined): Record<string, any> {
  const payload = fixture('message_action');
  payload.response_url = fake.responseUrl(`app/${BOT.team}/${++eventCounter}`);
  patch(payload);
  return payload;
}

export function commandFrom(fake: FakeSlack, text: string, patch: Record<string, string> = {}): Record<string, string> {
  const fields = fixture<Record<string, string>>('slash_command');
  return { ...fields, text, response_url: fake.responseUrl(`commands/${BOT.team}/${++eventCounter}`), ...patch };
}
