/**
 * What the runtime counts for /metrics. The core and the adapters call this small interface; the
 * prom-client implementation (prometheus.ts) loads only when metrics are served, so a terminal chat
 * or a batch run without METRICS_PORT never pays for it.
 */
export interface TurnMeasure {
  platform: string;
  intent: string;
  kind: string;
  seconds: number;
  /** The message went to the unanswered log (out of scope or low confidence). */
  unanswered: boolean;
}

export type StoreErrorCode = 'store_unavailable' | 'store_conflict';

export interface Meter {
  /** One answered message (error notices included, with intent "error"). */
  turn(measure: TurnMeasure): void;
  /** A turn that failed on the store: unreachable, or conflicts beyond the retry policy. */
  storeError(code: StoreErrorCode): void;
  /** One lost compare-and-set race that was retried. */
  conflict(): void;
  /** A Slack event delivered again (a retry) and skipped. */
  slackRetryDeduplicated(): void;
}

const ignore = () => undefined;

export const noMeter: Meter = { turn: ignore, storeError: ignore, conflict: ignore, slackRetryDeduplicated: ignore };

/** Something that renders the counters for a scrape (prometheus.ts), without this file importing prom-client. */
export interface MetricsSource {
  readonly contentType: string;
  render(): Promise<string>;
}

export type ServedMeter = Meter & MetricsSource;
