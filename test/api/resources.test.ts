// Resource routes end to end on a real server: ingest, sources, pagination, ETags, reviews, actors,
// allegations with decisions and filters, search, custody, exports and the SSRF guard. Texts are fictional.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { startTestServer } from './harness.ts';

const REPORTS = [
  'Fictional report one. The mayor of Dalbrook, Ivan Petrenko, said on Tuesday that soldiers shot 12 civilians in the Dalbrook market. "They fired at people buying bread," Petrenko told the Harbour Courier.',
  'Fictional report two. Dalbrook council said in a statement that 12 civilians were shot in the market by soldiers on Tuesday. Regional officials have not confirmed the account.',
];

const server = await startTestServer();
const base = `/api/cases/${server.ownCase}`;
const sourceIds: string[] = [];
for (const [i, text] of REPORTS.entries()) {
  const res = await server.request('analyst', 'POST', `${base}/ingest/text`, {
    body: { text, title: `Dalbrook report ${i + 1}`, published: '2031-05-0' + String(i + 2) },
  });
  const body = (await res.json()) as { items: { status: string; error?: string; value?: { sourceId: string; extraction: string } }[] };
  assert.equal(body.items[0]?.status, 'ok', body.items[0]?.error);
  sourceIds.push(body.items[0]?.value?.sourceId ?? '');
}

async function get<T>(path: string, persona: 'viewer' | 'analyst' | 'lead' | 'admin' = 'viewer'): Promise<T> {
  const res = await server.request(persona, 'GET', path);
  assert.equal(res.status, 200, `${path}: ${await res.clone().text()}`);
  return (await res.json()) as T;
}

describe('sources', () => {
  it('pages with an opaque cursor until the end', async () => {
    const first = await get<{ items: { id: string; extractionState: string }[]; nextCursor: string | null }>(`${base}/sources?limit=1`);
    assert.equal(first.items.length, 1);
    assert.equal(first.items[0]?.extractionState, 'extracted');
    assert.ok(first.nextCursor !== null);
    const second = await get<{ items: { id: string }[]; nextCursor: string | null }>(
      `${base}/sources?limit=1&cursor=${encodeURIComponent(first.nextCursor)}`,
    );
    assert.equal(second.items.length, 1);
    assert.notEqual(second.items[0]?.id, first.items[0]?.id);
    assert.equal(second.nextCursor, null);
    const bad = await server.request('viewer', 'GET', `${base}/sources?cursor=not-a-cursor`);
    assert.equal(bad.status, 400);
  });

  it('answers a repeated read with 304 when the ETag matches', async () => {
    const s = await server.session('viewer');
    const first = await fetch(`${server.url}${base}/sources/${sourceIds[0] ?? ''}`, { headers: { cookie: s.cookie } });
    const etag = first.headers.get('etag');
    await first.arrayBuffer();
    assert.ok(etag !== null);
    const again = await fetch(`${server.url}${base}/sources/${sourceIds[0] ?? ''}`, {
      headers: { cookie: s.cookie, 'if-none-match': etag },
    });
    assert.equal(again.status, 304);
  });

  it("links each clustered attribution of a source's extraction to its allegation", async () => {
    const extraction = await get<{ attributions: { id: string; allegation: string | null }[] }>(
      `${base}/sources/${sourceIds[0] ?? ''}/extraction`,
    );
    const linked = extraction.attributions.filter((a) => a.allegation !== null);
    assert.ok(linked.length > 0, 'at least one attribution is in an allegation');
    const allegations = await get<{ items: { id: string }[] }>(`${base}/allegations?limit=100`);
    const known = new Set(allegations.items.map((a) => a.id));
    for (const a of linked) assert.ok(known.has(a.allegation ?? ''), `${a.id} → ${a.allegation ?? ''} is listed`);
  });

  it('does not serve a source of one case under another', async () => {
    const res = await server.request('admin', 'GET', `/api/cases/${server.otherCase}/sources/${sourceIds[0] ?? ''}`);
    assert.equal(res.status, 404);
  });
});

describe('attributions and actors', () => {
  it('lets an analyst accept an attribution with a rationale and keeps the history', async () => {
    const page = await get<{ items: { id: string }[] }>(`${base}/attributions?sourceId=${sourceIds[0] ?? ''}`);
    const id = page.items[0]?.id ?? '';
    assert.ok(id !== '', 'the extractor found an attribution');
    const res = await server.request('analyst', 'POST', `${base}/attributions/${id}/review`, {
      body: { action: 'accept', rationale: 'matches the text' },
    });
    assert.equal(res.status, 200, await res.clone().text());
    const detail = await get<{ reviewStatus: string; reviews: { rationale: string }[] }>(`${base}/attributions/${id}`);
    assert.equal(detail.reviewStatus, 'accepted');
    assert.equal(detail.reviews.at(-1)?.rationale, 'matches the text');
  });

  it('lists actors and lets an analyst rename one', async () => {
    const actors = await get<{ items: { id: string; name: string }[] }>(`${base}/actors`);
    const actor = actors.items[0];
    assert.ok(actor !== undefined);
    const renamed = await server.request('analyst', 'POST', `${base}/actors/${actor.id}/rename`, {
      body: { name: `${actor.name} (renamed)`, rationale: 'test' },
    });
    assert.equal(renamed.status, 200, await renamed.clone().text());
  });
});

describe('allegations', () => {
  it('records a lead decision, refuses it to a viewer and filters the board by decision', async () => {
    const list = await get<{ items: { id: string }[] }>(`${base}/allegations`);
    const id = list.items[0]?.id ?? '';
    assert.ok(id !== '', 'the reports formed an allegation');
    const detail = await get<{ id: string; status: unknown }>(`${base}/allegations/${id}`);
    assert.ok(detail.status !== undefined);
    const refused = await server.request('viewer', 'POST', `${base}/allegations/${id}/decision`, {
      body: { decision: 'verified', rationale: 'two reports' },
    });
    assert.equal(refused.status, 403);
    const decided = await server.request('lead', 'POST', `${base}/allegations/${id}/decision`, {
      body: { decision: 'needs_more_evidence', rationale: 'both trace to the council' },
    });
    assert.equal(decided.status, 200, await decided.clone().text());
    const withDecision = await get<{ items: { id: string }[] }>(`${base}/allegations?decision=needs_more_evidence`);
    assert.ok(withDecision.items.some((a) => a.id === id));
    const undecided = await get<{ items: { id: string }[] }>(`${base}/allegations?decision=none`);
    assert.ok(!undecided.items.some((a) => a.id === id));
  });
});

describe('search, custody and exports', () => {
  it('finds words with highlight ranges', async () => {
    const hits = await get<{ items: { snippet: string; highlights: [number, number][] }[] }>(`${base}/search?q=market`);
    assert.ok(hits.items.length > 0);
    const [start, end] = hits.items[0]?.highlights[0] ?? [0, 0];
    assert.match(hits.items[0]?.snippet.slice(start, end) ?? '', /market/i);
  });

  it('pages the case custody log and proves an entry against a new checkpoint', async () => {
    const log = await get<{ items: { seq: number; action: string }[] }>(`${base}/custody?limit=500`);
    assert.ok(log.items.length > 0);
    const refused = await server.request('lead', 'POST', '/api/custody/checkpoints');
    assert.equal(refused.status, 403);
    const checkpoint = await server.request('admin', 'POST', '/api/custody/checkpoints');
    assert.equal(checkpoint.status, 200, await checkpoint.clone().text());
    const seq = log.items[0]?.seq ?? 0;
    const proof = await get<{ format: string; leaf_index: number }>(`${base}/custody/${seq}/proof`);
    assert.equal(proof.format, 'corroborate-inclusion-proof/v1');
    assert.equal(proof.leaf_index, seq);
    const verify = await get<{ ok: boolean }>(`${base}/custody/verify`);
    assert.equal(verify.ok, true);
  });

  it('exports the case as CSV and GeoJSON downloads', async () => {
    for (const format of ['csv', 'geojson']) {
      const res = await server.request('viewer', 'GET', `${base}/exports/${format}`);
      assert.equal(res.status, 200);
      assert.match(res.headers.get('content-disposition') ?? '', /attachment/);
      assert.ok((await res.text()).length > 0);
    }
  });
});

describe('URL ingest', () => {
  it('refuses loopback and private addresses through the SSRF guard', async () => {
    const res = await server.request('analyst', 'POST', `${base}/ingest/urls`, {
      body: { urls: [`${server.url}/api/health`, 'http://10.0.0.1/report', 'http://169.254.169.254/latest/meta-data'] },
    });
    const body = (await res.json()) as { items: { status: string; error?: string }[] };
    assert.equal(res.status, 200);
    assert.deepEqual(
      body.items.map((i) => i.status),
      ['error', 'error', 'error'],
    );
    for (const item of body.items) assert.match(item.error ?? '', /not public|private|loopback|link-local|refus/i);
  });
});

describe('extract and re-extract', () => {
  it('runs the extractor over posted text without storing it', async () => {
    const before = await get<{ items: unknown[] }>(`${base}/sources`);
    const res = await server.request('viewer', 'POST', '/api/extract', { body: { text: REPORTS[0], published: '2031-05-02' } });
    assert.equal(res.status, 200);
    const body = (await res.json()) as { document: { text: string }; attributions: unknown[] };
    assert.ok(body.attributions.length > 0);
    assert.equal((await get<{ items: unknown[] }>(`${base}/sources`)).items.length, before.items.length);
  });

  it('re-extracts a case for an analyst and refuses a viewer', async () => {
    assert.equal((await server.request('viewer', 'POST', `${base}/reextract`, { body: {} })).status, 403);
    const res = await server.request('analyst', 'POST', `${base}/reextract`, { body: { force: true } });
    assert.equal(res.status, 200, await res.clone().text());
    const body = (await res.json()) as { items: { status: string }[] };
    assert.deepEqual(
      body.items.map((i) => i.status),
      ['ok', 'ok'],
    );
  });
});
