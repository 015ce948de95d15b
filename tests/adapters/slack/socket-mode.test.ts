import type { AddressInfo } from 'node:net';
import { Writable } from 'node:stream';
import { pino } from 'pino';
import { afterEach, expect, it } from 'vitest';
import { WebSocketServer, type WebSocket } from 'ws';
import { createSlackApp, type SlackApp } from '../../../src/adapters/slack/index.js';
import { loadConfig } from '../../../src/config.js';
import { silentLogger } from '../../../src/log.js';
import { createRunwise } from '../../../src/app.js';
import { startFakeSlack, type FakeSlack } from './fake-slack.js';
import { eventFrom, sharedBrain } from './harness.js';

const cleanup: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const step of cleanup.splice(0).reverse()) await step();
});

/** A loopback stand-in for Slack's Socket Mode endpoint: says hello, forwards envelopes, collects acks. */
async function startSocketServer(fake: FakeSlack) {
  const server = new WebSocketServer({ port: 0, host: '127.0.0.1' });
  await new Promise<void>((resolve) => server.once('listening', () => resolve()));
  const sockets: WebSocket[] = [];
  const acks: Array<{ envelope_id?: string }> = [];
  server.on('connection', (socket) => {
    sockets.push(socket);
    socket.on('message', (data) => acks.push(JSON.parse(String(data)) as { envelope_id?: string }));
    socket.send(JSON.stringify({ type: 'hello', num_connections: 1, debug_info: { host: 'applink-test', approximate_connection_time: 18060 }, connection_info: { app_id: 'A0RUNWISE' } }));
  });
  fake.socketUrl = `ws://127.0.0.1:${(server.address() as AddressInfo).port}/link/?ticket=test`;
  return {
    sockets,
    acks,
    send: (envelope: unknown) => sockets[0]!.send(JSON.stringify(envelope)),
    close: () => new Promise<void>((resolve) => { for (const s of sockets) s.terminate(); server.close(() => resolve()); }),
  };
}

it('GIVEN SLACK_APP_TOKEN THEN Socket Mode: no public URL, events arrive over the socket, are acked, and answered', async () => {
  const fake = await startFakeSlack();
  cleanup.push(() => fake.close());
  const socket = await startSocketServer(fake);
  cleanup.push(() => socket.close());
  const config = loadConfig({ SLACK_BOT_TOKEN: 'xoxb-1-socket', SLACK_APP_TOKEN: 'xapp-1-A0RUNWISE-1-abcdef', SLACK_API_URL: fake.apiUrl, PORT: '0' });
  const runwise = await createRunwise({ config, stateUrl: 'memory:', log: silentLogger(), brain: sharedBrain() });
  cleanup.push(() => runwise.close());
  // Bolt, its WebClient and the Socket Mode client all log through ours: at debug, still no token.
  const logs: string[] = [];
  const log = pino({ level: 'debug' }, new Writable({ write: (chunk: Buffer, _enc, done) => (logs.push(chunk.toString('utf8')), done()) }));
  const slack: SlackApp = createSlackApp({ config, runwise, log, retryConfig: { retries: 0 } });
  expect(slack.mode).toBe('socket');
  await slack.start();
  cleanup.push(() => slack.stop());

  socket.send({ envelope_id: 'env-0001', type: 'events_api', accepts_response_payload: false, retry_attempt: 0, retry_reason: '', payload: eventFrom('app_mention') });
  const [post] = await fake.waitForDelivered('chat.postMessage');
  expect(post!.body).toMatchObject({ channel: 'C0GENERAL', thread_ts: '1712000000.000100' });
  await fake.waitFor(() => socket.acks.some((a) => a.envelope_id === 'env-0001'), 'the envelope ack');
  expect(fake.delivered('apps.connections.open')).toHaveLength(1);
  const logged = logs.join('');
  expect(logged).toContain('slack: receiving events');
  expect(logged).toMatch(/apps.connections.open/);
  expect(logged).not.toContain('xapp-1-A0RUNWISE-1-abcdef');
  expect(logged).not.toContain('xoxb-1-socket');
});
