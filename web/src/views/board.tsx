import { useVirtualizer } from '@tanstack/react-virtual';
import { useCallback, useEffect, useMemo, useRef, useState, type FormEvent } from 'react';
import { FIRST_BOARD_PAGE, settle, type EarlyBoardPage } from '../api/early.ts';
import type { AllegationSummary } from '../api/types.ts';
import { Badge, humanise, LoadState, StatusBadge } from '../components.tsx';
import { Link, useApp, useLoad } from '../context.tsx';
import { FILTER_KEYS, filtersFrom, filtersKey } from '../lib/board-filters.ts';
import { href, withQuery } from '../lib/router.ts';

const STATUSES = [
  'single_origin',
  'multiple_origins',
  'independently_corroborated',
  'disputed',
  'not_confirmed',
];
const DECISIONS = ['none', 'verified', 'refuted', 'needs_more_evidence'];
const EVENTS = [
  'killing_of_civilians',
  'execution',
  'torture_ill_treatment',
  'sexual_violence',
  'enforced_disappearance_detention',
  'deportation_forced_transfer',
  'attack_on_civilians',
  'destruction_of_property',
  'obstruction_of_humanitarian_access',
  'concealment_of_evidence',
  'other',
];

// Lets bench/web.ts read when the first card was painted (Element Timing API; not in React's types).
const ELEMENT_TIMING = { elementtiming: 'allegation-card' } as Record<string, string>;

/** Place names arrive folded to lower case from the assessment; show them capitalised. */
function titleCase(name: string): string {
  return name.replace(/(^|[\s-])(\p{Ll})/gu, (_m, sep: string, c: string) => sep + c.toUpperCase());
}

/** A figure range as words: "12–30 civilians". */
function figureText(r: NonNullable<AllegationSummary['figureRange']>): string | null {
  const fmt = (n: number) => n.toLocaleString('en');
  if (r.min === null && r.max === null) return null;
  const range = r.min !== null && r.max !== null && r.min !== r.max ? `${fmt(r.min)}–${fmt(r.max)}` : fmt((r.min ?? r.max) as number);
  return r.counts === null ? range : `${range} ${r.counts.replace(/_/g, ' ').toLowerCase()}`;
}

function plural(n: number, one: string, many: string): string {
  return n === 1 ? one : many;
}

function Card(props: {
  readonly caseId: string;
  readonly a: AllegationSummary;
  /** Place in the feed (1-based) and its size, -1 while more pages may follow. */
  readonly position: number;
  readonly size: number;
}) {
  const a = props.a;
  const figures = a.figureRange === null ? null : figureText(a.figureRange);
  return (
    <article
      className="card allegation-card"
      data-testid="allegation-card"
      aria-posinset={props.position}
      aria-setsize={props.size}
    >
      <h2 {...ELEMENT_TIMING}>
        <Link to={href({ kind: 'allegation', caseId: props.caseId, allegationId: a.id })}>
          {a.statement || a.id}
        </Link>
      </h2>
      <p className="status-line">
        <StatusBadge status={a.status} />
        {a.disputed && <Badge tone="bad">Disputed</Badge>}
        {a.notConfirmed && <Badge tone="mid">Not confirmed</Badge>}
        {a.decision !== 'none' && <Badge tone="mid">Decision: {humanise(a.decision)}</Badge>}
      </p>
      {a.topReason !== null && (
        <p className="reason" data-testid="top-reason">
          {a.topReason}
        </p>
      )}
      <p className="counts" data-testid="card-counts">
        <span>
          <strong>{a.origins}</strong> independent {plural(a.origins, 'origin', 'origins')}
        </span>
        <span>
          <strong>{a.echoes}</strong> {plural(a.echoes, 'echo', 'echoes')}
        </span>
        {a.denials !== null && (
          <span>
            <strong>{a.denials}</strong> {plural(a.denials, 'denial', 'denials')}
          </span>
        )}
        {a.notConfirmingCount !== null && a.notConfirmingCount > 0 && (
          <span>
            <strong>{a.notConfirmingCount}</strong> not confirming
          </span>
        )}
        {figures !== null && (
          <span>
            Figures: <strong>{figures}</strong>
          </span>
        )}
      </p>
      <p className="meta card-meta">
        {a.eventType !== null && <span>{humanise(a.eventType)}</span>}
        {a.places.length > 0 && <span>{a.places.slice(0, 3).map(titleCase).join(', ')}</span>}
        {a.actors.length > 0 && <span>Actors: {a.actors.slice(0, 3).join(', ')}{a.actors.length > 3 ? ' …' : ''}</span>}
      </p>
    </article>
  );
}

/** The early first page when it was asked with this case and these filters and no board has used it yet. */
function earlyFor(early: EarlyBoardPage | null, caseId: string, filterKey: string): EarlyBoardPage | null {
  return early !== null && !early.taken && early.caseId === caseId && early.key === filterKey ? early : null;
}

/** The allegations board: URL-held filters and sort, and a virtualised list that pages in as it scrolls. */
export function BoardView(props: { readonly caseId: string }) {
  const { api, search, navigate, path, early } = useApp();
  const filters = filtersFrom(search);
  const filterKey = filtersKey(filters);
  // The first page the entry asked for while the app was loading: when it has arrived, the first render
  // already shows its cards; when it is on its way, the first load waits for it instead of asking again.
  const [earlyPage] = useState(() => earlyFor(early, props.caseId, filterKey));
  const initial = earlyPage?.answer;
  const [loaded, setLoaded] = useState<readonly AllegationSummary[]>(initial?.items ?? []);
  const [next, setNext] = useState<string | null>(initial?.next ?? null);
  const [total, setTotal] = useState<number | null>(initial?.total ?? null);
  const [loading, setLoading] = useState(initial === undefined);
  const [error, setError] = useState<Error | undefined>(undefined);
  const fetching = useRef(false);
  const generation = useRef(0);
  // The actor filter offers the case's actor registry (after the first paint: it is not needed for it).
  const registry = useLoad(() => api.actorRegistry(props.caseId), `actors:${props.caseId}`);
  const actorName = useMemo(() => new Map((registry.data ?? []).map((a) => [a.id, a.name])), [registry.data]);

  // The server filters and sorts (status, decision, event type, place, actor, period; origins, last
  // activity, figure spread) and pages with a cursor: the board only asks for the next page near the end.
  useEffect(() => {
    const gen = (generation.current += 1);
    // Used once: a board opened again later (or with other filters) asks the server afresh.
    const useEarly = earlyPage !== null && earlyPage === earlyFor(early, props.caseId, filterKey);
    if (early !== null) early.taken = true;
    if (useEarly && initial !== undefined) return;
    setLoading(true);
    setError(undefined);
    setLoaded([]);
    fetching.current = true;
    const request =
      useEarly && earlyPage !== null
        ? earlyPage.request
        : settle(api.allegations(props.caseId, filters, null, FIRST_BOARD_PAGE));
    void request.then((result) => {
      if (gen !== generation.current) return;
      if (result.ok) {
        setLoaded(result.value.items);
        setNext(result.value.next);
        setTotal(result.value.total);
      } else {
        setError(result.error instanceof Error ? result.error : new Error(String(result.error)));
      }
      setLoading(false);
      fetching.current = false;
    });
  }, [api, props.caseId, filterKey]);

  const loadMore = useCallback(() => {
    if (next === null || fetching.current) return;
    fetching.current = true;
    const gen = generation.current;
    api.allegations(props.caseId, filters, next, 200).then(
      (page) => {
        if (gen !== generation.current) return;
        setLoaded((list) => [...list, ...page.items]);
        setNext(page.next);
        fetching.current = false;
      },
      (e: unknown) => {
        if (gen !== generation.current) return;
        setError(e instanceof Error ? e : new Error(String(e)));
        fetching.current = false;
      },
    );
  }, [api, props.caseId, filterKey, next]);

  const items = loaded;
  const parent = useRef<HTMLDivElement>(null);
  const virtual = useVirtualizer({
    count: items.length,
    getScrollElement: () => parent.current,
    estimateSize: () => 150,
    overscan: 8,
    // The list is 70vh tall (styles.css): with this first guess the cards are in the first render rather
    // than in a second one after the list has been measured.
    initialRect: { width: window.innerWidth, height: Math.round(window.innerHeight * 0.7) },
  });
  const rows = virtual.getVirtualItems();
  const lastIndex = rows[rows.length - 1]?.index ?? 0;
  useEffect(() => {
    if (loading) return;
    if (lastIndex >= items.length - 20) loadMore();
  }, [lastIndex, items.length, loadMore, loading]);

  const apply = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const data = new FormData(event.currentTarget);
    const params: Record<string, string> = {};
    for (const k of FILTER_KEYS) {
      const v = data.get(k);
      if (typeof v === 'string' && v.trim() !== '') params[k] = v.trim();
    }
    navigate(withQuery(path, params));
  };
  const active = FILTER_KEYS.filter((k) => k !== 'sort' && filters[k] !== undefined);

  return (
    <section className="board">
      <h1>
        Allegations{' '}
        <span className="meta" aria-live="polite">
          {total !== null
            ? `${total.toLocaleString('en')} total`
            : `${items.length.toLocaleString('en')}${next !== null ? '+' : ''} ${active.length > 0 ? 'matching' : 'loaded'}`}
        </span>
      </h1>
      <form
        className="filters"
        onSubmit={apply}
        key={`${filterKey}${filters.actor !== undefined && actorName.has(filters.actor) ? '|named' : ''}`}
        aria-label="Filters"
      >
        <label>
          Status
          <select name="status" defaultValue={filters.status ?? ''}>
            <option value="">any</option>
            {STATUSES.map((s) => (
              <option key={s} value={s}>
                {humanise(s)}
              </option>
            ))}
          </select>
        </label>
        <label>
          Decision
          <select name="decision" defaultValue={filters.decision ?? ''}>
            <option value="">any</option>
            {DECISIONS.map((s) => (
              <option key={s} value={s}>
                {humanise(s)}
              </option>
            ))}
          </select>
        </label>
        <label>
          Event type
          <select name="event" defaultValue={filters.event ?? ''}>
            <option value="">any</option>
            {EVENTS.map((s) => (
              <option key={s} value={s}>
                {humanise(s)}
              </option>
            ))}
          </select>
        </label>
        <label>
          Place
          <input name="place" defaultValue={filters.place ?? ''} />
        </label>
        <label>
          Actor
          <input
            name="actor"
            list="board-actors"
            autoComplete="off"
            defaultValue={filters.actor === undefined ? '' : (actorName.get(filters.actor) ?? filters.actor)}
          />
          <datalist id="board-actors" data-testid="actor-options">
            {(registry.data ?? []).map((a) => (
              <option key={a.id} value={a.name} />
            ))}
          </datalist>
        </label>
        <label>
          From
          <input name="from" type="date" defaultValue={filters.from ?? ''} />
        </label>
        <label>
          To
          <input name="to" type="date" defaultValue={filters.to ?? ''} />
        </label>
        <label>
          Sort by
          <select name="sort" defaultValue={filters.sort ?? ''}>
            <option value="">First reported</option>
            <option value="origins">Independent origins</option>
            <option value="activity">Last activity</option>
            <option value="spread">Figure spread</option>
          </select>
        </label>
        <div className="actions">
          <button type="submit">Apply</button>
          {active.length > 0 && (
            <button type="button" className="secondary" onClick={() => navigate(path)}>
              Clear filters
            </button>
          )}
        </div>
      </form>
      {active.length > 0 && (
        <p className="active-filters" data-testid="active-filters">
          Filtered by{' '}
          {active.map((k) => (
            <Badge key={k}>
              {k}: {k === 'actor' ? (actorName.get(filters[k] ?? '') ?? filters[k]) : filters[k]}
            </Badge>
          ))}
        </p>
      )}
      <LoadState
        loading={loading}
        error={error}
        empty={!loading && items.length === 0}
        emptyText="No allegations match."
      />
      <div
        ref={parent}
        className="board-list"
        data-testid="board-list"
        role="feed"
        aria-busy={loading}
        aria-label="Allegations"
      >
        <div className="virtual-inner" style={{ height: virtual.getTotalSize() }}>
          {rows.map((row) => {
            const a = items[row.index];
            if (a === undefined) return null;
            return (
              <div
                key={a.id}
                data-index={row.index}
                ref={virtual.measureElement}
                className="virtual-row"
                style={{ transform: `translateY(${row.start}px)` }}
              >
                <Card caseId={props.caseId} a={a} position={row.index + 1} size={total ?? (next === null ? items.length : -1)} />
              </div>
            );
          })}
        </div>
      </div>
    </section>
  );
}
