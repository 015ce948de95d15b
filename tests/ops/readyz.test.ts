import { createServer, connect, type Server, type Socket } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { RunwiseError } from '../../src/errors.js';
import { opsRoutes } from '../../src/ops/routes.js';
import { startOpsServer } from '../../src/ops/server.js';
import { createMemoryStore } from '../../src/store/memory.js';
import { createRedisStore } from '../../src/store/redis.js';
import type { Store } from '../../src/store/types.js';
import { REDIS_URL, probeRedis } from '../store/helpers.js';

const redisUp = (await probeRedis(REDIS_URL)) === null;
const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function serve(store: Pick<Store, 'ping'>, isServing = () => true): Promise<string> {
  const server = await startOpsServer(opsRoutes({ isServing, store }), 0, '127.0.0.1');
  cleanups.push(() => server.close());
  return `http://127.0.0.1:${server.port}`;
}

async function timed(url: string): Promise<{ status: number; ms: number; body: Record<string, unknown> }> {
  const started = performance.now();
  const response = await fetch(url);
  const body = (await response.json()) as Record<string, unknown>;
  return { status: response.status, ms: performance.now() - started, body };
}

/** A TCP relay in front of Redis that the test can cut, as a network outage would. */
async function relay(target: URL): Promise<{ url: string; cut(): Promise<void> }> {
  const sockets = new Set<Socket>();
  const server: Server = createServer((client) => {
    const upstream = connect(Number(target.port || 6379), target.hostname);
    for (const s of [client, upstream]) {
      sockets.add(s);
      s.on('error', () => undefined);
      s.on('close', () => sockets.delete(s));
    }
    client.pipe(upstream).pipe(client);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = new URL(target.toString());
  url.hostname = '127.0.0.1';
  url.port = String((server.address() as { port: number }).port);
  return {
    url: url.toString(),
    cut: async () => {
      for (const s of sockets) s.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

describe('/readyz and /healthz', () => {
  it('GIVEN a store that answers THEN ready', async () => {
    const url = await serve(createMemoryStore());
    expect(await timed(`${url}/readyz`)).toMatchObject({ status: 200, body: { ok: true } });
  });

  it('GIVEN a store that does not answer THEN /readyz says 503 after about 200 ms, while /healthz stays 200', async () => {
    const url = await serve({ ping: () => new Promise<void>(() => undefined) });
    const ready = await timed(`${url}/readyz`);
    expect(ready.status).toBe(503);
    expect(ready.body).toEqual({ ok: false, store: 'no answer within 200 ms' });
    expect(ready.ms).toBeGreaterThanOrEqual(150);
    expect(ready.ms).toBeLessThan(2_000);
    expect((await timed(`${url}/healthz`)).status).toBe(200);
  });

  it('GIVEN a store that fails THEN 503 at once', async () => {
    const url = await serve({ ping: () => Promise.reject(new RunwiseError('store_unavailable', 'down')) });
    expect(await timed(`${url}/readyz`)).toMatchObject({ status: 503, body: { ok: false, store: 'unavailable' } });
  });

  it('GIVEN the process is not serving (starting or stopping) THEN both say 503', async () => {
    const url = await serve(createMemoryStore(), () => false);
    expect((await timed(`${url}/readyz`)).status).toBe(503);
    expect((await timed(`${url}/healthz`)).status).toBe(503);
  });

  it.runIf(redisUp)('GIVEN Redis goes away THEN /readyz turns 503 (was: /healthz 200 while every turn failed)', async () => {
    const link = await relay(new URL(REDIS_URL));
    const store = await createRedisStore(link.url, { keyPrefix: 'runwise-test:readyz:' });
    cleanups.push(() => store.close());
    const url = await serve(store);
    expect((await timed(`${url}/readyz`)).status).toBe(200);
    await link.cut();
    const ready = await timed(`${url}/readyz`);
    expect(ready.status).toBe(503);
    expect(ready.ms).toBeLessThan(2_000);
    expect((await timed(`${url}/healthz`)).status).toBe(200);
  });
});
