import { createRunwise, type Runwise } from './app.js';
import { configuredPlatforms, loadConfig, type Config, type PlatformName } from './config.js';
import { toRunwiseError } from './errors.js';
import { createLogger, type Logger } from './log.js';
import { loadMetrics, metricsWanted, serveOps } from './ops/serve.js';

interface Running {
  stop(): Promise<void>;
}

// Platform SDKs load only when that platform is configured: Bolt and discord.js together cost more than the rest of start-up.
async function startPlatform(name: PlatformName, opts: { config: Config; runwise: Runwise; log: Logger }): Promise<Running> {
  switch (name) {
    case 'slack':
      return (await import('./adapters/slack/index.js')).startSlack(opts);
    case 'discord':
      return (await import('./adapters/discord/index.js')).startDiscord(opts);
  }
}

async function main(): Promise<void> {
  const config = loadConfig();
  const platforms = configuredPlatforms(config);
  if (platforms.length === 0) {
    // No tokens: the local terminal chat, the embedded default that needs no account.
    await import('./adapters/cli/main.js');
    return;
  }
  const log = createLogger(config.LOG_LEVEL);
  const slackConfigured = platforms.includes('slack');
  const metrics = metricsWanted(config, slackConfigured) ? await loadMetrics() : undefined;
  const runwise = await createRunwise({ config, log, metrics });
  const running: Running[] = [];
  let stopping = false;
  let serving = false;
  const shutdown = async (reason: string, exitCode: number) => {
    if (stopping) return;
    stopping = true;
    serving = false;
    log.info({ reason }, 'stopping: finishing messages in flight');
    await Promise.allSettled(running.map((r) => r.stop()));
    await runwise.close();
    log.info('stopped');
    process.exit(exitCode);
  };
  // Installed before any platform starts: Discord can take seconds to be ready, and a signal then must still close the store.
  process.once('SIGINT', () => void shutdown('SIGINT', 0));
  process.once('SIGTERM', () => void shutdown('SIGTERM', 0));

  try {
    // Discord-only runs have no HTTP port of their own: METRICS_PORT gives them /healthz, /readyz and /metrics.
    running.push(await serveOps(config, { slackConfigured, store: runwise.store, metrics, isServing: () => serving, log }));
  } catch (error) {
    process.stderr.write(`runwise: ${toRunwiseError(error).message}\n`);
    await shutdown('the metrics server failed to start', 2);
    return;
  }

  for (const name of platforms) {
    if (stopping) return;
    try {
      running.push(await startPlatform(name, { config, runwise, log }));
    } catch (error) {
      const failure = toRunwiseError(error);
      process.stderr.write(`runwise: ${failure.message}\n`);
      await shutdown(`${name} failed to start`, failure.code === 'config_invalid' ? 2 : 1);
      return;
    }
    log.info({ platform: name }, 'platform started');
  }
  serving = !stopping;
}

main().catch((error: unknown) => {
  const failure = toRunwiseError(error);
  process.stderr.write(`runwise: ${failure.message}\n`);
  process.exit(failure.code === 'config_invalid' || failure.code === 'data_invalid' ? 2 : 1);
});
