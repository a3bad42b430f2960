import type { AllegationSummary } from '../api/types.ts';
import { LoadState } from '../components.tsx';
import { useApp, useLoad, useSourceIndex } from '../context.tsx';
import { href, withQuery } from '../lib/router.ts';
import { bucketDates, countIn } from '../lib/timeline.ts';

const MAX_PAGES = 40;

/** Every allegation summary of the case (paged in, capped), for the timeline's counts. */
async function allSummaries(
  load: (cursor: string | null) => Promise<{ items: readonly AllegationSummary[]; next: string | null }>,
) {
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

/**
 * The case timeline: events (allegations by the start of the period they are about) and statements (sources
 * by publication, else capture date) on one axis. A bar of events filters the board to its period.
 */
export function TimelineView(props: { readonly caseId: string }) {
  const { api, navigate } = useApp();
  const loaded = useLoad(
    () => allSummaries((cursor) => api.allegations(props.caseId, {}, cursor, 500)),
    `timeline:${props.caseId}`,
  );
  const sources = useSourceIndex(props.caseId);
  const eventDates = (loaded.data ?? []).map((a) => a.firstSeen ?? a.lastActivity);
  const statementDates = [...sources.values()].map((s) => s.published ?? s.capturedAt);
  const buckets = bucketDates([...eventDates, ...statementDates]);
  const events = countIn(buckets, eventDates);
  const statements = countIn(buckets, statementDates);
  const max = Math.max(1, ...events, ...statements);
  const undated = eventDates.filter((d) => d === null).length;
  const board = href({ kind: 'board', caseId: props.caseId });
  return (
    <section className="timeline-view">
      <h1>Timeline</h1>
      <p className="meta">
        Events: allegations by the start of the period they concern. Statements: sources by publication (else
        capture) date. Select an event bar to filter the board to that period.
        {undated > 0 && ` ${undated} allegations name no date and are not shown.`}
      </p>
      <p className="legend">
        <span className="swatch events" /> events <span className="swatch statements" /> statements
      </p>
      <LoadState
        loading={loaded.loading}
        error={loaded.error}
        empty={buckets.length === 0}
        emptyText="Nothing dated in this case yet."
      />
      {buckets.length > 0 && (
        <ol className="bars" aria-label="Events and statements over time">
          {buckets.map((b, i) => {
            const e = events[i] ?? 0;
            const s = statements[i] ?? 0;
            return (
              <li key={b.label}>
                <div className="bar-pair">
                  <button
                    type="button"
                    className="bar"
                    onClick={() => navigate(withQuery(board, { from: b.from, to: b.to }))}
                    aria-label={`${b.label}: ${e} allegations (filter the board)`}
                    disabled={e === 0}
                  >
                    <span className="bar-fill" style={{ height: `${(100 * e) / max}%` }} />
                  </button>
                  <span className="bar statements" role="img" aria-label={`${b.label}: ${s} statements`}>
                    <span className="bar-fill" style={{ height: `${(100 * s) / max}%` }} />
                  </span>
                </div>
                <span className="bar-label">{b.label}</span>
              </li>
            );
          })}
        </ol>
      )}
    </section>
  );
}
