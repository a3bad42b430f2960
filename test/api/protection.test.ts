// Protected material is redacted in every read path for callers without clearance, shown to cleared callers
// with each read logged in custody. All people, places and outlets in these texts are fictional.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { setMembership } from '../../src/store/accounts.ts';
import { listCustody } from '../../src/store/custody.ts';
import { startTestServer } from './harness.ts';

const WITNESS = 'Marta Vlasenko';
const TEXT_ONE = [
  'Fictional sample for tests: the people, places and outlets here are invented.',
  `The mayor of Dalbrook said on Tuesday that a witness, ${WITNESS}, saw trucks remove bodies from the quarry.`,
  `According to ${WITNESS}, at least 40 civilians were held in the grain depot before the trucks came.`,
  'Officials in the regional capital have not confirmed the reports, a spokesperson told the Harbour Courier.',
].join('\n\n');
const TEXT_TWO = [
  'Fictional sample for tests: an unpublished testimony from an invented person.',
  'The nurse told investigators that the clinic near the Kellmoor bridge was shelled twice in one night.',
].join('\n\n');

async function setup(dialect: 'sqlite' | 'postgres') {
  const server = await startTestServer({ dialect });
  const base = `/api/cases/${server.ownCase}`;

  async function json<T>(res: Response): Promise<T> {
    assert.ok(res.ok, `${res.status} ${res.url}`);
    return (await res.json()) as T;
  }

  const ingestOne = await json<{ items: { value?: { sourceId: string } }[] }>(
    await server.request('analyst', 'POST', `${base}/ingest/text`, { body: { text: TEXT_ONE, title: 'Dalbrook quarry report' } }),
  );
  const ingestTwo = await json<{ items: { value?: { sourceId: string } }[] }>(
    await server.request('analyst', 'POST', `${base}/ingest/text`, { body: { text: TEXT_TWO, title: 'Kellmoor clinic testimony' } }),
  );
  const sourceOne = ingestOne.items[0]?.value?.sourceId ?? '';
  const sourceTwo = ingestTwo.items[0]?.value?.sourceId ?? '';
  const stored = await json<{ text: string }>(await server.request('viewer', 'GET', `${base}/sources/${sourceOne}`));
  const at = stored.text.indexOf(WITNESS);

  const spanRes = await server.request('analyst', 'POST', `${base}/protections`, {
    body: { kind: 'span', objectId: sourceOne, span: { start: at, end: at + WITNESS.length }, reason: 'witness at risk', terms: ['Vlasenko'] },
  });
  const sourceRes = await server.request('analyst', 'POST', `${base}/protections`, {
    body: { kind: 'source', objectId: sourceTwo, reason: 'unpublished testimony' },
  });
  await setMembership(server.store.db, { caseId: server.ownCase, userId: server.users.lead.id, role: 'lead', cleared: true });
  return { server, base, sourceOne, sourceTwo, stored, at, spanRes, sourceRes };
}

function suite(dialect: string, ctx: Awaited<ReturnType<typeof setup>>): void {
  const { server, base, sourceOne, sourceTwo, stored, at, spanRes, sourceRes } = ctx;
  /** Every read path an uncleared viewer has, as raw response text. */
  async function readPaths(persona: 'viewer' | 'lead'): Promise<Record<string, string>> {
    const paths = [
      `${base}/sources`,
      `${base}/sources/${sourceOne}`,
      `${base}/sources/${sourceTwo}`,
      `${base}/sources/${sourceOne}/extraction`,
      `${base}/sources/${sourceOne}/extraction?view=original`,
      `${base}/sources/${sourceTwo}/extraction`,
      `${base}/sources/${sourceOne}/view`,
      `${base}/sources/${sourceTwo}/view`,
      `${base}/attributions?limit=500`,
      `${base}/actors?limit=500`,
      `${base}/figures`,
      `${base}/places`,
      `${base}/allegations?limit=500`,
      `${base}/protections`,
      `${base}/custody?limit=500`,
      `${base}/search?q=trucks`,
      `${base}/search?q=witness`,
      `${base}/search?q=clinic`,
      `${base}/search?q=nurse`,
      `${base}/exports/json?includeText=true`,
      `${base}/exports/csv`,
      `${base}/exports/dossier`,
      `${base}/exports/dossier-md`,
      `${base}/exports/geojson`,
    ];
    const out: Record<string, string> = {};
    for (const path of paths) {
      const res = await server.request(persona, 'GET', path);
      out[path] = `${res.status} ${await res.text()}`;
    }
    return out;
  }

  describe(`protections (${dialect})`, () => {
    it('are created by an analyst with a reason', () => {
      assert.equal(spanRes.status, 201);
      assert.equal(sourceRes.status, 201);
      assert.ok(at >= 0);
    });

    it('redact the protected span and source in every read path for a viewer without clearance', async () => {
      const reads = await readPaths('viewer');
      for (const [path, text] of Object.entries(reads)) {
        assert.ok(!text.startsWith('5'), `${path} failed: ${text.slice(0, 200)}`);
        assert.ok(!text.includes('Vlasenko'), `${path} leaks the protected name`);
        assert.ok(!/nurse told investigators|Kellmoor bridge|Kellmoor clinic/i.test(text), `${path} leaks the protected source`);
      }
      for (const [path, text] of Object.entries(reads)) {
        if (!path.endsWith('/original')) assert.ok(text.startsWith('200'), `${path}: ${text.slice(0, 120)}`);
      }
      assert.match(reads[`${base}/search?q=trucks`] ?? '', /"snippet"/, 'search finds the unprotected words');
      assert.match(reads[`${base}/exports/csv`] ?? '', /Dalbrook/, 'export carries the unprotected text');
      assert.match(reads[`${base}/sources/${sourceOne}`] ?? '', /\u2588{14}/, 'span masked in place, same length');
      assert.match(reads[`${base}/sources/${sourceTwo}`] ?? '', /"redacted":true/);
    });

    it('keep offsets valid: the masked text has the same length as the original', async () => {
      const viewer = (await (await server.request('viewer', 'GET', `${base}/sources/${sourceOne}`)).json()) as { text: string };
      assert.equal(viewer.text.length, stored.text.length);
      assert.equal(viewer.text.slice(at, at + WITNESS.length), '\u2588'.repeat(WITNESS.length));
    });

    it('mask their reasons and terms for a viewer without clearance', async () => {
      const res = await server.request('viewer', 'GET', `${base}/protections`);
      const body = (await res.json()) as { items: { reason: string; terms: string[] }[] };
      assert.equal(body.items.length, 2);
      for (const p of body.items) {
        assert.match(p.reason, /^\u2588+$/);
        assert.ok(p.terms.every((t) => /^\u2588+$/.test(t)));
      }
    });

    it('refuse the original bytes to a viewer without clearance', async () => {
      const res = await server.request('viewer', 'GET', `${base}/sources/${sourceOne}/original`);
      assert.equal(res.status, 403);
    });

    it('return nothing when an uncleared viewer searches for the protected name', async () => {
      const res = await server.request('viewer', 'GET', `${base}/search?q=Vlasenko`);
      assert.deepEqual(((await res.json()) as { items: unknown[] }).items, []);
    });

    it('show protected material to a cleared lead and record each such read in the custody log', async () => {
      const before = (await listCustody(server.store.db, { caseId: server.ownCase, limit: 10_000 })).filter(
        (e) => e.action === 'protected.read',
      ).length;
      const res = await server.request('lead', 'GET', `${base}/sources/${sourceOne}`);
      const body = (await res.json()) as { text: string };
      assert.ok(body.text.includes(WITNESS));
      const original = await server.request('lead', 'GET', `${base}/sources/${sourceOne}/original`);
      assert.equal(original.status, 200);
      assert.equal(original.headers.get('x-content-sha256')?.length, 64);
      const entries = await listCustody(server.store.db, { caseId: server.ownCase, limit: 10_000 });
      assert.equal(entries.at(-1)?.objectId, sourceOne, 'the original download is logged');
      const after = (await listCustody(server.store.db, { caseId: server.ownCase, limit: 10_000 })).filter(
        (e) => e.action === 'protected.read',
      );
      assert.ok(after.length > before, 'protected read logged');
      assert.equal(after.at(-1)?.actor, 'user:lead-user');
    });

    it('never write protected material to the server logs', async () => {
      await readPaths('lead');
      await readPaths('viewer');
      const logs = server.logs.join('\n');
      assert.ok(!logs.includes('Vlasenko'));
      assert.ok(!logs.includes('Kellmoor'));
    });

    it('can only be lifted by a cleared lead', async () => {
      const { id } = (await spanRes.clone().json()) as { id: string };
      await setMembership(server.store.db, { caseId: server.ownCase, userId: server.users.lead.id, role: 'lead', cleared: false });
      const refused = await server.request('lead', 'DELETE', `${base}/protections/${id}`);
      assert.equal(refused.status, 403);
      await setMembership(server.store.db, { caseId: server.ownCase, userId: server.users.lead.id, role: 'lead', cleared: true });
    });
  });
}

suite('sqlite', await setup('sqlite'));
suite('postgres', await setup('postgres'));
