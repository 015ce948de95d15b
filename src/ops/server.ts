import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { RunwiseError } from '../errors.js';
import type { OpsRoute } from './routes.js';

export interface OpsServer {
  port: number;
  close(): Promise<void>;
}

/** A small HTTP server for the ops routes on METRICS_PORT (Discord-only, terminal and batch runs). */
export async function startOpsServer(routes: OpsRoute[], port: number, host?: string): Promise<OpsServer> {
  const server: Server = createServer((req, res) => {
    const path = (req.url ?? '/').split('?')[0];
    const route = routes.find((r) => r.path === path);
    if (!route) {
      res.writeHead(404).end();
      return;
    }
    if (!route.method.includes(req.method ?? 'GET')) {
      res.writeHead(405, { allow: route.method.join(', ') }).end();
      return;
    }
    route.handler(req, res);
  });
  // Keep-alive sockets from a scraper must not hold the process open at exit.
  server.keepAliveTimeout = 1_000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', (error: NodeJS.ErrnoException) =>
      reject(new RunwiseError('config_invalid', `METRICS_PORT: cannot listen on port ${port} (${error.code ?? error.message})`, { cause: error })),
    );
    server.listen(port, host, () => resolve());
  });
  return {
    port: (server.address() as AddressInfo).port,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
