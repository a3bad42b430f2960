import { useState, type FormEvent } from 'react';
import { ApiError } from '../api/client.ts';
import type { AllegationAttribution, AllegationDetail } from '../api/types.ts';
import { Badge, humanise, LoadState, StanceBadge, StatusBadge, when } from '../components.tsx';
import { Link, roleOn, sourceName, useApp, useLoad, useSourceIndex } from '../context.tsx';
import type { SourceSummary } from '../api/types.ts';
import { href, withQuery } from '../lib/router.ts';

function readerLink(
  caseId: string,
  a: { readonly id: string; readonly sourceId: string; readonly start?: number | null },
): string {
  return withQuery(href({ kind: 'reader', caseId, sourceId: a.sourceId }), {
    attribution: a.id === '' ? null : a.id,
    at: a.id === '' && a.start !== undefined && a.start !== null ? String(a.start) : null,
  });
}

type SourceIndex = ReadonlyMap<string, SourceSummary>;

function AttributionRow(props: {
  readonly caseId: string;
  readonly a: AllegationAttribution;
  readonly sources: SourceIndex;
}) {
  const { a } = props;
  const src = props.sources.get(a.sourceId);
  const published = a.published ?? src?.published ?? null;
  return (
    <li className="attr-row">
      <p>
        <strong>{a.speaker ?? '(unstated)'}</strong> <StanceBadge stance={a.stance} />
        {a.general && <Badge tone="mid">general denial, not about this event specifically</Badge>}
        {a.basis.map((b) => (
          <Badge key={b}>{humanise(b)}</Badge>
        ))}
      </p>
      <blockquote>{a.text}</blockquote>
      <p className="meta">
        {a.sourceId !== '' ? (
          <Link to={readerLink(props.caseId, a)}>
            {a.sourceTitle ?? sourceName(props.sources, a.sourceId)}
          </Link>
        ) : (
          (a.sourceTitle ?? '—')
        )}
        {(a.outlet ?? src?.outlet ?? null) !== null && <span>{a.outlet ?? src?.outlet}</span>}
        {published !== null && <span>published {published}</span>}
      </p>
    </li>
  );
}

function Group(props: {
  readonly caseId: string;
  readonly title: string;
  readonly items: readonly AllegationAttribution[];
  readonly testId: string;
  readonly sources: SourceIndex;
}) {
  if (props.items.length === 0) return null;
  return (
    <section aria-label={props.title} data-testid={props.testId}>
      <h3>
        {props.title} <span className="meta">({props.items.length})</span>
      </h3>
      <ul className="attr-rows">
        {props.items.map((a) => (
          <AttributionRow key={`${a.sourceId}:${a.id}`} caseId={props.caseId} a={a} sources={props.sources} />
        ))}
      </ul>
    </section>
  );
}

/** Statements of the allegation placed on a small date axis. */
function MiniTimeline(props: { readonly detail: AllegationDetail; readonly sources: SourceIndex }) {
  const all = [
    ...props.detail.originGroups.flatMap((g) => g.attributions),
    ...props.detail.confirming,
    ...props.detail.notConfirming,
    ...props.detail.denying,
  ]
    // Dated by publication, else by capture (a source without a stated date was at least public by then).
    .map((a) => {
      const src = props.sources.get(a.sourceId);
      return { ...a, published: a.published ?? src?.published ?? src?.capturedAt ?? null };
    })
    .filter((a) => a.published !== null);
  if (all.length === 0) return <p className="meta">No dated statements.</p>;
  const times = all.map((a) => Date.parse(a.published as string)).filter((t) => Number.isFinite(t));
  const lo = Math.min(...times);
  const hi = Math.max(...times);
  const span = Math.max(hi - lo, 1);
  return (
    <figure className="mini-timeline">
      <svg
        viewBox="0 0 400 40"
        role="img"
        aria-label={`Statements from ${new Date(lo).toISOString().slice(0, 10)} to ${new Date(hi).toISOString().slice(0, 10)}`}
      >
        <line x1="10" y1="20" x2="390" y2="20" className="axis" />
        {all.map((a, i) => {
          const t = Date.parse(a.published as string);
          const x = 10 + (380 * (t - lo)) / span;
          return <circle key={`${a.id}-${i}`} cx={x} cy="20" r="5" className={`dot stance-${a.stance}`} />;
        })}
      </svg>
      <figcaption className="meta">
        {new Date(lo).toISOString().slice(0, 10)} — {new Date(hi).toISOString().slice(0, 10)} · {all.length}{' '}
        {all.length === 1 ? 'statement' : 'statements'} by publication (else capture) date; red denies, green
        confirms, violet not confirmed
      </figcaption>
    </figure>
  );
}

function DecisionForm(props: {
  readonly detail: AllegationDetail;
  readonly caseId: string;
  readonly onSaved: () => void;
}) {
  const { api, session } = useApp();
  const role = roleOn(session, props.caseId);
  const mayDecide = role === 'lead' || role === 'admin';
  const [decision, setDecision] = useState(
    props.detail.decision === 'none' ? 'verified' : props.detail.decision,
  );
  const [rationale, setRationale] = useState('');
  const [message, setMessage] = useState<{ text: string; error: boolean } | null>(null);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    setMessage(null);
    api.decide(props.caseId, props.detail.id, decision, rationale).then(
      () => {
        setMessage({ text: 'Decision recorded.', error: false });
        setRationale('');
        props.onSaved();
      },
      (e: unknown) => {
        const text =
          e instanceof ApiError && (e.status === 403 || e.code === 'forbidden')
            ? `Not allowed: ${e.message} (recording a decision needs the lead role on this case).`
            : e instanceof Error
              ? e.message
              : String(e);
        setMessage({ text, error: true });
      },
    );
  };
  return (
    <form className="stack decision-form" onSubmit={submit} aria-labelledby="decision-title">
      <h2 id="decision-title">Analyst decision</h2>
      <p className="meta">
        Current: {humanise(props.detail.decision)}
        {props.detail.decisionRationale !== null && ` — “${props.detail.decisionRationale}”`}
      </p>
      {!mayDecide && (
        <p className="notice" data-testid="decision-role-note">
          Recording a decision needs the lead role on this case; yours is {role ?? 'none'}. The server refuses
          it otherwise.
        </p>
      )}
      <label>
        Decision
        <select name="decision" value={decision} onChange={(e) => setDecision(e.target.value)}>
          <option value="verified">Verified</option>
          <option value="refuted">Refuted</option>
          <option value="needs_more_evidence">Needs more evidence</option>
        </select>
      </label>
      <label>
        Rationale
        <textarea
          name="decision-rationale"
          rows={3}
          value={rationale}
          onChange={(e) => setRationale(e.target.value)}
          required
        />
      </label>
      <button type="submit">Record decision</button>
      {message !== null && (
        <p
          className={`notice${message.error ? ' error' : ' ok'}`}
          role={message.error ? 'alert' : 'status'}
          data-testid="decision-message"
        >
          {message.text}
        </p>
      )}
    </form>
  );
}

/** One allegation: status and reasons, origin groups, confirming / not confirming / denying, figures, custody. */
export function AllegationView(props: { readonly caseId: string; readonly allegationId: string }) {
  const { api } = useApp();
  const [version, setVersion] = useState(0);
  const loaded = useLoad(
    () => api.allegation(props.caseId, props.allegationId),
    `${props.allegationId}:${version}`,
  );
  const sources = useSourceIndex(props.caseId);
  const d = loaded.data;
  const touching = useLoad(
    async () => {
      if (d === undefined) return null;
      const ids = new Set<string>([d.id]);
      for (const a of [
        ...d.originGroups.flatMap((g) => g.attributions),
        ...d.confirming,
        ...d.notConfirming,
        ...d.denying,
      ]) {
        if (a.sourceId !== '') ids.add(a.sourceId);
      }
      return api.custodyTouching(props.caseId, ids);
    },
    `custody-touching:${props.allegationId}:${version}:${d === undefined ? 'wait' : 'ready'}`,
  );
  if (d === undefined) return <LoadState loading={loaded.loading} error={loaded.error} />;
  return (
    <article className="allegation">
      <p className="crumbs">
        <Link to={href({ kind: 'board', caseId: props.caseId })}>← All allegations</Link>
      </p>
      <h1>{d.statement || d.id}</h1>
      <p className="status-line">
        <StatusBadge status={d.status} />
        {d.disputed && <Badge tone="bad">Disputed</Badge>}
        {d.notConfirmed && <Badge tone="mid">Not confirmed</Badge>}
        {d.decision !== 'none' && <Badge tone="mid">Decision: {humanise(d.decision)}</Badge>}
        {d.eventType !== null && <Badge>{humanise(d.eventType)}</Badge>}
        <span>
          <strong>{d.origins}</strong> independent {d.origins === 1 ? 'origin' : 'origins'} ·{' '}
          <strong>{d.echoes}</strong> {d.echoes === 1 ? 'echo' : 'echoes'} ·{' '}
          <strong>{d.denials ?? d.denying.length}</strong>{' '}
          {(d.denials ?? d.denying.length) === 1 ? 'denial' : 'denials'}
        </span>
      </p>
      <div className="columns">
        <div className="col-main">
          <section aria-labelledby="reasons-title" data-testid="reasons">
            <h2 id="reasons-title">Why this status</h2>
            {d.reasons.length === 0 ? (
              <p className="meta">{d.topReason ?? 'No reasons given.'}</p>
            ) : (
              <ol className="reasons">
                {d.reasons.map((r, i) => (
                  <li key={`${r.code}-${i}`}>
                    {r.text}
                    {r.attributions.length > 0 && (
                      <span className="meta">
                        {' '}
                        (
                        {r.attributions.map((a, j) => (
                          <span key={`${a.id}-${j}`}>
                            {j > 0 && ', '}
                            {a.sourceId !== '' ? (
                              <Link to={readerLink(props.caseId, a)}>{sourceName(sources, a.sourceId)}</Link>
                            ) : (
                              a.id
                            )}
                          </span>
                        ))}
                        )
                      </span>
                    )}
                  </li>
                ))}
              </ol>
            )}
          </section>
          <section aria-labelledby="origins-title" data-testid="origin-groups">
            <h2 id="origins-title">Supporting, by origin ({d.originGroups.length})</h2>
            {d.originGroups.length === 0 && <p className="meta">No supporting attributions.</p>}
            {d.originGroups.map((g, i) => (
              <Group
                key={`${g.origin}-${i}`}
                caseId={props.caseId}
                title={`Origin ${i + 1}: ${g.origin}`}
                items={g.attributions}
                testId="origin-group"
                sources={sources}
              />
            ))}
          </section>
          <Group
            caseId={props.caseId}
            title="Confirming"
            items={d.confirming}
            testId="confirming"
            sources={sources}
          />
          <Group
            caseId={props.caseId}
            title="Not confirming"
            items={d.notConfirming}
            testId="not-confirming"
            sources={sources}
          />
          <Group caseId={props.caseId} title="Denying" items={d.denying} testId="denying" sources={sources} />
        </div>
        <div className="col-side">
          <section aria-labelledby="timeline-title">
            <h2 id="timeline-title">Timeline</h2>
            <MiniTimeline detail={d} sources={sources} />
          </section>
          <section aria-labelledby="figures-title">
            <h2 id="figures-title">Figures</h2>
            {d.figures.length === 0 ? (
              <p className="meta">No figures.</p>
            ) : (
              <div className="table-wrap">
                <table>
                  <thead>
                    <tr>
                      <th scope="col">Figure</th>
                      <th scope="col">Range</th>
                      <th scope="col">Counts</th>
                      <th scope="col">Source</th>
                    </tr>
                  </thead>
                  <tbody>
                    {d.figures.map((f, i) => (
                      <tr key={i}>
                        <td>{f.text}</td>
                        <td>
                          {f.approx ? '≈' : ''}
                          {f.min ?? '?'}
                          {f.max === f.min ? '' : `–${f.max ?? '∞'}`}
                        </td>
                        <td>{f.counts ?? '—'}</td>
                        <td>
                          {f.sourceId !== '' ? (
                            <Link to={href({ kind: 'reader', caseId: props.caseId, sourceId: f.sourceId })}>
                              {f.outlet ?? sourceName(sources, f.sourceId)}
                            </Link>
                          ) : (
                            '—'
                          )}
                        </td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            )}
          </section>
          <DecisionForm detail={d} caseId={props.caseId} onSaved={() => setVersion((v) => v + 1)} />
          <section aria-labelledby="custody-title" data-testid="allegation-custody">
            <h2 id="custody-title">Custody entries</h2>
            {(() => {
              const found = touching.data?.entries ?? d.custody;
              if (touching.loading && touching.data === undefined) return <p className="meta">Loading…</p>;
              if (found.length === 0) return <p className="meta">None recorded for this allegation.</p>;
              return (
                <>
                  <ol className="custody-mini">
                    {found.map((e) => (
                      <li key={e.seq}>
                        #{e.seq} {when(e.at)} — {e.actor}: {e.action} {e.objectType}{' '}
                        {e.objectId === d.id ? '' : e.objectId}
                      </li>
                    ))}
                  </ol>
                  {touching.data?.complete === false && (
                    <p className="meta">Only the first 5,000 entries of the case log were searched.</p>
                  )}
                </>
              );
            })()}
          </section>
        </div>
      </div>
    </article>
  );
}
