import {
  createContext,
  useCallback,
  useContext,
  useEffect,
  useState,
  type MouseEvent,
  type ReactNode,
} from 'react';
import type { ApiClient } from './api/client.ts';
import type { EarlyBoardPage } from './api/early.ts';
import type { Role, Session, SourceSummary } from './api/types.ts';

/** What every view gets: the API client, the session, the current location and a way to move. */
export interface AppContextValue {
  readonly api: ApiClient;
  readonly session: Session | null;
  readonly setSession: (session: Session | null) => void;
  readonly path: string;
  readonly search: URLSearchParams;
  readonly navigate: (to: string, options?: { readonly replace?: boolean }) => void;
  /** The board's first page when the entry asked for it before the app loaded (see main.tsx). */
  readonly early: EarlyBoardPage | null;
}

const AppContext = createContext<AppContextValue | null>(null);

/** The signed-in user's role on a case: `admin` for administrators, null when not a member. */
export function roleOn(session: Session | null, caseId: string): Role | null {
  if (session === null) return null;
  if (session.user.admin) return 'admin';
  return session.roles[caseId] ?? null;
}

/** Reads the app context; views are always rendered inside {@link AppProvider}. */
export function useApp(): AppContextValue {
  const value = useContext(AppContext);
  if (value === null) throw new Error('useApp outside AppProvider');
  return value;
}

/** Holds the location (History API) and session for the whole app. */
export function AppProvider(props: {
  readonly api: ApiClient;
  readonly initialSession: Session | null;
  readonly early?: EarlyBoardPage | null;
  readonly children: ReactNode;
}) {
  const [location, setLocation] = useState(() => ({
    path: window.location.pathname,
    search: window.location.search,
  }));
  const [session, setSession] = useState<Session | null>(props.initialSession);

  useEffect(() => {
    const onPop = () => setLocation({ path: window.location.pathname, search: window.location.search });
    window.addEventListener('popstate', onPop);
    return () => window.removeEventListener('popstate', onPop);
  }, []);

  const navigate = useCallback((to: string, options?: { readonly replace?: boolean }) => {
    const url = new URL(to, window.location.origin);
    if (options?.replace) window.history.replaceState(null, '', url);
    else window.history.pushState(null, '', url);
    setLocation({ path: url.pathname, search: url.search });
    if (!options?.replace) window.scrollTo(0, 0);
  }, []);

  const value: AppContextValue = {
    api: props.api,
    session,
    setSession,
    path: location.path,
    search: new URLSearchParams(location.search),
    navigate,
    early: props.early ?? null,
  };
  return <AppContext.Provider value={value}>{props.children}</AppContext.Provider>;
}

/** An in-app link: a real `<a href>` (so it opens in a new tab and reads right to screen readers). */
export function Link(props: {
  readonly to: string;
  readonly className?: string;
  readonly children: ReactNode;
  readonly 'aria-current'?: 'page' | undefined;
}) {
  const { navigate } = useApp();
  const onClick = (event: MouseEvent<HTMLAnchorElement>) => {
    if (event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
    event.preventDefault();
    navigate(props.to);
  };
  return (
    <a href={props.to} className={props.className} onClick={onClick} aria-current={props['aria-current']}>
      {props.children}
    </a>
  );
}

/** State of one asynchronous load. */
export interface Loaded<T> {
  readonly data: T | undefined;
  readonly error: Error | undefined;
  readonly loading: boolean;
  readonly reload: () => void;
}

/** Runs `load` whenever `key` changes; ignores answers that arrive after a newer load started. */
export function useLoad<T>(load: () => Promise<T>, key: string): Loaded<T> {
  const [state, setState] = useState<{ data: T | undefined; error: Error | undefined; loading: boolean }>({
    data: undefined,
    error: undefined,
    loading: true,
  });
  const [tick, setTick] = useState(0);
  useEffect(() => {
    let live = true;
    setState((s) => ({ ...s, loading: true, error: undefined }));
    load().then(
      (data) => {
        if (live) setState({ data, error: undefined, loading: false });
      },
      (error: unknown) => {
        if (live)
          setState({
            data: undefined,
            error: error instanceof Error ? error : new Error(String(error)),
            loading: false,
          });
      },
    );
    return () => {
      live = false;
    };
    // `load` is recreated every render; `key` says when it means something new.
  }, [key, tick]);
  return { ...state, reload: () => setTick((t) => t + 1) };
}

/** Sources of a case by id (first pages only), to show titles, outlets and dates next to source ids. */
export function useSourceIndex(caseId: string): ReadonlyMap<string, SourceSummary> {
  const { api } = useApp();
  const loaded = useLoad(async () => {
    const out: SourceSummary[] = [];
    let cursor: string | null = null;
    for (let i = 0; i < 10; i += 1) {
      const page: Awaited<ReturnType<typeof api.sources>> = await api.sources(caseId, cursor);
      out.push(...page.items);
      if (page.next === null) break;
      cursor = page.next;
    }
    return new Map(out.map((s) => [s.id, s]));
  }, `source-index:${caseId}`);
  return loaded.data ?? EMPTY_INDEX;
}

const EMPTY_INDEX: ReadonlyMap<string, SourceSummary> = new Map();

/** A readable name for a source: its title, else its outlet, else "Untitled source". */
export function sourceName(index: ReadonlyMap<string, SourceSummary>, id: string): string {
  const s = index.get(id);
  return s?.title ?? s?.outlet ?? (s === undefined ? id : 'Untitled source');
}
