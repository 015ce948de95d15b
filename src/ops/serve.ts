import type { Config } from '../config.js';
import type { Logger } from '../log.js';
import type { Store } from '../store/types.js';
import type { ServedMeter } from './meter.js';

/** Slack serves the ops routes on its own port; METRICS_PORT serves them everywhere else (or as well). */
export function metricsWanted(config: Config, slackConfigured: boolean): boolean {
  return slackConfigured || config.METRICS_PORT !== undefined;
}

/** prom-client loads here, only when metrics are served. */
export async function loadMetrics(): Promise<ServedMeter> {
  return (await import('./prometheus.js')).createPrometheusMeter();
}

export interface ServedOps {
  /** The port listened on (METRICS_PORT=0 picks a free one); undefined when nothing was started. */
  port?: number;
  stop(): Promise<void>;
}

/** Starts the METRICS_PORT server when that is set, unless Slack already listens on that very port. */
export async function serveOps(
  config: Config,
  opts: { slackConfigured: boolean; store: Pick<Store, 'ping'>; metrics?: ServedMeter; isServing: () => boolean; log: Logger },
): Promise<ServedOps> {
  const port = config.METRICS_PORT;
  if (port === undefined || (opts.slackConfigured && port === config.PORT && port !== 0)) return { stop: async () => undefined };
  const [{ opsRoutes }, { startOpsServer }] = await Promise.all([import('./routes.js'), import('./server.js')]);
  const server = await startOpsServer(opsRoutes({ isServing: opts.isServing, store: opts.store, metrics: opts.metrics }), port);
  opts.log.info({ port: server.port }, 'serving /healthz, /readyz and /metrics');
  return { port: server.port, stop: () => server.close() };
}
