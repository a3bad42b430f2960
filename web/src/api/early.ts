import type { ApiClient } from './client.ts';
import type { AllegationSummary, Page } from './types.ts';
import { filtersFrom, filtersKey } from '../lib/board-filters.ts';
import { match } from '../lib/router.ts';

/** How many cards the board asks for first (then 200 more each time the list nears its end). */
export const FIRST_BOARD_PAGE = 100;

/** An answer that never rejects, so a request nobody ends up reading cannot raise an unhandled rejection. */
export type Settled<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: unknown };

/**
 * The board's first page, asked for by the entry while the app's code is still downloading. `answer` is
 * filled in when it arrives, so a board mounted after that paints its cards in its first render.
 */
export interface EarlyBoardPage {
  readonly caseId: string;
  /** {@link filtersKey} of the filters it was asked with. */
  readonly key: string;
  readonly request: Promise<Settled<Page<AllegationSummary>>>;
  answer: Page<AllegationSummary> | undefined;
  /** Set by the first board that mounts: later boards ask the server afresh rather than show old cards. */
  taken: boolean;
}

/** `promise` as a {@link Settled} answer. */
export function settle<T>(promise: Promise<T>): Promise<Settled<T>> {
  return promise.then(
    (value) => ({ ok: true, value }) as const,
    (error: unknown) => ({ ok: false, error }) as const,
  );
}

/**
 * Starts the board's first page for `location` when it is a board; null otherwise. It is asked for at the
 * same time as the session (not after it), so both answers are in before the app's code has loaded; a
 * browser without the session's cookies never asks (see {@link ApiClient.signedIn}).
 */
export function requestEarlyBoardPage(
  api: ApiClient,
  location: { readonly pathname: string; readonly search: string },
): EarlyBoardPage | null {
  const route = match(location.pathname);
  if (route.kind !== 'board' || !api.signedIn()) return null;
  const filters = filtersFrom(new URLSearchParams(location.search));
  const early: EarlyBoardPage = {
    caseId: route.caseId,
    key: filtersKey(filters),
    request: settle(api.allegations(route.caseId, filters, null, FIRST_BOARD_PAGE)),
    answer: undefined,
    taken: false,
  };
  void early.request.then((r) => {
    if (r.ok) early.answer = r.value;
  });
  return early;
}
