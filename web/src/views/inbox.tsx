import { useEffect, useState, type DragEvent, type FormEvent } from 'react';
import type { IngestOutcome } from '../api/client.ts';
import type { Page, SourceSummary } from '../api/types.ts';
import { Badge, humanise, LoadState, when } from '../components.tsx';
import { Link, roleOn, useApp, useLoad } from '../context.tsx';
import { href } from '../lib/router.ts';

interface UploadRow {
  readonly key: string;
  readonly name: string;
  readonly loaded: number;
  readonly total: number;
  readonly outcome: IngestOutcome | null;
}

function stateTone(state: SourceSummary['extraction']): 'good' | 'bad' | 'mid' | 'neutral' {
  if (state === 'done') return 'good';
  if (state === 'failed') return 'bad';
  if (state === 'pending' || state === 'running') return 'mid';
  return 'neutral';
}

/** Upload box: drag and drop several files (with progress), paste a URL, or paste text. */
function IngestBox(props: { readonly caseId: string; readonly onIngested: () => void }) {
  const { api } = useApp();
  const [rows, setRows] = useState<readonly UploadRow[]>([]);
  const [dragging, setDragging] = useState(false);
  const [url, setUrl] = useState('');
  const [text, setText] = useState('');
  const [title, setTitle] = useState('');
  const [outlet, setOutlet] = useState('');
  const [published, setPublished] = useState('');

  const update = (key: string, patch: Partial<UploadRow>) =>
    setRows((list) => list.map((r) => (r.key === key ? { ...r, ...patch } : r)));

  const track = (name: string, run: (key: string) => Promise<IngestOutcome>) => {
    const key = `${Date.now()}-${Math.random()}`;
    setRows((list) => [...list, { key, name, loaded: 0, total: 0, outcome: null }]);
    void run(key).then((outcome) => {
      update(key, { outcome });
      props.onIngested();
    });
  };

  const uploadFiles = (files: FileList | null) => {
    for (const file of Array.from(files ?? [])) {
      track(file.name, (key) =>
        api.uploadFile(props.caseId, file, (loaded, total) => update(key, { loaded, total })),
      );
    }
  };

  const onDrop = (event: DragEvent) => {
    event.preventDefault();
    setDragging(false);
    uploadFiles(event.dataTransfer.files);
  };

  const submitUrl = (event: FormEvent) => {
    event.preventDefault();
    const value = url.trim();
    if (value === '') return;
    track(value, () => api.submitUrl(props.caseId, value));
    setUrl('');
  };

  const submitText = (event: FormEvent) => {
    event.preventDefault();
    if (text.trim() === '') return;
    const meta = { title: title.trim(), outlet: outlet.trim(), published };
    const body = text;
    track(meta.title || 'pasted text', () => api.submitText(props.caseId, body, meta));
    setText('');
    setTitle('');
    setOutlet('');
    setPublished('');
  };

  return (
    <section className="ingest" aria-labelledby="ingest-title">
      <h2 id="ingest-title">Add sources</h2>
      <div
        className={`dropzone${dragging ? ' over' : ''}`}
        onDragOver={(e) => {
          e.preventDefault();
          setDragging(true);
        }}
        onDragLeave={() => setDragging(false)}
        onDrop={onDrop}
        data-testid="dropzone"
      >
        <p>Drop files here (text, HTML, PDF, JSONL), or</p>
        <label className="button">
          Choose files
          <input
            type="file"
            multiple
            className="visually-hidden"
            onChange={(e) => uploadFiles(e.target.files)}
            data-testid="file-input"
          />
        </label>
      </div>
      <div className="ingest-forms">
        <form onSubmit={submitUrl} className="row">
          <label className="grow">
            Capture a URL
            <input type="url" value={url} onChange={(e) => setUrl(e.target.value)} placeholder="https://…" />
          </label>
          <button type="submit">Capture</button>
        </form>
        <form onSubmit={submitText} className="stack">
          <div className="row">
            <label className="grow">
              Title of pasted text
              <input value={title} onChange={(e) => setTitle(e.target.value)} />
            </label>
            <label className="grow">
              Outlet
              <input value={outlet} onChange={(e) => setOutlet(e.target.value)} />
            </label>
            <label>
              Published
              <input type="date" value={published} onChange={(e) => setPublished(e.target.value)} />
            </label>
          </div>
          <label>
            Paste text
            <textarea rows={4} value={text} onChange={(e) => setText(e.target.value)} />
          </label>
          <button type="submit">Add text</button>
        </form>
      </div>
      {rows.length > 0 && (
        <ul className="uploads" aria-label="Uploads" aria-live="polite">
          {rows.map((r) => (
            <li key={r.key}>
              <span className="name">{r.name}</span>
              {r.outcome === null ? (
                <progress max={r.total || 1} value={r.loaded} aria-label={`Uploading ${r.name}`} />
              ) : r.outcome.status === 'error' ? (
                <span className="error">failed: {r.outcome.error}</span>
              ) : (
                <span>
                  {r.outcome.status === 'skipped' ? 'already captured' : 'captured'}
                  {r.outcome.sourceId !== null && (
                    <>
                      {' · '}
                      <Link to={href({ kind: 'reader', caseId: props.caseId, sourceId: r.outcome.sourceId })}>
                        open
                      </Link>
                    </>
                  )}
                </span>
              )}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

/** A case's inbox: captured sources with capture time, outlet, language and extraction state. */
export function InboxView(props: { readonly caseId: string }) {
  const { api, session } = useApp();
  const role = roleOn(session, props.caseId);
  const mayIngest = role === 'analyst' || role === 'lead' || role === 'admin';
  const [version, setVersion] = useState(0);
  const first = useLoad(() => api.sources(props.caseId), `${props.caseId}:${version}`);
  const [more, setMore] = useState<readonly SourceSummary[]>([]);
  const [next, setNext] = useState<string | null>(null);

  useEffect(() => {
    setMore([]);
    setNext(first.data?.next ?? null);
  }, [first.data]);

  // Poll while anything is still being extracted.
  const pending = (first.data?.items ?? []).some(
    (s) => s.extraction === 'pending' || s.extraction === 'running',
  );
  useEffect(() => {
    if (!pending) return;
    const timer = window.setTimeout(() => setVersion((v) => v + 1), 1500);
    return () => window.clearTimeout(timer);
  }, [pending, first.data]);

  const loadMore = () => {
    if (next === null) return;
    void api.sources(props.caseId, next).then((page: Page<SourceSummary>) => {
      setMore((m) => [...m, ...page.items]);
      setNext(page.next);
    });
  };

  const items = [...(first.data?.items ?? []), ...more];
  return (
    <section>
      <h1>Inbox</h1>
      {mayIngest ? (
        <IngestBox caseId={props.caseId} onIngested={() => setVersion((v) => v + 1)} />
      ) : (
        <p className="notice">
          Adding sources needs the analyst role on this case; yours is {role ?? 'none'}.
        </p>
      )}
      <h2>Captured sources{first.data?.total != null ? ` (${first.data.total})` : ''}</h2>
      <LoadState
        loading={first.loading && first.data === undefined}
        error={first.error}
        empty={items.length === 0}
        emptyText="No sources yet: add some above."
      />
      {items.length > 0 && (
        <div className="table-wrap">
          <table className="sources">
            <thead>
              <tr>
                <th scope="col">Source</th>
                <th scope="col">Outlet</th>
                <th scope="col">Captured</th>
                <th scope="col">Language</th>
                <th scope="col">Extraction</th>
              </tr>
            </thead>
            <tbody>
              {items.map((s) => (
                <tr key={s.id}>
                  <td>
                    <Link to={href({ kind: 'reader', caseId: props.caseId, sourceId: s.id })}>
                      {s.title ?? s.url ?? `Untitled (${s.id})`}
                    </Link>
                    {s.protected && <Badge tone="bad">protected</Badge>}
                  </td>
                  <td>{s.outlet ?? '—'}</td>
                  <td>{when(s.capturedAt)}</td>
                  <td>{s.language ?? '—'}</td>
                  <td>
                    <Badge tone={stateTone(s.extraction)}>{humanise(s.extraction)}</Badge>
                    {s.attributions !== null && <span className="meta"> {s.attributions} attributions</span>}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {next !== null && (
        <button type="button" onClick={loadMore}>
          Load more
        </button>
      )}
    </section>
  );
}
