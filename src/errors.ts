/** One error type with a stable `code`; user-facing wording for each code lives in data/messages.json. */
export type ErrorCode =
  | 'config_invalid'
  | 'data_invalid'
  | 'store_unavailable'
  | 'store_conflict'
  | 'input_invalid'
  | 'platform_error'
  | 'internal';

export class RunwiseError extends Error {
  readonly code: ErrorCode;
  constructor(code: ErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'RunwiseError';
    this.code = code;
  }
}

export function toRunwiseError(error: unknown): RunwiseError {
  if (error instanceof RunwiseError) return error;
  const message = error instanceof Error ? error.message : String(error);
  return new RunwiseError('internal', message, { cause: error });
}
