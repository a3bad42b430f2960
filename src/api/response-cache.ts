import type { MiddlewareHandler } from 'hono';
import type { ChangeMarker } from '../store/database.ts';
import { EXACT_MAX_AGE_MS } from './cache.ts';
import type { ApiEnv, FinishedJson } from './context.ts';
import { replayJson } from './finalize.ts';

interface Entry {
  readonly json: FinishedJson;
  readonly at: number;
}

/**
 * Finished JSON responses of case reads (GET, 200), per caller, replayed until anything is written to the
 * store. Only on stores whose change marker sees every writer (SQLite: this process's writes and any other
 * process's commits), so a replayed response is what the handler would answer now; entries also expire after
 * {@link EXACT_MAX_AGE_MS}. The key is the caller (user, and the token, whose case scope can narrow a
 * listing) and the full path with its query; authentication and the access guard run before every lookup,
 * so a caller who lost access is refused as before. Reads of protected material by cleared callers are
 * never kept: each one must reach the custody log. Bounded by bytes; the oldest entries go first.
 *
 * @example
 * const responses = new ResponseCache(store.changes, 64 * 1024 * 1024);
 * app.openapi({ ...route, middleware: [guard(access), responses.middleware()] }, handler);
 */
export class ResponseCache {
  readonly #changes: ChangeMarker;
  readonly #maxBytes: number;
  readonly #entries = new Map<string, Entry>();
  #bytes = 0;
  #marker: string | undefined;

  constructor(changes: ChangeMarker, maxBytes: number) {
    this.#changes = changes;
    this.#maxBytes = changes.exact ? maxBytes : 0;
  }

  /** True when responses are kept at all (a positive budget on a store with an exact change marker). */
  get enabled(): boolean {
    return this.#maxBytes > 0;
  }

  #sync(): string {
    const marker = this.#changes.current();
    if (marker !== this.#marker) {
      this.#entries.clear();
      this.#bytes = 0;
      this.#marker = marker;
    }
    return marker;
  }

  #remember(key: string, json: FinishedJson): void {
    const size = json.body.byteLength + key.length;
    if (size > this.#maxBytes / 16) return;
    this.#forget(key);
    while (this.#bytes + size > this.#maxBytes) {
      const oldest = this.#entries.keys().next().value;
      if (oldest === undefined) break;
      this.#forget(oldest);
    }
    this.#entries.set(key, { json, at: performance.now() });
    this.#bytes += size;
  }

  #forget(key: string): void {
    const entry = this.#entries.get(key);
    if (entry === undefined) return;
    this.#entries.delete(key);
    this.#bytes -= entry.json.body.byteLength + key.length;
  }

  /** The route middleware (after the access guard): replays a kept response or keeps the one made now. */
  middleware(): MiddlewareHandler<ApiEnv> {
    return async (c, next) => {
      const principal = c.get('principal');
      if (!this.enabled || c.req.method !== 'GET' || principal === undefined) return next();
      const marker = this.#sync();
      const url = c.req.url;
      const key = `${principal.user.id}\u0000${principal.token?.id ?? ''}\u0000${url.slice(url.indexOf('/', url.indexOf('//') + 2))}`;
      const hit = this.#entries.get(key);
      if (hit !== undefined && performance.now() - hit.at < EXACT_MAX_AGE_MS) {
        c.res = replayJson(c, hit.json);
        return;
      }
      c.set('finishedJson', undefined);
      await next();
      const json = c.get('finishedJson');
      // Kept only when nothing was written while the handler ran (it read the store as it is now).
      if (json !== undefined && json.status === 200 && !json.readProtected && this.#changes.current() === marker) {
        this.#remember(key, json);
      }
    };
  }
}
