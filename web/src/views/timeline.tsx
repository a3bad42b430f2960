import type { AllegationSummary } from '../api/types.ts';
import { LoadState } from '../components.tsx';
import { useApp, useLoad } from '../context.tsx';
import { bucketDates } from '../lib/timeline.ts';
import { href, withQuery } from '../lib/router.ts';

const MAX_PAGES = 20;

/** Every allegation summary of the case (paged in, capped), for the timeline's counts. */
async function allSummaries(load: (cursor: string | null) => Promise<{ items: readonly AllegationSummary[]; next: string | null }>) {
  const out: AllegationSummary[] = [];
  let cursor: string | null = null;
  for (let i = 0; i < MAX_PAGES; i += 1) {
    const page = await load(cursor);
    out.push(...page.items);
    if (page.next === null) break;
    cursor = page.next;
  }
  return out;
}

/** The case timeline: allegations by when they were first reported; a bar filters the board to its dates. */
export function TimelineView(props: { readonly caseId: string }) {
  const { api, navigate } = useApp();
  const loaded = useLoad(
    () => allSummaries((cursor) => api.allegations(props.caseId, { sort: 'activity' }, cursor, 500)),
    `timeline:${props.caseId}`,
  );
  const buckets = bucketDates((loaded.data ?? []).map((a) => a.firstSeen ?? a.lastActivity));
  const max = Math.max(1, ...buckets.map((b) => b.count));
  const board = href({ kind: 'board', caseId: props.caseId });
  return (
    <section className="timeline-view">
      <h1>Timeline</h1>
      <p className="meta">Allegations by the date they were first reported. Select a bar to filter the board to that period.</p>
      <LoadState loading={loaded.loading} error={loaded.error} empty={buckets.length === 0} emptyText="No dated allegations yet." />
      {buckets.length > 0 && (
        <ol className="bars" aria-label="Allegations over time">
          {buckets.map((b) => (
            <li key={b.label}>
              <button
                type="button"
                className="bar"
                onClick={() => navigate(withQuery(board, { from: b.from, to: b.to }))}
                aria-label={`${b.label}: ${b.count} allegations`}
                disabled={b.count === 0}
              >
                <span className="bar-fill" style={{ height: `${(100 * b.count) / max}%` }} />
              </button>
              <span className="bar-label">{b.label}</span>
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}
