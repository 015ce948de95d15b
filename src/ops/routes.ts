import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Store } from '../store/types.js';
import type { MetricsSource } from './meter.js';

/** /readyz gives the store this long; a load balancer's probe should not wait on a struggling store. */
export const READY_STORE_TIMEOUT_MS = 200;

export interface OpsRoute {
  path: string;
  method: string[];
  handler(req: IncomingMessage, res: ServerResponse): void;
}

export interface OpsOptions {
  /** True while the process serves (platforms connected, not stopping). */
  isServing: () => boolean;
  store: Pick<Store, 'ping'>;
  /** Serves /metrics when given. */
  metrics?: MetricsSource;
}

function json(res: ServerResponse, status: number, body: Record<string, unknown>): void {
  res.writeHead(status, { 'content-type': 'application/json', 'cache-control': 'no-store' });
  res.end(JSON.stringify(body));
}

/** Resolves to null when the store answered in time, otherwise to why not. */
async function storeProblem(store: Pick<Store, 'ping'>, timeoutMs: number): Promise<string | null> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<string>((resolve) => {
    timer = setTimeout(() => resolve(`no answer within ${timeoutMs} ms`), timeoutMs);
  });
  try {
    return await Promise.race([store.ping().then(() => null, () => 'unavailable'), late]);
  } finally {
    clearTimeout(timer);
  }
}

/**
 * The operator's endpoints, shaped as Bolt custom routes so Slack's port serves them, and served by
 * server.ts on METRICS_PORT otherwise:
 * - GET /healthz: liveness; 200 while serving, whatever the store does (a restart would not fix Redis).
 * - GET /readyz: 200 only if the store also answers within 200 ms, so a balancer stops sending turns
 *   that would all fail.
 * - GET /metrics: Prometheus text format.
 */
export function opsRoutes(opts: OpsOptions): OpsRoute[] {
  const routes: OpsRoute[] = [
    {
      path: '/healthz',
      method: ['GET'],
      handler: (_req, res) => json(res, opts.isServing() ? 200 : 503, { ok: opts.isServing() }),
    },
    {
      path: '/readyz',
      method: ['GET'],
      handler: (_req, res) => {
        if (!opts.isServing()) return json(res, 503, { ok: false, serving: false });
        void storeProblem(opts.store, READY_STORE_TIMEOUT_MS).then((problem) =>
          json(res, problem ? 503 : 200, problem ? { ok: false, store: problem } : { ok: true }),
        );
      },
    },
  ];
  const { metrics } = opts;
  if (metrics) {
    routes.push({
      path: '/metrics',
      method: ['GET'],
      handler: (_req, res) => {
        metrics.render().then(
          (text) => {
            res.writeHead(200, { 'content-type': metrics.contentType });
            res.end(text);
          },
          () => json(res, 500, { ok: false }),
        );
      },
    });
  }
  return routes;
}
