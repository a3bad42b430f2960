import { lazy, Suspense, useEffect, useRef } from 'react';
import { Link, useApp } from './context.tsx';
import { href, match, type Route } from './lib/router.ts';
import { BoardView } from './views/board.tsx';
import { CasesView } from './views/cases.tsx';
import { LoginView } from './views/login.tsx';

// The entry bundle holds the shell, sign-in, cases and the board (the view that must paint first on a large
// case); every other view is its own chunk, loaded when first opened. The map carries the country
// outlines (~100 kB).
const MapView = lazy(() => import('./views/map.tsx').then((m) => ({ default: m.MapView })));
const ReaderView = lazy(() => import('./views/reader.tsx').then((m) => ({ default: m.ReaderView })));
const AllegationView = lazy(() => import('./views/allegation.tsx').then((m) => ({ default: m.AllegationView })));
const InboxView = lazy(() => import('./views/inbox.tsx').then((m) => ({ default: m.InboxView })));
const TimelineView = lazy(() => import('./views/timeline.tsx').then((m) => ({ default: m.TimelineView })));
const SearchView = lazy(() => import('./views/search.tsx').then((m) => ({ default: m.SearchView })));
const CustodyView = lazy(() => import('./views/custody.tsx').then((m) => ({ default: m.CustodyView })));

const CASE_TABS: readonly {
  readonly kind: 'inbox' | 'board' | 'map' | 'timeline' | 'search' | 'custody';
  readonly label: string;
}[] = [
  { kind: 'inbox', label: 'Inbox' },
  { kind: 'board', label: 'Allegations' },
  { kind: 'map', label: 'Map' },
  { kind: 'timeline', label: 'Timeline' },
  { kind: 'search', label: 'Search' },
  { kind: 'custody', label: 'Custody' },
];

function caseOf(route: Route): string | null {
  return 'caseId' in route ? route.caseId : null;
}

function tabOf(route: Route): string {
  if (route.kind === 'reader') return 'inbox';
  if (route.kind === 'allegation') return 'board';
  return route.kind;
}

function View(props: { readonly route: Route }) {
  return (
    <Suspense fallback={<p className="notice">Loading…</p>}>
      <RoutedView route={props.route} />
    </Suspense>
  );
}

function RoutedView(props: { readonly route: Route }) {
  const { route } = props;
  switch (route.kind) {
    case 'login':
      return <LoginView />;
    case 'cases':
      return <CasesView />;
    case 'inbox':
      return <InboxView caseId={route.caseId} />;
    case 'reader':
      return <ReaderView caseId={route.caseId} sourceId={route.sourceId} />;
    case 'board':
      return <BoardView caseId={route.caseId} />;
    case 'allegation':
      return <AllegationView caseId={route.caseId} allegationId={route.allegationId} />;
    case 'map':
      return <MapView caseId={route.caseId} />;
    case 'timeline':
      return <TimelineView caseId={route.caseId} />;
    case 'search':
      return <SearchView caseId={route.caseId} />;
    case 'custody':
      return <CustodyView caseId={route.caseId} />;
    case 'not_found':
      return (
        <section>
          <h1>Not found</h1>
          <p>
            Nothing lives at <code>{route.path}</code>. <Link to="/">Back to cases</Link>
          </p>
        </section>
      );
  }
}

/** The shell: skip link, header with case navigation, and the routed view; sends anonymous users to sign in. */
export function App() {
  const { session, path, navigate, api, setSession } = useApp();
  const route = session === null ? ({ kind: 'login' } as const) : match(path);
  const caseId = caseOf(route);
  const main = useRef<HTMLElement>(null);

  // Move focus to the new view on in-app navigation so keyboard and screen-reader users land on it; a
  // fresh page load keeps the browser's own start (so the skip link is the first Tab stop).
  const initialPath = useRef(path);
  const navigated = useRef(false);
  useEffect(() => {
    if (path !== initialPath.current) navigated.current = true;
    if (navigated.current) main.current?.focus({ preventScroll: true });
  }, [path]);

  const logout = () => {
    void api.logout().finally(() => {
      setSession(null);
      navigate('/login');
    });
  };

  return (
    <>
      <a className="skip" href="#main">
        Skip to content
      </a>
      <header className="top">
        <Link to="/" className="brand">
          Corroborate
        </Link>
        {caseId !== null && (
          <nav aria-label="Case" className="tabs">
            {CASE_TABS.map((tab) => {
              const to = href({ kind: tab.kind, caseId });
              const current = tabOf(route) === tab.kind;
              return (
                <Link key={tab.kind} to={to} className="tab" aria-current={current ? 'page' : undefined}>
                  {tab.label}
                </Link>
              );
            })}
          </nav>
        )}
        {session !== null && (
          <div className="who">
            <span>{session.user.name}</span>
            <button type="button" className="link" onClick={logout}>
              Sign out
            </button>
          </div>
        )}
      </header>
      <main id="main" ref={main} tabIndex={-1}>
        <View route={route} />
      </main>
    </>
  );
}
