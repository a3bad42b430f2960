/**
 * The one error class of Corroborate. Every expected failure carries a `code` from {@link ErrorCode}
 * and the HTTP status the API answers with; anything else reaching the edges is a bug.
 */
export type ErrorCode =
  | 'bad_request'
  | 'invalid_input'
  | 'unsupported_type'
  | 'too_large'
  | 'empty_input'
  | 'encoding'
  | 'malformed'
  | 'not_found'
  | 'conflict'
  | 'unauthorized'
  | 'forbidden'
  | 'csrf'
  | 'rate_limited'
  | 'locked'
  | 'ssrf_refused'
  | 'fetch_failed'
  | 'timeout'
  | 'tampered'
  | 'config'
  | 'internal';

const STATUS: Readonly<Record<ErrorCode, number>> = {
  bad_request: 400,
  invalid_input: 400,
  unsupported_type: 415,
  too_large: 413,
  empty_input: 400,
  encoding: 400,
  malformed: 400,
  not_found: 404,
  conflict: 409,
  unauthorized: 401,
  forbidden: 403,
  csrf: 403,
  rate_limited: 429,
  locked: 423,
  ssrf_refused: 400,
  fetch_failed: 502,
  timeout: 504,
  tampered: 500,
  config: 500,
  internal: 500,
};

/**
 * An expected failure with a stable code, an HTTP status and optional details.
 *
 * @example
 * throw new CorroborateError('too_large', 'report.pdf: 80 MB exceeds the 50 MB limit');
 */
export class CorroborateError extends Error {
  readonly code: ErrorCode;
  readonly status: number;
  readonly details: Readonly<Record<string, unknown>> | undefined;

  constructor(code: ErrorCode, message: string, details?: Record<string, unknown>) {
    super(message);
    this.name = 'CorroborateError';
    this.code = code;
    this.status = STATUS[code];
    this.details = details;
  }
}

/** True when `value` is one of the {@link ErrorCode}s, e.g. a code carried in a stored outcome. */
export function isErrorCode(value: unknown): value is ErrorCode {
  return typeof value === 'string' && Object.hasOwn(STATUS, value);
}

/** True when `error` is a {@link CorroborateError}, optionally with the given code. */
export function isCorroborateError(error: unknown, code?: ErrorCode): error is CorroborateError {
  return error instanceof CorroborateError && (code === undefined || error.code === code);
}

/** A one-line message for any thrown value, for per-item batch results and CLI output. */
export function errorMessage(error: unknown): string {
  if (error instanceof Error) return error.message.split('\n')[0] ?? error.name;
  return String(error);
}

/** The outcome of one item of a batch (ingest, re-extract, export): batches never stop at the first failure. */
export interface ItemResult<T = unknown> {
  readonly id: string;
  readonly status: 'ok' | 'error' | 'skipped';
  readonly error?: string;
  readonly value?: T;
}
