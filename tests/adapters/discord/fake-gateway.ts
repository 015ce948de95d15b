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
  // One session per identified client, so two bot instances can be connected at once.
  const sessions = new Map<string, Session>();
  const early: Array<{ t: string; d: unknown }> = [];

  const send = (session: Session, t: string, d: unknown) => {
    session.seq += 1;
    session.sent.push({ s: session.seq, t, d });
    session.ws?.send(JSON.stringify({ op: 0, t, s: session.seq, d }));
  };
  const flush = (session: Session) => {
    while (session.ws && session.pending.length > 0) {
      const next = session.pending.shift();
      if (next) send(session, next.t, next.d);
    }
  };

  wss.on('connection', (ws) => {
    log.connections += 1;
    let session: Session | null = null;
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
          session = { id: randomUUID().replace(/-/g, ''), seq: 0, sent: [], pending: early.splice(0), ws: null, ended: false };
          sessions.set(session.id, session);
          const guilds = opts.guilds();
          session.ws = ws;
          send(session, 'READY', {
            v: 10,
            user_settings: {},
            user: opts.botUser,
            guilds: guilds.map((g) => ({ id: g['id'], unavailable: true })),
            session_id: session.id,
            resume_gateway_url: url,
            shard: [0, 1],
            application: { id: opts.applicationId, flags: 0 },
            _trace: ['["fake-gateway",{"micros":1}]'],
          });
          for (const guild of guilds) send(session, 'GUILD_CREATE', guild);
          flush(session);
          break;
        }
        case 6: {
          log.resumes.push(payload.d);
          const resumed = sessions.get(String(payload.d['session_id']));
          if (!resumed || resumed.ended) {
            ws.send(JSON.stringify({ op: 9, s: null, t: null, d: false }));
            break;
          }
          session = resumed;
          session.ws = ws;
          const from = Number(payload.d['seq'] ?? 0);
          for (const missed of session.sent.filter((e) => e.s > from)) ws.send(JSON.stringify({ op: 0, t: missed.t, s: missed.s, d: missed.d }));
          send(session, 'RESUMED', { _trace: ['["fake-gateway",{"micros":1}]'] });
          flush(session);
          break;
        }
        default:
          break;
      }
    });
    ws.on('close', (code) => {
      if (session?.ws !== ws) return;
      session.ws = null;
      // A client that closes normally is done; any other close leaves the session resumable.
      if (code === 1000 || code === 1001) session.ended = true;
    });
  });

  return {
    url,
    log,
    dispatch(t, d) {
      const open = [...sessions.values()].filter((session) => !session.ended);
      if (open.length === 0) early.push({ t, d });
      for (const session of open) {
        session.pending.push({ t, d });
        flush(session);
      }
    },
    disconnect(code = 4000) {
      for (const session of sessions.values()) {
        const ws = session.ws;
        session.ws = null; // dispatches from now on wait for the resume
        ws?.close(code, 'fake gateway disconnect');
      }
    },
    async close() {
      for (const client of wss.clients) client.terminate();
      await new Promise<void>((resolve) => wss.close(() => resolve()));
    },
  };
}

interface Session {
  id: string;
  seq: number;
  /** Every dispatch of the session, for replay after RESUME from the client's last sequence. */
  sent: Array<{ s: number; t: string; d: unknown }>;
  /** Dispatches waiting for the client to be connected again. */
  pending: Array<{ t: string; d: unknown }>;
  ws: WebSocket | null;
  ended: boolean;
}
