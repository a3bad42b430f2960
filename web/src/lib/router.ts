/**
 * Routes of the workspace: a pure matcher from a path to a {@link Route}, and the inverse `href`. The
 * server answers every non-API path with index.html, so plain History API URLs work and can be shared.
 */

/** Every screen of the workspace. */
export type Route =
  | { readonly kind: 'login' }
  | { readonly kind: 'cases' }
  | { readonly kind: 'inbox'; readonly caseId: string }
  | { readonly kind: 'reader'; readonly caseId: string; readonly sourceId: string }
  | { readonly kind: 'board'; readonly caseId: string }
  | { readonly kind: 'allegation'; readonly caseId: string; readonly allegationId: string }
  | { readonly kind: 'map'; readonly caseId: string }
  | { readonly kind: 'timeline'; readonly caseId: string }
  | { readonly kind: 'search'; readonly caseId: string }
  | { readonly kind: 'custody'; readonly caseId: string }
  | { readonly kind: 'not_found'; readonly path: string };

/** The route a path names. */
export function match(path: string): Route {
  const parts = path
    .split('/')
    .filter((p) => p !== '')
    .map((p) => decodeURIComponent(p));
  const [first, caseId, section, id] = parts;
  if (parts.length === 0) return { kind: 'cases' };
  if (first === 'login' && parts.length === 1) return { kind: 'login' };
  if (first !== 'cases' || caseId === undefined) return { kind: 'not_found', path };
  if (section === undefined) return { kind: 'inbox', caseId };
  if (section === 'sources' && id !== undefined && parts.length === 4)
    return { kind: 'reader', caseId, sourceId: id };
  if (section === 'allegations' && id === undefined) return { kind: 'board', caseId };
  if (section === 'allegations' && id !== undefined && parts.length === 4)
    return { kind: 'allegation', caseId, allegationId: id };
  if (
    parts.length === 3 &&
    (section === 'map' || section === 'timeline' || section === 'search' || section === 'custody')
  ) {
    return { kind: section, caseId };
  }
  return { kind: 'not_found', path };
}

/** The path of a route (without query). */
export function href(route: Route): string {
  const c = (id: string) => `/cases/${encodeURIComponent(id)}`;
  switch (route.kind) {
    case 'login':
      return '/login';
    case 'cases':
      return '/';
    case 'inbox':
      return c(route.caseId);
    case 'reader':
      return `${c(route.caseId)}/sources/${encodeURIComponent(route.sourceId)}`;
    case 'board':
      return `${c(route.caseId)}/allegations`;
    case 'allegation':
      return `${c(route.caseId)}/allegations/${encodeURIComponent(route.allegationId)}`;
    case 'map':
    case 'timeline':
    case 'search':
    case 'custody':
      return `${c(route.caseId)}/${route.kind}`;
    case 'not_found':
      return route.path;
  }
}

/** Query string from a record, dropping empty values. */
export function withQuery(path: string, params: Readonly<Record<string, string | undefined | null>>): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) if (value) search.set(key, value);
  const q = search.toString();
  return q === '' ? path : `${path}?${q}`;
}
