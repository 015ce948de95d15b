import type { Server } from 'node:http';
import { randomUUID } from 'node:crypto';
import { WebSocketServer, type WebSocket } from 'ws';

/** What the fake gateway saw from the client, in order. */
export interface GatewayLog {
  identifies: Array<Record<string, unknown>>;
  resumes: Array<Record<string, unknown>>;
  heartbeats: number;
  connections: number;
}

export interface FakeGateway {
  url: string;
  log: GatewayLog;
  /** Sends a dispatch (op 0) now, or queues it until the client is connected and identified/resumed. */
  dispatch(t: string, d: unknown): void;
  /** Closes the current socket with `code` (4000 "unknown error" is resumable), as Discord does on trouble. */
  disconnect(code?: number): void;
  close(): Promise<void>;
}

export interface GatewayOptions {
  server: Server;
  baseUrl: string;
  botUser: Record<string, unknown>;
  applicationId: string;
  /** Full GUILD_CREATE payloads, sent promptly after READY so discord.js does not wait 15 s for guilds. */
  guilds: () => Array<Record<string, unknown>>;
  /** Privileged intents enabled for the app in the Developer Portal (default: all); others get close code 4014. */
  allowedPrivilegedIntents?: number;
}

/** Server Members, Presence and Message Content. */
const PRIVILEGED_INTENTS = (1 << 1) | (1 << 8) | (1 << 15);

/**
 * A Discord gateway on a `ws` server sharing the fake API's port: HELLO, IDENTIFY -> READY +
 * GUILD_CREATE, heartbeat ACKs, RESUME -> replay of missed dispatches + RESUMED. Plain JSON, no
 * compression (what discord.js speaks when zlib-sync is absent).
 */
export function startFakeGateway(opts: GatewayOptions): FakeGateway {
  const wss = new WebSocketServer({ server: opts.server, path: '/gateway' });
  const url = `${opts.baseUrl.replace(/^http/, 'ws')}/gateway`;
  const log: GatewayLog = { identifies: [], resumes: [], heartbeats: 0, connections: 0 };
  let socket: WebSocket | null = null;
  let live = false; // identified or resumed on the current socket
  let sessionId: string | null = null;
  let seq = 0;
  // Dispatches sent since the client last acknowledged a sequence, for replay on RESUME.
  const sent: Array<{ s: number; t: string; d: unknown }> = [];
  const pending: Array<{ t: string; d: unknown }> = [];

  const raw = (payload: unknown) => socket?.send(JSON.stringify(payload));
  const send = (t: string, d: unknown) => {
    seq += 1;
    sent.push({ s: seq, t, d });
    raw({ op: 0, t, s: seq, d });
  };
  const flush = () => {
    while (live && pending.length > 0) {
      const next = pending.shift();
      if (next) send(next.t, next.d);
    }
  };

  wss.on('connection', (ws) => {
    log.connections += 1;
    socket = ws;
    live = false;
    ws.send(JSON.stringify({ op: 10, s: null, t: null, d: { heartbeat_interval: 41_250 } }));
    ws.on('message', (data) => {
      const payload = JSON.parse(String(data)) as { op: number; d: Record<string, unknown> };
      switch (payload.op) {
        case 1:
          log.heartbeats += 1;
          ws.send(JSON.stringify({ op: 11, s: null, t: null, d: null }));
          break;
        case 2: {
          log.identifies.push(payload.d);
          const refused = Number(payload.d['intents']) & PRIVILEGED_INTENTS & ~(opts.allowedPrivilegedIntents ?? PRIVILEGED_INTENTS);
          if (refused !== 0) {
            ws.close(4014, 'Disallowed intent(s).');
            break;
          }
          sessionId = randomUUID().replace(/-/g, '');
          seq = 0;
          sent.length = 0;
          live = true;
          const guilds = opts.guilds();
          send('READY', {
            v: 10,
            user_settings: {},
            user: opts.botUser,
            guilds: guilds.map((g) => ({ id: g['id'], unavailable: true })),
            session_id: sessionId,
            resume_gateway_url: url,
            shard: [0, 1],
            application: { id: opts.applicationId, flags: 0 },
            _trace: ['["fake-gateway",{"micros":1}]'],
          });
          for (const guild of guilds) send('GUILD_CREATE', guild);
          flush();
          break;
        }
        case 6: {
          log.resumes.push(payload.d);
          if (payload.d['session_id'] !== sessionId) {
            ws.send(JSON.stringify({ op: 9, s: null, t: null, d: false }));
            break;
          }
          const from = Number(payload.d['seq'] ?? 0);
          for (const missed of sent.filter((e) => e.s > from)) raw({ op: 0, t: missed.t, s: missed.s, d: missed.d });
          live = true;
          send('RESUMED', { _trace: ['["fake-gateway",{"micros":1}]'] });
          flush();
          break;
        }
        default:
          break;
      }
    });
    ws.on('close', () => {
      if (socket === ws) {
        socket = null;
        live = false;
      }
    });
  });

  return {
    url,
    log,
    dispatch(t, d) {
      pending.push({ t, d });
      flush();
    },
    disconnect(code = 4000) {
      live = false;
      socket?.close(code, 'fake gateway disconnect');
    },
    async close() {
      for (const client of wss.clients) client.terminate();
      await new Promise<void>((resolve) => wss.close(() => resolve()));
    },
  };
}
