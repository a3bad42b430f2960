import { useVirtualizer } from '@tanstack/react-virtual';
import { useEffect, useMemo, useRef, useState, type KeyboardEvent, type MouseEvent } from 'react';
import type { Attribution, SourceDetail } from '../api/types.ts';
import { Badge, humanise, LoadState, StanceBadge, when } from '../components.tsx';
import { Link, useApp, useLoad } from '../context.tsx';
import { href } from '../lib/router.ts';
import {
  blockAt,
  blocks,
  depths,
  marksByBlock,
  segment,
  type Mark,
  type MarkKind,
  type Segment,
} from '../lib/segments.ts';

type FactKind = 'actor' | 'place' | 'date' | 'figure';
const FACT_KINDS: readonly FactKind[] = ['actor', 'place', 'date', 'figure'];

/** Every mark of a source: each attribution's source, cue and content spans, and the facts switched on. */
function buildMarks(source: SourceDetail, facts: ReadonlySet<FactKind>): readonly Mark[] {
  const ex = source.extractionResult;
  const depth = depths(ex.attributions);
  const marks: Mark[] = [];
  for (const a of ex.attributions) {
    const d = depth.get(a.id) ?? 0;
    if (a.source !== null)
      marks.push({ start: a.source.start, end: a.source.end, kind: 'source', ref: a.id, depth: d });
    marks.push({ start: a.cue.start, end: a.cue.end, kind: 'cue', ref: a.id, depth: d });
    for (const c of a.content)
      marks.push({ start: c.start, end: c.end, kind: 'content', ref: a.id, depth: d });
  }
  const add = (
    kind: MarkKind,
    list: readonly { readonly mentions: readonly (readonly [number, number])[] }[],
  ) =>
    list.forEach((f, i) =>
      f.mentions.forEach(([s, e]) => marks.push({ start: s, end: e, kind, ref: `${kind}${i}`, depth: 0 })),
    );
  if (facts.has('actor')) add('actor', ex.actors);
  if (facts.has('place')) add('place', ex.places);
  if (facts.has('date')) add('date', ex.dates);
  if (facts.has('figure'))
    ex.figures.forEach((f, i) =>
      marks.push({ start: f.start, end: f.end, kind: 'figure', ref: `figure${i}`, depth: 0 }),
    );
  return marks;
}

function classesOf(seg: Segment, selected: string | null): string {
  const names = new Set<string>();
  for (const m of seg.marks) {
    names.add(`m-${m.kind}`);
    if (m.kind === 'content' && m.depth > 0) names.add('m-nested');
    if (selected !== null && m.ref === selected) names.add('m-selected');
  }
  return [...names].join(' ');
}

/** The innermost attribution covering a run: the one the user most likely meant by clicking it. */
function innermost(seg: Segment): string | null {
  let best: Mark | null = null;
  for (const m of seg.marks) {
    if (m.kind !== 'source' && m.kind !== 'cue' && m.kind !== 'content') continue;
    const better =
      best === null ||
      m.depth > best.depth ||
      (m.depth === best.depth && m.kind !== 'content' && best.kind === 'content');
    if (better) best = m;
  }
  return best?.ref ?? null;
}

/** Offset into the source text of a DOM point inside the reader (runs carry `data-start`). */
function offsetOf(node: Node | null, offset: number): number | null {
  let el: Node | null = node;
  while (el !== null && !(el instanceof HTMLElement && el.dataset.start !== undefined)) el = el.parentNode;
  if (el === null) return null;
  const start = Number(el.dataset.start);
  return node instanceof Text ? start + offset : start;
}

/** The current text selection inside the reader as a [start, end) range of the source text, or null. */
function selectionRange(): { start: number; end: number } | null {
  const sel = window.getSelection();
  if (sel === null || sel.rangeCount === 0 || sel.isCollapsed) return null;
  const range = sel.getRangeAt(0);
  const a = offsetOf(range.startContainer, range.startOffset);
  const b = offsetOf(range.endContainer, range.endOffset);
  if (a === null || b === null) return null;
  return { start: Math.min(a, b), end: Math.max(a, b) };
}

/** The attribution whose source, cue or content covers `offset`, preferring the shortest (innermost). */
function attributionAt(list: readonly Attribution[], offset: number): string | null {
  let best: { id: string; length: number } | null = null;
  for (const a of list) {
    const spans = [a.cue, ...a.content, ...(a.source === null ? [] : [a.source])];
    const lo = Math.min(...spans.map((s) => s.start));
    const hi = Math.max(...spans.map((s) => s.end));
    if (offset >= lo && offset < hi && (best === null || hi - lo < best.length))
      best = { id: a.id, length: hi - lo };
  }
  return best?.id ?? null;
}

interface SpanDraft {
  start: string;
  end: string;
}

function draftOf(span: { readonly start: number; readonly end: number } | null): SpanDraft {
  return span === null ? { start: '', end: '' } : { start: String(span.start), end: String(span.end) };
}

function SpanEditor(props: {
  readonly label: string;
  readonly value: SpanDraft;
  readonly text: string;
  readonly onChange: (d: SpanDraft) => void;
}) {
  const { start, end } = props.value;
  const s = Number(start);
  const e = Number(end);
  const preview = start !== '' && end !== '' && e > s ? props.text.slice(s, e) : '';
  const fromSelection = () => {
    const r = selectionRange();
    if (r !== null) props.onChange({ start: String(r.start), end: String(r.end) });
  };
  return (
    <fieldset className="span-editor">
      <legend>{props.label}</legend>
      <div className="row">
        <label>
          Start
          <input
            inputMode="numeric"
            value={start}
            onChange={(ev) => props.onChange({ start: ev.target.value, end })}
            name={`${props.label}-start`}
          />
        </label>
        <label>
          End
          <input
            inputMode="numeric"
            value={end}
            onChange={(ev) => props.onChange({ start, end: ev.target.value })}
            name={`${props.label}-end`}
          />
        </label>
        <button
          type="button"
          className="small"
          onMouseDown={(ev) => ev.preventDefault()}
          onClick={fromSelection}
        >
          Use selected text
        </button>
      </div>
      <p className="preview">{preview === '' ? '(empty)' : `“${preview}”`}</p>
    </fieldset>
  );
}

/** Details of the selected attribution and the review actions (accept, edit spans, reattribute, reject). */
function AttributionPanel(props: {
  readonly caseId: string;
  readonly source: SourceDetail;
  readonly attribution: Attribution;
  readonly onSelect: (id: string) => void;
  readonly onChanged: () => void;
}) {
  const { api } = useApp();
  const { attribution: a, source } = props;
  const ex = source.extractionResult;
  const actor = ex.actors.find((x) => x.id === a.source?.actor);
  const parent = ex.attributions.find((x) => x.id === a.parent);
  const children = ex.attributions.filter((x) => x.parent === a.id);
  const [mode, setMode] = useState<'view' | 'edit' | 'reattribute'>('view');
  const [rationale, setRationale] = useState('');
  const [srcDraft, setSrcDraft] = useState(draftOf(a.source));
  const [cueDraft, setCueDraft] = useState(draftOf(a.cue));
  const [contentDraft, setContentDraft] = useState(draftOf(a.content[0] ?? null));
  const [actorChoice, setActorChoice] = useState(actor?.caseActor ?? '');
  const [message, setMessage] = useState<{ text: string; error: boolean } | null>(null);

  useEffect(() => {
    setMode('view');
    setRationale('');
    setSrcDraft(draftOf(a.source));
    setCueDraft(draftOf(a.cue));
    setContentDraft(draftOf(a.content[0] ?? null));
    setActorChoice(actor?.caseActor ?? '');
    setMessage(null);
    // Reset the drafts only when another attribution is selected, not when this one reloads after a save.
  }, [a.id]);

  const run = (action: 'accept' | 'edit' | 'reattribute' | 'reject', extra: Record<string, unknown> = {}) => {
    setMessage(null);
    api
      .reviewAttribution(props.caseId, a.storeId, {
        action,
        rationale: rationale.trim() === '' ? undefined : rationale.trim(),
        ...extra,
      })
      .then(
        () => {
          setMessage({
            text: `${humanise(action === 'edit' ? 'edited' : action === 'accept' ? 'accepted' : action === 'reject' ? 'rejected' : 'reattributed')}.`,
            error: false,
          });
          props.onChanged();
        },
        (e: unknown) => setMessage({ text: e instanceof Error ? e.message : String(e), error: true }),
      );
  };

  const saveEdit = () => {
    const toSpan = (d: SpanDraft) =>
      d.start === '' || d.end === '' ? null : { start: Number(d.start), end: Number(d.end) };
    const cue = toSpan(cueDraft);
    const content = toSpan(contentDraft);
    if (cue === null || content === null || cue.end <= cue.start || content.end <= content.start) {
      setMessage({ text: 'Cue and content need a start before their end.', error: true });
      return;
    }
    const rest = a.content.slice(1).map((c) => ({ start: c.start, end: c.end }));
    run('edit', { edit: { source: toSpan(srcDraft), cue, content: [content, ...rest] } });
  };

  return (
    <aside className="panel" aria-labelledby="attr-title" data-testid="attribution-panel">
      <h2 id="attr-title">
        Attribution {a.id}{' '}
        <Badge tone={a.review === 'rejected' ? 'bad' : a.review === 'proposed' ? 'neutral' : 'good'}>
          {humanise(a.review)}
        </Badge>
      </h2>
      <dl className="facts">
        <dt>Speaker</dt>
        <dd>{a.source?.text ?? '(no stated source)'}</dd>
        <dt>Actor</dt>
        <dd>
          {actor === undefined
            ? '—'
            : [actor.name, humanise(actor.type), actor.role, actor.affiliation]
                .filter((x) => x !== null && x !== '')
                .join(' · ')}
        </dd>
        <dt>Cue</dt>
        <dd>“{a.cue.text}”</dd>
        <dt>Stance</dt>
        <dd>
          <StanceBadge stance={a.stance} /> <span className="meta">{a.quote} quote</span>
        </dd>
        <dt>Channel</dt>
        <dd>{a.channel ?? '—'}</dd>
        <dt>Basis</dt>
        <dd>{a.basis.length === 0 ? '—' : a.basis.map((b) => <Badge key={b}>{humanise(b)}</Badge>)}</dd>
        <dt>Confidence</dt>
        <dd>{Math.round(a.confidence * 100)}%</dd>
        <dt>Allegation</dt>
        <dd>
          {a.allegation === null ? (
            '—'
          ) : (
            <Link to={href({ kind: 'allegation', caseId: props.caseId, allegationId: a.allegation })}>
              {a.allegation}
            </Link>
          )}
        </dd>
        {parent !== undefined && (
          <>
            <dt>Inside</dt>
            <dd>
              <button type="button" className="link" onClick={() => props.onSelect(parent.id)}>
                {parent.source?.text ?? parent.id} {parent.cue.text}
              </button>
            </dd>
          </>
        )}
        {children.length > 0 && (
          <>
            <dt>Contains</dt>
            <dd>
              {children.map((c) => (
                <button key={c.id} type="button" className="link" onClick={() => props.onSelect(c.id)}>
                  {c.source?.text ?? c.id} {c.cue.text}
                </button>
              ))}
            </dd>
          </>
        )}
      </dl>
      <blockquote className="content-quote">{a.content.map((c) => c.text).join(' … ')}</blockquote>
      <label className="stack">
        Rationale (optional)
        <textarea
          rows={2}
          value={rationale}
          onChange={(e) => setRationale(e.target.value)}
          name="rationale"
        />
      </label>
      {mode === 'view' && (
        <div className="actions">
          <button type="button" onClick={() => run('accept')}>
            Accept
          </button>
          <button type="button" onClick={() => setMode('edit')}>
            Edit spans
          </button>
          <button type="button" onClick={() => setMode('reattribute')}>
            Reattribute
          </button>
          <button type="button" className="danger" onClick={() => run('reject')}>
            Reject
          </button>
        </div>
      )}
      {mode === 'edit' && (
        <div className="stack">
          <SpanEditor label="Source" value={srcDraft} text={source.text} onChange={setSrcDraft} />
          <SpanEditor label="Cue" value={cueDraft} text={source.text} onChange={setCueDraft} />
          <SpanEditor label="Content" value={contentDraft} text={source.text} onChange={setContentDraft} />
          <div className="actions">
            <button type="button" onClick={saveEdit}>
              Save spans
            </button>
            <button type="button" className="secondary" onClick={() => setMode('view')}>
              Cancel
            </button>
          </div>
        </div>
      )}
      {mode === 'reattribute' && (
        <div className="stack">
          <label>
            Speaker
            <select value={actorChoice} onChange={(e) => setActorChoice(e.target.value)} name="actor">
              <option value="">(choose an actor)</option>
              {ex.actors.map((x) => (
                <option key={x.id} value={x.caseActor ?? x.id}>
                  {x.name}
                </option>
              ))}
            </select>
          </label>
          <div className="actions">
            <button
              type="button"
              disabled={actorChoice === ''}
              onClick={() => run('reattribute', { caseActorId: actorChoice })}
            >
              Save speaker
            </button>
            <button type="button" className="secondary" onClick={() => setMode('view')}>
              Cancel
            </button>
          </div>
        </div>
      )}
      {message !== null && (
        <p className={`notice${message.error ? ' error' : ' ok'}`} role={message.error ? 'alert' : 'status'}>
          {message.text}
        </p>
      )}
    </aside>
  );
}

/** The attribution list beside the text, virtualised (a long report holds thousands). */
function AttributionList(props: {
  readonly attributions: readonly Attribution[];
  readonly selected: string | null;
  readonly onSelect: (id: string) => void;
}) {
  const { attributions, selected } = props;
  const parent = useRef<HTMLDivElement>(null);
  const virtual = useVirtualizer({
    count: attributions.length,
    getScrollElement: () => parent.current,
    estimateSize: () => 44,
    overscan: 10,
  });
  useEffect(() => {
    const i = attributions.findIndex((a) => a.id === selected);
    if (i >= 0) virtual.scrollToIndex(i, { align: 'auto' });
  }, [selected, attributions, virtual]);
  return (
    <nav aria-label="Attributions" className="attr-list">
      <h2>Attributions ({attributions.length})</h2>
      <div ref={parent} className="attr-scroll">
        <ol className="virtual-inner" style={{ height: virtual.getTotalSize() }}>
          {virtual.getVirtualItems().map((row) => {
            const a = attributions[row.index];
            if (a === undefined) return null;
            return (
              <li
                key={a.id}
                data-index={row.index}
                ref={virtual.measureElement}
                className="virtual-row"
                style={{ transform: `translateY(${row.start}px)` }}
              >
                <button
                  type="button"
                  className={`attr-item${a.id === selected ? ' current' : ''}`}
                  aria-current={a.id === selected ? 'true' : undefined}
                  onClick={() => props.onSelect(a.id)}
                >
                  <span className="speaker">{a.source?.text ?? '(unstated)'}</span>{' '}
                  <span className="cue">{a.cue.text}</span>{' '}
                  <span className={`badge stance-${a.stance}`}>{a.stance.replace('_', ' ')}</span>
                  {a.review !== 'proposed' && <span className="badge status-good">{a.review}</span>}
                </button>
              </li>
            );
          })}
        </ol>
      </div>
    </nav>
  );
}

/** The virtualised text with every attribution drawn over it. */
function MarkedText(props: {
  readonly source: SourceDetail;
  readonly marks: readonly Mark[];
  readonly selected: string | null;
  readonly onSelect: (id: string) => void;
}) {
  const { source, marks, selected } = props;
  const list = useMemo(() => blocks(source.text), [source.text]);
  const perBlock = useMemo(() => marksByBlock(list, marks), [list, marks]);
  const parent = useRef<HTMLDivElement>(null);
  const byId = useMemo(() => new Map(source.extractionResult.attributions.map((a) => [a.id, a])), [source]);
  const cueEnds = useMemo(() => {
    const m = new Map<number, Attribution[]>();
    for (const a of source.extractionResult.attributions) m.set(a.cue.end, [...(m.get(a.cue.end) ?? []), a]);
    return m;
  }, [source]);
  const virtual = useVirtualizer({
    count: list.length,
    getScrollElement: () => parent.current,
    estimateSize: () => 72,
    overscan: 6,
  });

  useEffect(() => {
    if (selected === null) return;
    const a = byId.get(selected);
    if (a === undefined) return;
    const index = blockAt(list, a.cue.start);
    if (index >= 0) virtual.scrollToIndex(index, { align: 'auto' });
    // Scroll only when the selection changes.
  }, [selected, byId, list, virtual]);

  const onClick = (event: MouseEvent<HTMLElement>) => {
    const target = event.target as HTMLElement;
    const ref = target.closest<HTMLElement>('[data-ref]')?.dataset.ref;
    if (ref !== undefined && (window.getSelection()?.isCollapsed ?? true)) props.onSelect(ref);
  };

  return (
    <div
      ref={parent}
      className="reader-text"
      onClick={onClick}
      data-testid="reader-text"
      role="region"
      aria-label="Source text"
      // Focusable so the text scrolls by keyboard (arrow keys, Page Down) like any scrolling region.
      tabIndex={0}
    >
      <div className="virtual-inner" style={{ height: virtual.getTotalSize() }}>
        {virtual.getVirtualItems().map((row) => {
          const block = list[row.index];
          if (block === undefined) return null;
          const segs = segment(source.text, perBlock[row.index] ?? [], block.start, block.end);
          return (
            <p
              key={row.key}
              data-index={row.index}
              ref={virtual.measureElement}
              className="block"
              style={{ transform: `translateY(${row.start}px)` }}
            >
              {segs.map((seg) => {
                const ref = innermost(seg);
                const badges = cueEnds.get(seg.end) ?? [];
                return (
                  <span key={seg.start}>
                    <span
                      className={classesOf(seg, selected) || undefined}
                      data-start={seg.start}
                      data-ref={ref ?? undefined}
                    >
                      {seg.text}
                    </span>
                    {badges.map((a) => (
                      <span key={a.id} className="inline-badges" data-ref={a.id}>
                        <span className={`badge stance-${a.stance}`}>{a.stance.replace('_', ' ')}</span>
                        {a.basis.map((b) => (
                          <span key={b} className="badge basis">
                            {b.replace('_', ' ')}
                          </span>
                        ))}
                      </span>
                    ))}
                  </span>
                );
              })}
            </p>
          );
        })}
      </div>
    </div>
  );
}

/** The source reader: normalised text with its attributions and facts, review panel, original toggle. */
export function ReaderView(props: { readonly caseId: string; readonly sourceId: string }) {
  const { api, search, navigate, path } = useApp();
  const [version, setVersion] = useState(0);
  const loaded = useLoad(() => api.source(props.caseId, props.sourceId), `${props.sourceId}:${version}`);
  const [facts, setFacts] = useState<ReadonlySet<FactKind>>(new Set());
  const [showOriginal, setShowOriginal] = useState(false);
  const [keepData, setKeepData] = useState<SourceDetail | undefined>(undefined);
  const source = loaded.data ?? keepData;
  // `?at=OFFSET` (links from status reasons) selects the innermost attribution covering that offset.
  const at = Number(search.get('at') ?? NaN);
  const selected =
    search.get('attribution') ??
    (Number.isFinite(at) && source !== undefined
      ? attributionAt(source.extractionResult.attributions, at)
      : null);

  useEffect(() => {
    if (loaded.data !== undefined) setKeepData(loaded.data);
  }, [loaded.data]);

  // Poll while extraction has not produced anything yet.
  const waiting =
    source !== undefined &&
    source.extractionResult.attributions.length === 0 &&
    (source.extraction === 'pending' || source.extraction === 'running');
  useEffect(() => {
    if (!waiting) return;
    const timer = window.setTimeout(() => setVersion((v) => v + 1), 1500);
    return () => window.clearTimeout(timer);
  }, [waiting, loaded.data]);

  const marks = useMemo(() => (source === undefined ? [] : buildMarks(source, facts)), [source, facts]);
  const attributions = useMemo(
    () => [...(source?.extractionResult.attributions ?? [])].sort((x, y) => x.cue.start - y.cue.start),
    [source],
  );
  const select = (id: string) => navigate(`${path}?attribution=${encodeURIComponent(id)}`, { replace: true });
  // Search hits name stored ids; everything else names extraction-local ids.
  const current =
    attributions.find((a) => a.id === selected) ?? attributions.find((a) => a.storeId === selected);
  const selectedLocal = current?.id ?? selected;

  const onKey = (event: KeyboardEvent) => {
    if (
      event.target instanceof HTMLInputElement ||
      event.target instanceof HTMLTextAreaElement ||
      event.target instanceof HTMLSelectElement
    )
      return;
    if (event.key !== 'j' && event.key !== 'k') return;
    const i = attributions.findIndex((a) => a.id === selectedLocal);
    const next = attributions[event.key === 'j' ? i + 1 : Math.max(0, i - 1)];
    if (next !== undefined) select(next.id);
  };

  if (source === undefined) return <LoadState loading={loaded.loading} error={loaded.error} />;
  const toggle = (kind: FactKind) =>
    setFacts((f) => {
      const n = new Set(f);
      if (n.has(kind)) n.delete(kind);
      else n.add(kind);
      return n;
    });

  return (
    <section className="reader" onKeyDown={onKey}>
      <header className="reader-head">
        <h1>{source.title ?? 'Untitled source'}</h1>
        <p className="meta">
          {source.outlet !== null && <span>{source.outlet}</span>}
          {source.published !== null && <span>published {source.published}</span>}
          <span>captured {when(source.capturedAt)}</span>
          {source.language !== null && <span>language {source.language}</span>}
          <span className="hash">{source.id}</span>
          {source.sha256 !== null && <span className="hash">sha256 {source.sha256.slice(0, 16)}…</span>}
        </p>
        <div className="toolbar">
          <fieldset className="fact-toggles">
            <legend>Highlight facts</legend>
            {FACT_KINDS.map((kind) => (
              <label key={kind} className={`chip m-${kind}`}>
                <input type="checkbox" checked={facts.has(kind)} onChange={() => toggle(kind)} />{' '}
                {humanise(kind)}s
              </label>
            ))}
          </fieldset>
          <button type="button" aria-pressed={showOriginal} onClick={() => setShowOriginal((v) => !v)}>
            {showOriginal ? 'Show extracted text' : 'Show original'}
          </button>
        </div>
        <p className="legend" aria-label="Legend">
          <span className="m-source">source</span> <span className="m-cue">cue</span>{' '}
          <span className="m-content">content</span>{' '}
          <span className="m-content m-nested">nested content</span> · keys j / k move between attributions
        </p>
      </header>
      {loaded.error !== undefined && <LoadState loading={false} error={loaded.error} />}
      <div className="reader-body">
        {showOriginal ? (
          <div className="original">
            <iframe
              title="Original (sanitised)"
              src={api.originalUrl(props.caseId, source.id)}
              sandbox=""
              className="original-frame"
            />
            <p>
              <a href={api.originalUrl(props.caseId, source.id)} target="_blank" rel="noreferrer noopener">
                Open the original in a new tab
              </a>
            </p>
          </div>
        ) : (
          <MarkedText source={source} marks={marks} selected={selectedLocal} onSelect={select} />
        )}
        <div className="side">
          {current !== undefined ? (
            <AttributionPanel
              caseId={props.caseId}
              source={source}
              attribution={current}
              onSelect={select}
              onChanged={() => setVersion((v) => v + 1)}
            />
          ) : (
            <p className="notice">
              {attributions.length === 0
                ? waiting
                  ? 'Extraction is running…'
                  : 'No attributions were found in this source.'
                : 'Select an attribution in the text or in the list.'}
            </p>
          )}
          <AttributionList attributions={attributions} selected={selectedLocal} onSelect={select} />
        </div>
      </div>
    </section>
  );
}
