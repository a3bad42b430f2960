import { CorroborateError } from '../errors.ts';

/** One page of a cursor-paginated listing: pass `nextCursor` back to get the next page; null at the end. */
export interface Page<T> {
  readonly items: readonly T[];
  readonly nextCursor: string | null;
}

/** Default and largest page sizes for every listing. */
export const DEFAULT_PAGE = 50;
export const MAX_PAGE = 500;

/** Clamps a requested page size to 1..{@link MAX_PAGE} (default {@link DEFAULT_PAGE}). */
export function pageLimit(limit: number | undefined): number {
  if (limit === undefined || !Number.isFinite(limit)) return DEFAULT_PAGE;
  return Math.min(MAX_PAGE, Math.max(1, Math.floor(limit)));
}

/** An opaque cursor: base64url of a small JSON object (the last row's sort key). */
export function encodeCursor(key: Readonly<Record<string, string | number>>): string {
  return Buffer.from(JSON.stringify(key), 'utf8').toString('base64url');
}

/** Reads a cursor made by {@link encodeCursor}; null/empty means "from the start"; garbage is a bad request. */
export function decodeCursor(
  cursor: string | null | undefined,
): Readonly<Record<string, string | number>> | null {
  if (cursor === null || cursor === undefined || cursor === '') return null;
  try {
    const value: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (typeof value === 'object' && value !== null && !Array.isArray(value)) {
      return value as Record<string, string | number>;
    }
  } catch {
    // fall through to the error below
  }
  throw new CorroborateError('bad_request', `cursor ${cursor.slice(0, 40)}: not a cursor this server issued`);
}

/**
 * The page for items listed by `id` (fetched with `limit + 1` rows): when more rows exist, the cursor
 * continues after the last item's id.
 */
export function pageById<T extends { readonly id: string }>(items: readonly T[], hasMore: boolean): Page<T> {
  const last = items.at(-1);
  return { items, nextCursor: hasMore && last !== undefined ? encodeCursor({ id: last.id }) : null };
}
