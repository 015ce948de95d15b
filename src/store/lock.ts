export interface KeyedMutex {
  /** Runs `fn` after every earlier `run` with the same key has settled; different keys run in parallel. */
  run<T>(key: string, fn: () => Promise<T>): Promise<T>;
  /** How many keys have work queued or running (finished keys are forgotten, so this returns to 0). */
  activeKeys(): number;
}

/**
 * In-process serialisation per key, e.g. per user, so two quick messages from one person are handled
 * one after the other by this instance. Across instances the store's version check catches conflicts.
 */
export function createKeyedMutex(): KeyedMutex {
  const tails = new Map<string, Promise<void>>();

  return {
    run<T>(key: string, fn: () => Promise<T>): Promise<T> {
      const previous = tails.get(key) ?? Promise.resolve();
      const result = previous.then(fn);
      // A failure belongs to its caller only; the next caller in line still runs.
      const tail = result.then(
        () => undefined,
        () => undefined,
      );
      tails.set(key, tail);
      void tail.then(() => {
        if (tails.get(key) === tail) tails.delete(key);
      });
      return result;
    },

    activeKeys: () => tails.size,
  };
}
