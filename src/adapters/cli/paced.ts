import type { Writable } from 'node:stream';

/**
 * A writer that honours backpressure: a write waits until the previous one has drained, so at most
 * one write's worth of text waits in memory however slow the reader is (ignoring write()'s return
 * value let 300,000 batch lines into `| cat` grow to 1.3 GB). An error on the stream (EPIPE when the
 * reader went away) is thrown by the next write or by end(), never left to crash the process.
 */
export interface PacedWriter {
  write(text: string): Promise<void>;
  /** Resolves once everything written has drained; throws the stream's error if it failed. */
  end(): Promise<void>;
}

export function pacedWriter(output: Writable): PacedWriter {
  let failure: Error | undefined;
  let draining: Promise<void> | undefined;
  output.on('error', (error: Error) => {
    failure ??= error;
  });

  const waitForDrain = () =>
    new Promise<void>((resolve) => {
      const done = () => {
        output.off('drain', done);
        output.off('close', done);
        output.off('error', done);
        draining = undefined;
        resolve();
      };
      output.on('drain', done);
      output.on('close', done);
      output.on('error', done);
    });

  const settle = async () => {
    if (draining) await draining;
    if (failure) throw failure;
  };

  return {
    async write(text) {
      await settle();
      if (!output.write(text)) draining = waitForDrain();
    },
    end: settle,
  };
}
