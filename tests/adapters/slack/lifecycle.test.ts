import { expect, it } from 'vitest';
import { startSlack } from '../../../src/adapters/slack/index.js';
import { createRunwise } from '../../../src/app.js';
import { loadConfig } from '../../../src/config.js';
import { silentLogger } from '../../../src/log.js';
import { startFakeSlack } from './fake-slack.js';
import { eventFrom, posts, sharedBrain, startHarness } from './harness.js';
import { scriptedCore } from './scripted-core.js';

it('GIVEN a message being answered WHEN stop() is called THEN it stops taking requests, finishes the answer, then resolves', async () => {
  const fake = await startFakeSlack();
  let release!: () => void;
  const gate = new Promise<void>((resolve) => (release = resolve));
  const core = scriptedCore({ gate });
  const h = await startHarness({ fake, core });
  try {
    expect((await h.event(eventFrom('message_im'))).status).toBe(200);
    await fake.waitFor(() => core.seen.length === 1, 'the core to receive the message');

    let stopped = false;
    const stopping = h.slack.stop().then(() => (stopped = true));
    // No longer ready, and no longer accepting connections.
    await expect(fetch(`${h.url}/healthz`)).rejects.toThrow();
    expect(stopped).toBe(false);
    expect(posts(fake)).toHaveLength(0);

    release();
    await stopping;
    expect(posts(fake)).toHaveLength(1);
  } finally {
    release();
    await h.close();
    await fake.close();
  }
});

it('GIVEN a bad bot token THEN start fails with an error naming SLACK_BOT_TOKEN, without the token', async () => {
  const fake = await startFakeSlack();
  fake.failNext('auth.test', { error: 'invalid_auth' });
  try {
    const failing = startHarness({ fake, core: scriptedCore() });
    const error = await failing.then(() => null, (e: unknown) => e as Error);
    expect(error?.message).toMatch(/SLACK_BOT_TOKEN/);
    expect(error?.message).toMatch(/invalid_auth/);
    expect(error?.message).not.toMatch(/xoxb-/);
  } finally {
    await fake.close();
  }
});

it('startSlack (the entry point main uses) connects with auth.test and stops cleanly', async () => {
  const fake = await startFakeSlack();
  const config = loadConfig({ SLACK_BOT_TOKEN: 'xoxb-1-entry', SLACK_SIGNING_SECRET: 'entry-secret', SLACK_API_URL: fake.apiUrl, PORT: '0' });
  const runwise = await createRunwise({ config, stateUrl: 'memory:', log: silentLogger(), brain: sharedBrain() });
  try {
    const running = await startSlack({ config, runwise, log: silentLogger() });
    expect(fake.delivered('auth.test')).toHaveLength(1);
    await running.stop();
  } finally {
    await runwise.close();
    await fake.close();
  }
});
