import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A fake Slack Web API on loopback: records every call (method + parsed body) and answers like Slack does.
 * `response_url` posts land under /hooks/ and are recorded with method `respond`.
 */

export const BOT = { team: 'T0RUNWISE', userId: 'U0RUNBOT', botId: 'B0RUNBOT', appId: 'A0RUNWISE' } as const;

export interface FakeCall {
  method: string;
  body: Record<string, unknown>;
  /** The HTTP status the fake answered with. */
  status: number;
  /** True when the fake answered 200 with ok: true: the call "happened" on Slack's side. */
  delivered: boolean;
  /** Whether a bearer token was sent (the token itself is never recorded). */
  authorized: boolean;
  /** What the fake answered (JSON), e.g. the posted message's ts. */
  response?: Record<string, unknown>;
}

export type Failure = { status: 429; retryAfter: number } | { status: 500 } | { error: string };

export interface FakeSlack {
  /** Base URL for the WebClient's slackApiUrl (ends with /api/). */
  apiUrl: string;
  /** A response_url that posts back to this fake. */
  responseUrl(id: string): string;
  calls: FakeCall[];
  /** What apps.connections.open hands out (Socket Mode), e.g. a loopback ws:// server. */
  socketUrl?: string;
  /** The next call to `method` fails this way (once per call to failNext; queued). */
  failNext(method: string, failure: Failure): void;
  delivered(method: string): FakeCall[];
  /** Polls (bounded) until `predicate` holds for the recorded calls. */
  waitFor(predicate: (calls: FakeCall[]) => boolean, what: string, timeoutMs?: number): Promise<void>;
  /** Waits for `count` delivered calls to `method` and returns them. */
  waitForDelivered(method: string, count?: number, timeoutMs?: number): Promise<FakeCall[]>;
  reset(): void;
  close(): Promise<void>;
}

export async function startFakeSlack(): Promise<FakeSlack> {
  const calls: FakeCall[] = [];
  const failures = new Map<string, Failure[]>();
  let tsCounter = 0;
  const nextTs = (): string => `1712100000.${String(++tsCounter * 100).padStart(6, '0')}`;

  const server: Server = createServer((req, res) => {
    void handle(req, res).catch((error: unknown) => {
      res.writeHead(500).end(String(error));
    });
  });

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const raw = await readBody(req);
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const isHook = url.pathname.startsWith('/hooks/');
    const method = isHook ? 'respond' : url.pathname.replace(/^\/api\//, '');
    const body = parseBody(raw, req.headers['content-type'] ?? '');
    const authorized = typeof req.headers.authorization === 'string' && req.headers.authorization.startsWith('Bearer xoxb-');
    const queued = failures.get(method);
    const failure = queued?.shift();
    if (failure) {
      if ('status' in failure && failure.status === 429) {
        calls.push({ method, body, status: 429, delivered: false, authorized });
        res.writeHead(429, { 'Retry-After': String(failure.retryAfter), 'content-type': 'application/json' }).end('{"ok":false,"error":"ratelimited"}');
        return;
      }
      if ('status' in failure) {
        calls.push({ method, body, status: 500, delivered: false, authorized });
        res.writeHead(500, { 'content-type': 'text/plain' }).end('Internal Server Error');
        return;
      }
      calls.push({ method, body, status: 200, delivered: false, authorized });
      json(res, { ok: false, error: failure.error });
      return;
    }
    if (isHook) {
      calls.push({ method, body, status: 200, delivered: true, authorized });
      res.writeHead(200, { 'content-type': 'text/plain' }).end('ok');
      return;
    }
    const response = method === 'apps.connections.open' ? { ok: Boolean(fake.socketUrl), url: fake.socketUrl } : answer(method, body, nextTs);
    calls.push({ method, body, status: 200, delivered: response.ok === true, authorized, response });
    json(res, response);
  }

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const base = `http://127.0.0.1:${port}`;

  const fake: FakeSlack = {
    apiUrl: `${base}/api/`,
    responseUrl: (id) => `${base}/hooks/${id}`,
    calls,
    failNext(method, failure) {
      const queue = failures.get(method) ?? [];
      queue.push(failure);
      failures.set(method, queue);
    },
    delivered: (method) => calls.filter((c) => c.method === method && c.delivered),
    async waitFor(predicate, what, timeoutMs = 10_000) {
      const deadline = Date.now() + timeoutMs;
      while (!predicate(calls)) {
        if (Date.now() > deadline) {
          const seen = calls.map((c) => `${c.method}(${c.status})`).join(', ') || 'none';
          throw new Error(`fake Slack: timed out waiting for ${what}; calls so far: ${seen}`);
        }
        await new Promise((resolve) => setTimeout(resolve, 10));
      }
    },
    async waitForDelivered(method, count = 1, timeoutMs) {
      await fake.waitFor((all) => all.filter((c) => c.method === method && c.delivered).length >= count, `${count} × ${method}`, timeoutMs);
      return fake.delivered(method);
    },
    reset() {
      calls.length = 0;
      failures.clear();
    },
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
  return fake;
}

function answer(method: string, body: Record<string, unknown>, nextTs: () => string): Record<string, unknown> {
  const channel = typeof body.channel === 'string' ? body.channel : undefined;
  switch (method) {
    case 'auth.test':
      return {
        ok: true,
        url: 'https://runwise-test.slack.com/',
        team: 'runwise test',
        user: 'runwise',
        team_id: BOT.team,
        user_id: BOT.userId,
        bot_id: BOT.botId,
        is_enterprise_install: false,
      };
    case 'chat.postMessage': {
      const ts = nextTs();
      return {
        ok: true,
        channel,
        ts,
        message: { type: 'message', user: BOT.userId, bot_id: BOT.botId, app_id: BOT.appId, text: body.text, ts, blocks: body.blocks, team: BOT.team, ...(body.thread_ts ? { thread_ts: body.thread_ts } : {}) },
      };
    }
    case 'chat.update':
      return { ok: true, channel, ts: body.ts, text: body.text, message: { type: 'message', user: BOT.userId, bot_id: BOT.botId, text: body.text, blocks: body.blocks } };
    case 'chat.postEphemeral':
      return { ok: true, message_ts: nextTs() };
    case 'views.publish':
      return { ok: true, view: { id: 'V0HOME0001', team_id: BOT.team, type: 'home', blocks: (body.view as { blocks?: unknown })?.blocks ?? [], hash: '1712000000.abcd' } };
    case 'conversations.open': {
      const users = String(body.users ?? '');
      return { ok: true, no_op: true, already_open: true, channel: { id: `D${users.replace(/^U/, '')}` } };
    }
    // The assistant panel's methods answer like Slack does for a workspace with the feature.
    case 'assistant.threads.setStatus':
    case 'assistant.threads.setSuggestedPrompts':
    case 'assistant.threads.setTitle':
      return { ok: true };
    case 'users.info':
      return { ok: true, user: { id: body.user, team_id: BOT.team, name: 'someone', is_bot: false, deleted: false } };
    default:
      return { ok: false, error: 'unknown_method' };
  }
}

function json(res: ServerResponse, payload: unknown): void {
  res.writeHead(200, { 'content-type': 'application/json; charset=utf-8' }).end(JSON.stringify(payload));
}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

/** The WebClient sends forms whose nested values (blocks, view) are JSON strings; respond() sends JSON. */
function parseBody(raw: string, contentType: string): Record<string, unknown> {
  if (raw === '') return {};
  if (contentType.includes('application/json')) return JSON.parse(raw) as Record<string, unknown>;
  const out: Record<string, unknown> = {};
  for (const [key, value] of new URLSearchParams(raw)) {
    out[key] = (value.startsWith('[') || value.startsWith('{')) ? tryJson(value) : value;
  }
  return out;
}

function tryJson(value: string): unknown {
  try {
    return JSON.parse(value);
  } catch {
    return value;
  }
}
