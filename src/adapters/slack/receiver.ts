import type { App, Receiver } from '@slack/bolt';

/** Counts every Slack request from arrival to the end of its handling, so stop() and tests can wait for them. */
export interface Tracker {
  track<T>(work: Promise<T>): Promise<T>;
  /** Resolves once nothing is in flight (including work that started while waiting). */
  idle(): Promise<void>;
}

export function createTracker(): Tracker {
  const inFlight = new Set<Promise<unknown>>();
  return {
    track(work) {
      inFlight.add(work);
      const forget = () => inFlight.delete(work);
      work.then(forget, forget);
      return work;
    },
    async idle() {
      while (inFlight.size > 0) await Promise.allSettled([...inFlight]);
    },
  };
}

/**
 * Wraps Bolt's receiver: the receiver hands each request to `processEvent`, which we track. Events are
 * acknowledged before their listeners run, so the HTTP response alone does not say the work is done.
 */
export function trackingReceiver(inner: Receiver, tracker: Tracker): Receiver {
  return {
    init(app: App) {
      const tracked = { processEvent: (event: Parameters<App['processEvent']>[0]) => tracker.track(app.processEvent(event)) };
      inner.init(tracked as unknown as App);
    },
    start: (...args: unknown[]) => inner.start(...args),
    stop: (...args: unknown[]) => inner.stop(...args),
  };
}
