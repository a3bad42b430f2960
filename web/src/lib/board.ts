import type { AllegationSummary, BoardFilters } from '../api/types.ts';

/**
 * The board's filters and sorts as pure functions over allegation summaries. The server filters what its
 * list endpoint supports; these apply every filter again in the browser so a filter the server ignores
 * still holds (tested in test/web/lib/board.test.ts).
 */

/** Filters that the list endpoint may not apply itself: with any of them on, the board loads every page. */
export const CLIENT_FILTERS = ['decision', 'event', 'place', 'actor', 'from', 'to'] as const;

function fold(s: string): string {
  return s.normalize('NFKD').replace(/\p{M}/gu, '').toLowerCase();
}

/** True when `a` passes every filter that is set. */
export function matches(a: AllegationSummary, f: BoardFilters): boolean {
  if (f.status !== undefined) {
    const s = f.status.replace(/-/g, '_');
    const ok = s === 'disputed' ? a.disputed : s === 'not_confirmed' ? a.notConfirmed : a.status === s;
    if (!ok) return false;
  }
  if (f.decision !== undefined && a.decision !== f.decision) return false;
  if (f.event !== undefined && a.eventType !== f.event) return false;
  if (f.place !== undefined) {
    const p = fold(f.place);
    if (!a.places.some((x) => fold(x).includes(p))) return false;
  }
  if (f.actor !== undefined) {
    const who = fold(f.actor);
    if (!a.actors.some((x) => fold(x).includes(who)) && !fold(a.statement).includes(who)) return false;
  }
  // Time: the allegation's window [firstSeen, lastActivity] must overlap [from, to].
  const start = a.firstSeen ?? a.lastActivity;
  const end = a.lastActivity ?? a.firstSeen;
  if (f.from !== undefined && (end === null || end.slice(0, 10) < f.from)) return false;
  if (f.to !== undefined && (start === null || start.slice(0, 10) > f.to)) return false;
  return true;
}

/** A sorted copy: most independent origins, latest activity, or widest figure spread first; ties by id. */
export function sortAllegations(
  list: readonly AllegationSummary[],
  sort: BoardFilters['sort'],
): AllegationSummary[] {
  const out = [...list];
  const byId = (x: AllegationSummary, y: AllegationSummary) => (x.id < y.id ? -1 : x.id > y.id ? 1 : 0);
  if (sort === 'activity') {
    out.sort((x, y) => (y.lastActivity ?? '').localeCompare(x.lastActivity ?? '') || byId(x, y));
  } else if (sort === 'spread') {
    out.sort((x, y) => (y.figureSpread ?? -1) - (x.figureSpread ?? -1) || byId(x, y));
  } else if (sort === 'origins') {
    out.sort((x, y) => y.origins - x.origins || y.echoes - x.echoes || byId(x, y));
  }
  return out;
}

/** True when the board must load every page to filter or sort correctly in the browser. */
export function needsAll(f: BoardFilters): boolean {
  return CLIENT_FILTERS.some((k) => f[k] !== undefined) || f.sort !== undefined;
}
