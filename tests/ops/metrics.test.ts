import { afterEach, describe, expect, it } from 'vitest';
import { createSlackApp } from '../../src/adapters/slack/index.js';
import { createRunwise, type Runwise } from '../../src/app.js';
import { loadConfig } from '../../src/config.js';
import { RunwiseError } from '../../src/errors.js';
import { silentLogger } from '../../src/log.js';
import { createPrometheusMeter } from '../../src/ops/prometheus.js';
import { opsRoutes } from '../../src/ops/routes.js';
import { startOpsServer } from '../../src/ops/server.js';
import { createMemoryStore } from '../../src/store/memory.js';
import type { Store } from '../../src/store/types.js';
import { eventFrom, posts } from '../adapters/slack/harness.js';
import { startFakeSlack } from '../adapters/slack/fake-slack.js';
import { eventBody, sendSigned } from '../adapters/slack/signed.js';
import { sharedBrain } from '../core/harness.js';
import { scrape } from './scrape.js';

const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function bot(store?: Store): Promise<Runwise> {
  const metrics = createPrometheusMeter();
  const runwise = await createRunwise({ config: loadConfig({ STATE_URL: 'memory:' }), store: store ?? createMemoryStore(), log: silentLogger(), brain: sharedBrain(), metrics });
  cleanups.push(() => runwise.close());
  return runwise;
}

async function serve(runwise: Runwise): Promise<string> {
  const server = await startOpsServer(opsRoutes({ isServing: () => true, store: runwise.store, metrics: runwise.metrics }), 0, '127.0.0.1');
  cleanups.push(() => server.close());
  return `http://127.0.0.1:${server.port}`;
}

describe('/metrics', () => {
  it('GIVEN a few turns THEN a scrape counts them by platform, intent and kind, with latency, out-of-scope and unanswered', async () => {
    const runwise = await bot();
    const url = await serve(runwise);
    const say = (text: string, platform: 'cli' | 'discord' = 'cli') => runwise.core.handle({ text, conversationId: `c-${platform}`, userId: 'u', platform });
    await say('what is kvm');
    await say('what is xen');
    await say('what is the capital of peru?');
    await say('what is kvm', 'discord');

    const { status, contentType, values, text } = await scrape(`${url}/metrics`);
    expect(status).toBe(200);
    expect(contentType).toMatch(/^text\/plain; version=0\.0\.4/);
    expect(values.get('runwise_turns_total{platform="cli",intent="define",kind="answer"}')).toBe(2);
    expect(values.get('runwise_turns_total{platform="cli",intent="out_of_scope",kind="fallback"}')).toBe(1);
    expect(values.get('runwise_turns_total{platform="discord",intent="define",kind="answer"}')).toBe(1);
    expect(values.get('runwise_turn_duration_seconds_count{platform="cli"}')).toBe(3);
    expect(values.get('runwise_turn_duration_seconds_bucket{le="+Inf",platform="cli"}')).toBe(3);
    expect(values.get('runwise_out_of_scope_total{platform="cli"}')).toBe(1);
    expect(values.get('runwise_unanswered_total{platform="cli"}')).toBe(1);
    expect(values.get('runwise_store_conflicts_total')).toBe(0);
    expect(values.get('runwise_store_errors_total{code="store_unavailable"}')).toBe(0);
    // Process metrics come along (memory, event-loop lag), under the same prefix.
    expect(text).toMatch(/^runwise_process_resident_memory_bytes /m);
  });

  it('GIVEN a store that fails THEN store errors are counted by code', async () => {
    const broken: Store = { ...createMemoryStore(), get: () => Promise.reject(new RunwiseError('store_unavailable', 'Redis at redis://x: down')) };
    const runwise = await bot(broken);
    const url = await serve(runwise);
    const reply = await runwise.core.handle({ text: 'what is kvm', conversationId: 'c', userId: 'u', platform: 'slack' });
    expect(reply.intent).toBe('error');
    const { values } = await scrape(`${url}/metrics`);
    expect(values.get('runwise_store_errors_total{code="store_unavailable"}')).toBe(1);
    expect(values.get('runwise_store_errors_total{code="store_conflict"}')).toBe(0);
    expect(values.get('runwise_turns_total{platform="slack",intent="error",kind="notice"}')).toBe(1);
  });

  it('GIVEN Slack in HTTP mode THEN its port serves /metrics, /readyz and /healthz, and counts a de-duplicated retry', async () => {
    const fake = await startFakeSlack();
    cleanups.push(() => fake.close());
    const runwise = await bot();
    const secret = 'metrics-test-signing-secret';
    const config = loadConfig({ SLACK_BOT_TOKEN: 'xoxb-1-metrics', SLACK_SIGNING_SECRET: secret, SLACK_API_URL: fake.apiUrl, STATE_URL: 'memory:' });
    const slack = createSlackApp({ config, runwise, log: silentLogger(), retryConfig: { retries: 0 } });
    const { port } = await slack.start({ port: 0, host: '127.0.0.1' });
    cleanups.push(() => slack.stop());
    const url = `http://127.0.0.1:${port}`;

    const mention = eventFrom('app_mention');
    const { body, contentType } = eventBody(mention);
    expect((await sendSigned(`${url}/slack/events`, body, contentType, { secret })).status).toBe(200);
    await fake.waitForDelivered('chat.postMessage');
    expect((await sendSigned(`${url}/slack/events`, body, contentType, { secret, retryNum: 1 })).status).toBe(200);
    await slack.idle();
    expect(posts(fake)).toHaveLength(1);

    const { status, values } = await scrape(`${url}/metrics`);
    expect(status).toBe(200);
    expect(values.get('runwise_slack_retries_deduplicated_total')).toBe(1);
    expect([...values].filter(([k]) => k.startsWith('runwise_turns_total{platform="slack"')).reduce((n, [, v]) => n + v, 0)).toBe(1);
    expect((await fetch(`${url}/readyz`)).status).toBe(200);
    expect((await fetch(`${url}/healthz`)).status).toBe(200);
  });
});
