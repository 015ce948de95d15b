/**
 * Splits a stream's text into lines on "\n" only, dropping one trailing "\r" (CRLF files). readline also
 * breaks at a lone "\r", which cut a valid JSON line holding a raw carriage return in two and shifted
 * every later output by one.
 */
export interface LineSplitter {
  /** The complete lines this chunk finishes; an unfinished tail waits for the next chunk. */
  push(chunk: string): string[];
  /** The last line when the input did not end with "\n", once the input has ended. */
  end(): string | undefined;
}

const stripCr = (line: string) => (line.endsWith('\r') ? line.slice(0, -1) : line);

export function createLineSplitter(): LineSplitter {
  let tail = '';
  return {
    push(chunk) {
      if (!chunk.includes('\n')) {
        tail += chunk;
        return [];
      }
      const parts = (tail + chunk).split('\n');
      tail = parts.pop() ?? '';
      return parts.map(stripCr);
    },
    end() {
      const last = tail;
      tail = '';
      return last === '' ? undefined : stripCr(last);
    },
  };
}
