import { useState } from 'react';
import type { CustodyEntry, VerifyResult } from '../api/types.ts';
import { Badge, LoadState, when } from '../components.tsx';
import { useApp, useLoad } from '../context.tsx';

/** The custody log: pages of entries, the latest signed checkpoint, and "verify now". */
export function CustodyView(props: { readonly caseId: string }) {
  const { api } = useApp();
  const [cursors, setCursors] = useState<readonly (string | null)[]>([null]);
  const cursor = cursors[cursors.length - 1] ?? null;
  const page = useLoad(() => api.custody(props.caseId, cursor), `custody:${props.caseId}:${cursor ?? ''}`);
  const checkpoint = useLoad(() => api.latestCheckpoint(), `checkpoint`);
  const [result, setResult] = useState<VerifyResult | null>(null);
  const [verifying, setVerifying] = useState(false);
  const [verifyError, setVerifyError] = useState<string | null>(null);

  const verify = () => {
    setVerifying(true);
    setResult(null);
    setVerifyError(null);
    api.verify(props.caseId).then(
      (r) => {
        setResult(r);
        setVerifying(false);
        checkpoint.reload();
      },
      (e: unknown) => {
        setVerifyError(e instanceof Error ? e.message : String(e));
        setVerifying(false);
      },
    );
  };

  const entries: readonly CustodyEntry[] = page.data?.items ?? [];
  const cp = checkpoint.data;
  return (
    <section className="custody">
      <h1>Custody log</h1>
      <div className="columns">
        <div className="col-main">
          <LoadState
            loading={page.loading}
            error={page.error}
            empty={entries.length === 0}
            emptyText="The log is empty."
          />
          {entries.length > 0 && (
            <div className="table-wrap">
              <table data-testid="custody-table">
                <thead>
                  <tr>
                    <th scope="col">#</th>
                    <th scope="col">When</th>
                    <th scope="col">Who</th>
                    <th scope="col">Action</th>
                    <th scope="col">Object</th>
                    <th scope="col">Leaf hash</th>
                  </tr>
                </thead>
                <tbody>
                  {entries.map((e) => (
                    <tr key={e.seq}>
                      <td>{e.seq}</td>
                      <td>{when(e.at)}</td>
                      <td>{e.actor}</td>
                      <td>{e.action}</td>
                      <td>
                        {e.objectType} {e.objectId}
                      </td>
                      <td className="hash">{e.leafHash?.slice(0, 12) ?? '—'}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
          <div className="actions">
            <button
              type="button"
              className="secondary"
              disabled={cursors.length <= 1}
              onClick={() => setCursors((c) => c.slice(0, -1))}
            >
              Newer
            </button>
            <button
              type="button"
              className="secondary"
              disabled={page.data?.next == null}
              onClick={() => setCursors((c) => [...c, page.data?.next ?? null])}
            >
              Older
            </button>
          </div>
        </div>
        <aside className="col-side panel">
          <h2>Latest signed checkpoint</h2>
          {checkpoint.loading ? (
            <p role="status">Loading…</p>
          ) : cp === null || cp === undefined ? (
            <p className="meta">{checkpoint.error?.message ?? 'No checkpoint signed yet.'}</p>
          ) : (
            <dl className="facts">
              <dt>Tree size</dt>
              <dd>{cp.treeSize}</dd>
              <dt>Root hash</dt>
              <dd className="hash">{cp.rootHash}</dd>
              <dt>Signed</dt>
              <dd>{when(cp.at)}</dd>
              <dt>Key</dt>
              <dd className="hash">{cp.keyId}</dd>
            </dl>
          )}
          <button type="button" onClick={verify} disabled={verifying}>
            {verifying ? 'Verifying…' : 'Verify now'}
          </button>
          <div aria-live="polite" data-testid="verify-result">
            {result !== null && (
              <p className={`notice ${result.ok ? 'ok' : 'error'}`}>
                <Badge tone={result.ok ? 'good' : 'bad'}>{result.ok ? 'Verified' : 'Failed'}</Badge>{' '}
                {result.message}
                {result.treeSize !== null && ` (${result.treeSize} entries)`}
              </p>
            )}
            {verifyError !== null && <p className="notice error">{verifyError}</p>}
          </div>
        </aside>
      </div>
    </section>
  );
}
