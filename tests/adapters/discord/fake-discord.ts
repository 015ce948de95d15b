import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { startFakeGateway, type FakeGateway } from './fake-gateway.js';
import { createMessageBook, pingsOf, snowflake, type Pings } from './fake-messages.js';
import { waitUntil } from '../../support/bot-process.js';

/** One request the bot made to the fake Discord API. */
export interface RecordedCall {
  method: string;
  /** Path after `/api/v10`, e.g. `/channels/123/messages`. */
  path: string;
  query: URLSearchParams;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  body: any;
  status: number;
  authorization: string | undefined;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  response?: any;
  /** For calls that post or edit a message: who it would notify. */
  pings?: Pings;
}

export interface FailRule {
  method: string;
  path: RegExp;
  /** 429 comes with Discord's rate-limit headers; anything else with a plain JSON error. */
  status: number;
  /** Seconds, as Discord sends them. */
  retryAfter?: number;
}

export interface FakeDiscord {
  /** For DISCORD_API_URL: discord.js appends `/v10/...`. */
  apiUrl: string;
  gateway: FakeGateway;
  calls: RecordedCall[];
  /** Calls that succeeded (2xx), optionally filtered by method and path pattern. */
  ok(method?: string, path?: RegExp): RecordedCall[];
  /** The next request matching the rule gets this error once; later ones succeed. */
  failOnce(rule: FailRule): void;
  /** Resolves with the value once `probe` returns something truthy; rejects after `timeoutMs` of real time. */
  waitFor<T>(probe: () => T | undefined | null | false, what: string, timeoutMs?: number): Promise<T>;
  close(): Promise<void>;
}

export interface FakeDiscordOptions {
  botUser: Record<string, unknown>;
  applicationId: string;
  guilds: Array<Record<string, unknown>>;
  allowedPrivilegedIntents?: number;
}

/**
 * A loopback Discord: the REST routes the adapter uses (recording every call) and, on the same port,
 * the gateway. Routes answer with realistic objects so discord.js builds real Message instances.
 */
export async function startFakeDiscord(opts: FakeDiscordOptions): Promise<FakeDiscord> {
  const calls: RecordedCall[] = [];
  const failures: FailRule[] = [];
  const server = createServer((req, res) => {
    void handle(req, res).catch((error: unknown) => {
      res.writeHead(500, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ message: String(error), code: 0 }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const base = `http://127.0.0.1:${port}`;
  const book = createMessageBook(opts.botUser);
  const gateway = startFakeGateway({
    server,
    baseUrl: base,
    botUser: opts.botUser,
    applicationId: opts.applicationId,
    guilds: () => opts.guilds,
    ...(opts.allowedPrivilegedIntents === undefined ? {} : { allowedPrivilegedIntents: opts.allowedPrivilegedIntents }),
  });
  const dispatch = gateway.dispatch;
  gateway.dispatch = (t, d) => {
    book.learn(t, d);
    dispatch(t, d);
  };

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', base);
    const method = req.method ?? 'GET';
    const path = decodeURIComponent(url.pathname).replace(/^\/api\/v\d+/, '');
    const text = await readBody(req);
    const body = text && String(req.headers['content-type']).includes('json') ? JSON.parse(text) : text || null;
    const call: RecordedCall = { method, path, query: url.searchParams, body, status: 0, authorization: req.headers.authorization };
    calls.push(call);
    const reply = (status: number, payload?: unknown, headers: Record<string, string> = {}) => {
      call.status = status;
      call.response = payload;
      res.writeHead(status, payload === undefined ? headers : { 'content-type': 'application/json', ...headers });
      res.end(payload === undefined ? undefined : JSON.stringify(payload));
    };

    const failure = failures.findIndex((f) => f.method === method && f.path.test(path));
    if (failure >= 0) {
      const [rule] = failures.splice(failure, 1);
      if (rule?.status === 429) {
        const after = rule.retryAfter ?? 0.05;
        return reply(
          429,
          { message: 'You are being rate limited.', retry_after: after, global: false },
          {
            'retry-after': String(after),
            'x-ratelimit-limit': '5',
            'x-ratelimit-remaining': '0',
            'x-ratelimit-reset-after': String(after),
            'x-ratelimit-bucket': 'fake-bucket',
            'x-ratelimit-scope': 'user',
          },
        );
      }
      return reply(rule?.status ?? 500, { message: `${rule?.status}: Fake failure`, code: rule?.status === 400 ? 50035 : 0 });
    }

    if ((method === 'POST' || method === 'PATCH') && body && typeof body === 'object' && 'content' in body) call.pings = pingsOf(body);
    let m: RegExpMatchArray | null;
    if (method === 'GET' && path === '/gateway/bot') {
      return reply(200, {
        url: gateway.url,
        shards: 1,
        session_start_limit: { total: 1000, remaining: 999, reset_after: 0, max_concurrency: 1 },
      });
    }
    if (method === 'GET' && path === '/users/@me') return reply(200, opts.botUser);
    if (method === 'POST' && (m = path.match(/^\/channels\/(\d+)\/messages$/))) return reply(200, book.create(m[1]!, body));
    if (method === 'POST' && /^\/channels\/\d+\/typing$/.test(path)) return reply(204);
    if (method === 'POST' && (m = path.match(/^\/interactions\/\d+\/([^/]+)\/callback$/))) {
      book.callback(m[1]!, body);
      if (url.searchParams.get('with_response') !== 'true') return reply(204);
      return reply(200, { interaction: { id: path.split('/')[2], type: body?.type } });
    }
    if ((m = path.match(/^\/webhooks\/(\d+)\/([^/]+)\/messages\/(@original|\d+)$/))) {
      if (method === 'DELETE') return reply(204);
      if (method === 'PATCH') return reply(200, book.editOriginal(m[2]!, body ?? {}));
    }
    if (method === 'POST' && (m = path.match(/^\/webhooks\/(\d+)\/([^/]+)$/))) {
      return reply(200, book.followUp(m[2]!, body));
    }
    if (method === 'POST' && path === '/users/@me/channels') {
      return reply(200, { id: snowflake(), type: 1, last_message_id: null, recipients: [{ id: body?.recipient_id }] });
    }
    if (method === 'PUT' && /^\/applications\/\d+(\/guilds\/\d+)?\/commands$/.test(path)) {
      const commands = Array.isArray(body) ? body : [];
      return reply(200, commands.map((c: Record<string, unknown>) => ({ id: snowflake(), application_id: opts.applicationId, version: snowflake(), ...c })));
    }
    return reply(404, { message: '404: Not Found', code: 0 });
  }

  return {
    apiUrl: `${base}/api`,
    gateway,
    calls,
    ok: (method, path) =>
      calls.filter((c) => c.status >= 200 && c.status < 300 && (!method || c.method === method) && (!path || path.test(c.path))),
    failOnce: (rule) => failures.push(rule),
    waitFor: (probe, what, timeoutMs = 10_000) => waitUntil(probe, what, timeoutMs, 10),
    async close() {
      await gateway.close();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}
