import { createHash } from 'node:crypto';
import type { Context, MiddlewareHandler } from 'hono';
import { CorroborateError } from '../errors.ts';
import type { ApiEnv } from './context.ts';
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
  return json.replace(/[<>&\u2028\u2029]/g, (ch) => JSON_ESCAPES[ch] ?? ch);
}

function isJson(type: string): boolean {
  return /^application\/(.+\+)?json\b/i.test(type);
}

function isText(type: string): boolean {
  return /^text\//i.test(type) || /^application\/(geo\+)?json|^application\/ld\+json|csv/i.test(type);
}

/** Weak ETag of a body as sent to this caller (after redaction, so per-clearance). */
export function etagOf(body: string | Uint8Array): string {
  return `W/"${createHash('sha256').update(body).digest('base64url').slice(0, 27)}"`;
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

/**
 * Runs after every API handler, in this order: redaction of protected material for callers without
 * clearance (JSON structurally, other text by terms; binary bodies must be cleared by their handler or are
 * refused), a custody entry when a cleared caller read protected material, markup-free JSON escaping, and
 * ETag / If-None-Match (304) on successful reads.
 */
export function finalizeResponses(deps: ApiDeps): MiddlewareHandler<ApiEnv> {
  return async (c, next) => {
    await next();
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
        await deps.custody({
          actor: `user:${principal.user.name}`,
          action: 'protected.read',
          objectType: 'case',
          objectId: access.caseId,
          caseId: access.caseId,
          payload: {
            route: `${c.req.method} ${c.req.routePath}`,
            protections: [...hits].sort(),
            requestId: c.get('requestId'),
          },
        });
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
  };
}
