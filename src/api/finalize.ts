import { hash } from 'node:crypto';
import type { Context, MiddlewareHandler } from 'hono';
import { CorroborateError } from '../errors.ts';
import type { ApiEnv, FinishedJson } from './context.ts';
import type { ApiDeps } from './deps.ts';
import { isEmptyPolicy, redactJson, redactText } from './redaction.ts';

const JSON_ESCAPES: Readonly<Record<string, string>> = {
  '<': '\\u003c',
  '>': '\\u003e',
  '&': '\\u0026',
  '\u2028': '\\u2028',
  '\u2029': '\\u2029',
};

/**
 * Escapes `<`, `>`, `&` and the JavaScript line separators inside serialised JSON. They can only occur in
 * strings, where the escapes mean the same, so the bytes of a JSON response never contain markup even when
 * a captured text does.
 */
export function escapeJson(json: string): string {
  return MARKUP.test(json) ? json.replace(MARKUP_ALL, (ch) => JSON_ESCAPES[ch] ?? ch) : json;
}

const MARKUP = /[<>&\u2028\u2029]/;
const MARKUP_ALL = /[<>&\u2028\u2029]/g;

function isJson(type: string): boolean {
  return /^application\/(.+\+)?json\b/i.test(type);
}

function isText(type: string): boolean {
  return /^text\//i.test(type) || /^application\/(geo\+)?json|^application\/ld\+json|csv/i.test(type);
}

/** Weak ETag of a body as sent to this caller (after redaction, so per-clearance). */
export function etagOf(body: string | Uint8Array): string {
  return `W/"${hash('sha256', body, 'base64url').slice(0, 27)}"`;
}

function matchesEtag(header: string | undefined, etag: string): boolean {
  if (header === undefined) return false;
  return header
    .split(',')
    .map((t) => t.trim().replace(/^W\//, ''))
    .includes(etag.replace(/^W\//, ''));
}

function replaceBody(c: Context<ApiEnv>, body: string | null, status?: number): void {
  const headers = new Headers(c.res.headers);
  headers.delete('content-length');
  c.res.headers.delete('content-length');
  const res = new Response(body, { status: status ?? c.res.status, headers });
  c.res = res;
}

/** Responses made by the JSON path of {@link finalizeResponses} (already redacted, escaped and tagged). */
const finished = new WeakSet<Response>();

/**
 * The response for a finished JSON body: 304 when it carries an ETag the client already holds. Used by
 * the finalizer and to replay a cached response (which must not be finished twice).
 */
export function replayJson(c: Context<ApiEnv>, json: FinishedJson, arg?: number | ResponseInit): Response {
  const etag = json.headers.etag;
  const res =
    typeof etag === 'string' && matchesEtag(c.req.header('if-none-match'), etag)
      ? c.newResponse(null, 304, json.headers)
      : c.newResponse(json.body, (arg ?? json.status) as never, json.headers);
  finished.add(res);
  return res;
}

/**
 * JSON a handler has already serialised — exactly `JSON.stringify(value())` — for `c.json`: sent as it is
 * unless the caller's view must be redacted, and its value built only for the redaction walk.
 *
 * @example
 * const page = await listAttributionsJson(db, params);
 * return c.json(new PreparedJson(page.text, page.page), 200);
 */
export class PreparedJson {
  readonly text: string;
  readonly value: () => unknown;

  constructor(text: string, value: () => unknown) {
    this.text = text;
    this.value = value;
  }
}

type JsonArg = number | ResponseInit | undefined;
type JsonHeaders = Record<string, string | string[]> | undefined;

/**
 * Makes every API response safe and cacheable, in one place that no handler can skip:
 * - redaction of protected material for callers without clearance (JSON structurally, other text by terms;
 *   binary bodies must be cleared by their handler or are refused), with `X-Corroborate-Redacted`;
 * - a custody entry when a cleared caller read protected material;
 * - markup-free JSON escaping;
 * - a weak ETag (SHA-256 of the bytes sent) and `If-None-Match` → 304 on successful GETs.
 * JSON is finished inside `c.json` itself, so the object is serialised once and the body never re-read;
 * other text bodies (HTML, CSV) are finished after the handler.
 */
export function finalizeResponses(deps: ApiDeps): MiddlewareHandler<ApiEnv> {
  return async (c, next) => {
    let readProtected: ReadonlySet<string> | undefined;
    const json = (object: unknown, arg?: JsonArg, headers?: JsonHeaders): Response => {
      const status = (typeof arg === 'number' ? arg : arg?.status) ?? 200;
      const access = c.get('caseAccess');
      const extra: Record<string, string | string[]> = { 'content-type': 'application/json', ...headers };
      const prepared = object instanceof PreparedJson ? object : undefined;
      let text: string | undefined = prepared?.text;
      if (access !== undefined && !isEmptyPolicy(access.policy)) {
        const result = redactJson(prepared === undefined ? object : prepared.value(), access.policy);
        if (!access.cleared) {
          text = JSON.stringify(result.value);
          if (result.hits.size > 0) extra['x-corroborate-redacted'] = String(result.hits.size);
        } else if (result.hits.size > 0 && status < 400) {
          readProtected = result.hits;
        }
      }
      const body = Buffer.from(escapeJson(text ?? JSON.stringify(object)), 'utf8');
      if (c.req.method === 'GET' && status === 200) {
        extra.etag = etagOf(body);
        extra['cache-control'] = 'private, no-cache';
      }
      const finishedJson = { status, body, headers: extra, readProtected: readProtected !== undefined };
      c.set('finishedJson', finishedJson);
      return replayJson(c, finishedJson, arg);
    };
    c.json = json as unknown as typeof c.json;
    await next();
    if (finished.has(c.res)) {
      const principal = c.get('principal');
      const access = c.get('caseAccess');
      if (readProtected !== undefined && principal !== undefined && access !== undefined && c.res.status < 400) {
        await logProtectedRead(deps, c, principal.user.name, access.caseId, readProtected);
      }
      return;
    }
    await finishOther(deps, c);
  };
}

async function logProtectedRead(
  deps: ApiDeps,
  c: Context<ApiEnv>,
  userName: string,
  caseId: string,
  hits: ReadonlySet<string>,
): Promise<void> {
  await deps.custody({
    actor: `user:${userName}`,
    action: 'protected.read',
    objectType: 'case',
    objectId: caseId,
    caseId,
    payload: {
      route: `${c.req.method} ${c.req.routePath}`,
      protections: [...hits].sort(),
      requestId: c.get('requestId'),
    },
  });
}

/** The finalizer for bodies not made by `c.json`: text (HTML, CSV, JSON downloads) and binary. */
async function finishOther(deps: ApiDeps, c: Context<ApiEnv>): Promise<void> {
  const type = c.res.headers.get('content-type') ?? '';
  const access = c.get('caseAccess');
  const policy = access?.policy;
  const guarded = access !== undefined && policy !== undefined && !isEmptyPolicy(policy);
  const json = isJson(type);
  if (!json && !isText(type)) {
    if (guarded && !access.cleared && c.res.status < 300 && c.res.body !== null && c.get('binaryChecked') !== true) {
      // Fail closed: bytes we cannot inspect are not served to an uncleared caller on a protected case.
      throw new CorroborateError('forbidden', 'this content may contain protected material and cannot be redacted');
    }
    return;
  }
  let text = await c.res.text();
  if (guarded) {
    let hits: ReadonlySet<string>;
    let redacted: string;
    if (json && text !== '') {
      const result = redactJson(JSON.parse(text), policy);
      hits = result.hits;
      redacted = JSON.stringify(result.value);
    } else {
      const result = redactText(text, policy);
      hits = result.hits;
      redacted = result.text;
    }
    const principal = c.get('principal');
    if (!access.cleared) {
      text = redacted;
      if (hits.size > 0) c.header('x-corroborate-redacted', String(hits.size));
    } else if (hits.size > 0 && principal !== undefined && c.res.status < 400) {
      await logProtectedRead(deps, c, principal.user.name, access.caseId, hits);
    }
  }
  if (json) text = escapeJson(text);
  if (c.req.method === 'GET' && c.res.status === 200) {
    const etag = etagOf(text);
    c.header('etag', etag);
    c.header('cache-control', 'private, no-cache');
    if (matchesEtag(c.req.header('if-none-match'), etag)) {
      replaceBody(c, null, 304);
      return;
    }
  }
  replaceBody(c, text);
}
