import { createHash } from 'node:crypto';
import type { ChangeMarker } from '../store/database.ts';

/** How long an entry may be used on SQLite, whose change marker sees every writer (bounds token last-use lag). */
export const EXACT_MAX_AGE_MS = 30_000;

/**
 * How long an entry may be used on PostgreSQL, where writes by other processes (the CLI, other servers) are not
 * seen: a token revoked or a membership changed elsewhere takes effect within this time; changes made through
 * this process take effect at once.
 */
export const INEXACT_MAX_AGE_MS = 1_000;

const MAX_ENTRIES = 10_000;

/**
 * A per-process cache of values read from the store for every request — the caller behind a token or session
 * cookie, case memberships, a case's compiled redaction policy. All entries are dropped together as soon as
 * the store's {@link ChangeMarker} moves (any write through this process; on SQLite also any commit by
 * another process), checked by {@link StoreCache.sync} at the start of every request, and each entry is
 * used for a bounded time only. Concurrent misses share one load; a failed or empty (`undefined`) load is
 * not kept.
 *
 * @example
 * const cache = new StoreCache(store.changes);
 * cache.sync();
 * const membership = await cache.get(`member:${caseId}:${userId}`, () => getMembership(db, caseId, userId));
 */
export class StoreCache {
  readonly #changes: ChangeMarker;
  readonly #maxAgeMs: number;
  readonly #entries = new Map<string, { readonly value: Promise<unknown>; readonly at: number }>();
  #marker: string | undefined;

  constructor(changes: ChangeMarker, maxAgeMs = changes.exact ? EXACT_MAX_AGE_MS : INEXACT_MAX_AGE_MS) {
    this.#changes = changes;
    this.#maxAgeMs = maxAgeMs;
  }

  /**
   * Drops everything if the store changed since the last call. Called once at the start of each request,
   * so a request sees the cache as of its start (as if it had read the store then).
   */
  sync(): void {
    const marker = this.#changes.current();
    if (marker !== this.#marker) {
      this.#entries.clear();
      this.#marker = marker;
    }
  }

  /** The cached value for `key`, or the result of `load()` (kept unless undefined or failed). */
  get<T>(key: string, load: () => Promise<T>): Promise<T> {
    const now = performance.now();
    const hit = this.#entries.get(key);
    if (hit !== undefined && now - hit.at < this.#maxAgeMs) return hit.value as Promise<T>;
    if (this.#entries.size >= MAX_ENTRIES) this.#entries.clear();
    const value = load();
    const entry = { value, at: now };
    this.#entries.set(key, entry);
    const forget = (): void => {
      if (this.#entries.get(key) === entry) this.#entries.delete(key);
    };
    value.then((v) => {
      if (v === undefined) forget();
    }, forget);
    return value;
  }

  /** Drops everything (sign-out, revocation: the marker moves too, this makes it explicit). */
  clear(): void {
    this.#entries.clear();
  }
}

/** Cache key of a secret (token, session cookie): its SHA-256, so the cache never holds secrets. */
export function secretKey(kind: string, secret: string): string {
  return `${kind}:${createHash('sha256').update(secret).digest('base64url')}`;
}
