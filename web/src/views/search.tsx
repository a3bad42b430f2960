import { useState, type FormEvent, type ReactNode } from 'react';
import type { SearchHit } from '../api/types.ts';
import { Badge, LoadState } from '../components.tsx';
import { Link, sourceName, useApp, useLoad, useSourceIndex } from '../context.tsx';
import { href, withQuery } from '../lib/router.ts';

/** A snippet as text with its highlighted stretches in `<mark>` (never parsed as HTML). */
function Snippet(props: { readonly hit: SearchHit }) {
  const { snippet, highlights } = props.hit;
  const parts: ReactNode[] = [];
  let at = 0;
  for (const [s, e] of [...highlights].sort((a, b) => a[0] - b[0])) {
    if (s < at || e <= s) continue;
    parts.push(snippet.slice(at, s));
    parts.push(<mark key={s}>{snippet.slice(s, e)}</mark>);
    at = e;
  }
  parts.push(snippet.slice(at));
  return <p className="snippet">{parts}</p>;
}

/** Full-text search over the case's sources and attributions; the server redacts protected material. */
export function SearchView(props: { readonly caseId: string }) {
  const { api, search, navigate, path } = useApp();
  const q = search.get('q') ?? '';
  const [draft, setDraft] = useState(q);
  const results = useLoad(
    () => (q === '' ? Promise.resolve([]) : api.search(props.caseId, q)),
    `search:${props.caseId}:${q}`,
  );
  const submit = (event: FormEvent) => {
    event.preventDefault();
    navigate(withQuery(path, { q: draft.trim() }));
  };
  const hits = results.data ?? [];
  const sources = useSourceIndex(props.caseId);
  return (
    <section>
      <h1>Search</h1>
      <form role="search" onSubmit={submit} className="row">
        <label className="grow">
          Search sources and attributions
          <input type="search" name="q" value={draft} onChange={(e) => setDraft(e.target.value)} />
        </label>
        <button type="submit">Search</button>
      </form>
      {q !== '' && (
        <LoadState
          loading={results.loading}
          error={results.error}
          empty={hits.length === 0}
          emptyText={`Nothing matches “${q}”.`}
        />
      )}
      {hits.length > 0 && (
        <ol className="hits" aria-label="Results" data-testid="search-results">
          {hits.map((h) => {
            const to =
              h.sourceId === ''
                ? null
                : withQuery(href({ kind: 'reader', caseId: props.caseId, sourceId: h.sourceId }), {
                    attribution: h.kind === 'attribution' ? h.id : null,
                  });
            return (
              <li key={`${h.kind}:${h.id}`} className="hit">
                <p>
                  <Badge>{h.kind}</Badge>{' '}
                  {to !== null ? (
                    <Link to={to}>{h.title ?? sourceName(sources, h.sourceId)}</Link>
                  ) : (
                    (h.title ?? h.id)
                  )}
                </p>
                <Snippet hit={h} />
              </li>
            );
          })}
        </ol>
      )}
    </section>
  );
}
