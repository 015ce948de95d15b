import { Counter, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import type { ServedMeter } from './meter.js';

/** From a cached classification (~50 µs) to a Redis round trip under load and a slow store. */
const TURN_BUCKETS = [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5];

/**
 * The Meter backed by prom-client, on a registry of its own (so tests can build several). Loaded only
 * when metrics are served: prom-client costs ~30 ms of start-up. Intent and kind come from the data
 * files and the Reply union, so their label sets stay small.
 */
export function createPrometheusMeter(): ServedMeter {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: 'runwise_' });
  const turns = new Counter({ name: 'runwise_turns_total', help: 'Messages answered, by platform, intent and reply kind (errors have intent "error").', labelNames: ['platform', 'intent', 'kind'], registers: [registry] });
  const latency = new Histogram({ name: 'runwise_turn_duration_seconds', help: 'Time to answer one message, store included.', labelNames: ['platform'], buckets: TURN_BUCKETS, registers: [registry] });
  const outOfScope = new Counter({ name: 'runwise_out_of_scope_total', help: 'Messages outside virtual machines and containers.', labelNames: ['platform'], registers: [registry] });
  const unanswered = new Counter({ name: 'runwise_unanswered_total', help: 'Messages logged as unanswered (out of scope or low confidence).', labelNames: ['platform'], registers: [registry] });
  const storeErrors = new Counter({ name: 'runwise_store_errors_total', help: 'Turns that failed on the store, by error code.', labelNames: ['code'], registers: [registry] });
  const conflicts = new Counter({ name: 'runwise_store_conflicts_total', help: 'Compare-and-set races lost and retried.', registers: [registry] });
  const slackRetries = new Counter({ name: 'runwise_slack_retries_deduplicated_total', help: 'Slack event deliveries skipped because the event was already handled.', registers: [registry] });
  // Zero-valued series exist from the start, so a rate() over them works before the first event.
  storeErrors.inc({ code: 'store_unavailable' }, 0);
  storeErrors.inc({ code: 'store_conflict' }, 0);

  return {
    contentType: registry.contentType,
    render: () => registry.metrics(),
    turn({ platform, intent, kind, seconds, unanswered: logged }) {
      turns.inc({ platform, intent, kind });
      latency.observe({ platform }, seconds);
      if (intent === 'out_of_scope') outOfScope.inc({ platform });
      if (logged) unanswered.inc({ platform });
    },
    storeError: (code) => storeErrors.inc({ code }),
    conflict: () => conflicts.inc(),
    slackRetryDeduplicated: () => slackRetries.inc(),
  };
}
