/**
 * The board's filters as they travel in its URL query. Pure, so the entry can ask for the board's first page
 * (with the same filters the board will show) before React and the views have loaded.
 */
import type { BoardFilters } from '../api/types.ts';

/** Filter keys as they travel in the board's URL. */
export const FILTER_KEYS = ['status', 'decision', 'event', 'place', 'actor', 'from', 'to', 'sort'] as const;

/** The board's filters read from the URL query (empty values dropped). */
export function filtersFrom(search: URLSearchParams): BoardFilters {
  const out: Record<string, string> = {};
  for (const key of FILTER_KEYS) {
    const v = search.get(key);
    if (v !== null && v !== '') out[key] = v;
  }
  return out;
}

/** One string per distinct set of filters, in a fixed key order. */
export function filtersKey(filters: BoardFilters): string {
  return FILTER_KEYS.map((k) => `${k}=${filters[k] ?? ''}`).join('&');
}
