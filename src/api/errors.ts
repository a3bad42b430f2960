import type { Context } from 'hono';
import { HTTPException } from 'hono/http-exception';
import { CorroborateError, type ErrorCode } from '../errors.ts';
import type { ApiEnv } from './context.ts';

/** The stable JSON error body of every failed API request. */
export interface ErrorBody {
  readonly error: {
    readonly code: ErrorCode;
    readonly message: string;
    readonly details: Readonly<Record<string, unknown>> | null;
  };
}

function fromHttpException(error: HTTPException): CorroborateError {
  const status = error.status;
  if (status === 413) return new CorroborateError('too_large', 'request body is larger than the upload limit');
  if (status === 401) return new CorroborateError('unauthorized', 'sign in or present an API token');
  if (status === 403) return new CorroborateError('forbidden', 'forbidden');
  if (status === 404) return new CorroborateError('not_found', 'not found');
  if (status === 415) return new CorroborateError('unsupported_type', 'unsupported content type');
  return new CorroborateError('bad_request', error.message.split('\n')[0] || 'bad request');
}

/**
 * The one place errors become responses: a {@link CorroborateError} (or Hono HTTP error) answers with its
 * status and `{error:{code,message,details}}`; anything else is a bug, logged with its stack and answered
 * with a bare `internal` error carrying the request id — never a stack trace.
 */
export function onApiError(error: Error, c: Context<ApiEnv>): Response {
  const known = error instanceof CorroborateError ? error : error instanceof HTTPException ? fromHttpException(error) : undefined;
  const requestId = c.get('requestId');
  if (known === undefined) {
    c.get('log').error({ err: { name: error.name, message: error.message, stack: error.stack } }, 'unexpected error');
    const body: ErrorBody = {
      error: { code: 'internal', message: 'internal error (a bug); quote the request id', details: { requestId } },
    };
    return c.json(body, 500);
  }
  const body: ErrorBody = { error: { code: known.code, message: known.message, details: known.details ?? null } };
  return c.json(body, known.status as 400);
}

/** The JSON 404 for unknown API paths. */
export function apiNotFound(c: Context<ApiEnv>): Response {
  const body: ErrorBody = {
    error: { code: 'not_found', message: `no route ${c.req.method} ${new URL(c.req.url).pathname}`, details: null },
  };
  return c.json(body, 404);
}
