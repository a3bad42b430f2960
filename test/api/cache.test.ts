// The per-process caches of the API (verified callers, memberships, policies, finished responses) never serve
// what the store no longer says: changes through this process and, on SQLite, through another connection to
// the same file (as the CLI makes them) take effect on the next request. Names here are fictional.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { StoreCache } from '../../src/api/cache.ts';
import {
  createApiToken,
  createSession,
  removeMembership,
  revokeApiToken,
  setMembership,
  setUserDisabled,
} from '../../src/store/accounts.ts';
import { listCustody } from '../../src/store/custody.ts';
import type { ChangeMarker } from '../../src/store/database.ts';
import { openStore, type Store } from '../../src/store/index.ts';
import { startTestServer, type TestServer } from './harness.ts';

const TEXT = [
  'Fictional sample for tests: the people and places here are invented.',
  'A volunteer, Ilse Marrow, said the ferry to Brackwater was stopped twice by armed men on Monday.',
].join('\n\n');

function bearer(token: string): { authorization: string } {
  return { authorization: `Bearer ${token}` };
}

async function get(server: TestServer, path: string, headers: Record<string, string>): Promise<Response> {
  return fetch(`${server.url}${path}`, { headers });
}

describe('StoreCache', () => {
  function marker(exact: boolean): ChangeMarker & { value: number } {
    return {
      exact,
      value: 0,
      current() {
        return String(this.value);
      },
    };
  }

  it('reuses a value until the marker moves, shares a pending load, and keeps no undefined or failed loads', async () => {
    const changes = marker(true);
    const cache = new StoreCache(changes);
    let loads = 0;
    const load = () => Promise.resolve(++loads);
    cache.sync();
    const [a, b] = await Promise.all([cache.get('k', load), cache.get('k', load)]);
    assert.deepEqual([a, b, loads], [1, 1, 1]);
    assert.equal(await cache.get('k', load), 1);
    changes.value++;
    assert.equal(await cache.get('k', load), 1, 'a request sees the cache as of its start');
    cache.sync();
    assert.equal(await cache.get('k', load), 2, 'the next request sees the write');
    let empty = 0;
    await cache.get('none', () => Promise.resolve((empty++, undefined)));
    await cache.get('none', () => Promise.resolve((empty++, undefined)));
    assert.equal(empty, 2);
    await assert.rejects(cache.get('bad', () => Promise.reject(new Error('boom'))));
    assert.equal(await cache.get('bad', () => Promise.resolve('ok')), 'ok');
  });

  it('expires entries after their maximum age', async () => {
    const cache = new StoreCache(marker(false), 20);
    cache.sync();
    let loads = 0;
    await cache.get('k', () => Promise.resolve(++loads));
    await new Promise((resolve) => setTimeout(resolve, 40));
    await cache.get('k', () => Promise.resolve(++loads));
    assert.equal(loads, 2);
  });
});

for (const dialect of ['sqlite', 'postgres'] as const) {
  describe(`API caches see every change (${dialect})`, async () => {
    const server = await startTestServer({ dialect });
    const base = `/api/cases/${server.ownCase}`;
    // A second connection to the same database, as `corroborate token revoke` or `user disable` would open.
    const other: Store = dialect === 'sqlite' ? await openStore({ url: server.store.location }) : server.store;
    const elsewhere = dialect === 'sqlite' ? 'another connection' : 'this process';

    it(`refuses a token revoked through ${elsewhere} on the next request`, async () => {
      const { token, record } = await createApiToken(server.store.db, {
        userId: server.users.viewer.id,
        name: 'cache test',
        cases: null,
        permission: 'read',
      });
      assert.equal((await get(server, base, bearer(token))).status, 200);
      assert.equal((await get(server, base, bearer(token))).status, 200);
      await revokeApiToken(other.db, record.id);
      assert.equal((await get(server, base, bearer(token))).status, 401);
    });

    it(`drops a session of a user disabled through ${elsewhere}`, async () => {
      const session = await createSession(server.store.db, server.users.analyst.id, 3_600_000);
      const cookie = { cookie: `corroborate_session=${session.token}` };
      assert.equal((await get(server, base, cookie)).status, 200);
      await setUserDisabled(other.db, server.users.analyst.id, true);
      try {
        assert.equal((await get(server, base, cookie)).status, 401);
      } finally {
        await setUserDisabled(other.db, server.users.analyst.id, false);
      }
    });

    it(`applies a membership removed through ${elsewhere} on the next request`, async () => {
      const { token } = await createApiToken(server.store.db, {
        userId: server.users.lead.id,
        name: 'membership cache test',
        cases: null,
        permission: 'read',
      });
      assert.equal((await get(server, `${base}/sources`, bearer(token))).status, 200);
      await removeMembership(other.db, server.ownCase, server.users.lead.id);
      try {
        assert.equal((await get(server, `${base}/sources`, bearer(token))).status, 403);
      } finally {
        await setMembership(other.db, { caseId: server.ownCase, userId: server.users.lead.id, role: 'lead' });
      }
      assert.equal((await get(server, `${base}/sources`, bearer(token))).status, 200);
    });

    it('never replays a read from before a change: new sources, new protections, tokens of other scopes', async () => {
      const { token } = await createApiToken(server.store.db, {
        userId: server.users.viewer.id,
        name: 'replay test',
        cases: null,
        permission: 'read',
      });
      const before = await get(server, base, bearer(token));
      const again = await get(server, base, bearer(token));
      const etag = before.headers.get('etag');
      assert.ok(etag !== null);
      assert.equal(again.headers.get('etag'), etag);
      assert.deepEqual(await again.json(), await before.json());
      assert.notEqual(again.headers.get('x-request-id'), before.headers.get('x-request-id'));
      assert.equal((await get(server, base, { ...bearer(token), 'if-none-match': etag })).status, 304);

      const ingest = await server.request('analyst', 'POST', `${base}/ingest/text`, { body: { text: TEXT, title: 'Ferry report' } });
      assert.ok(ingest.ok, String(ingest.status));
      const sourceId = ((await ingest.json()) as { items: { value?: { sourceId: string } }[] }).items[0]?.value?.sourceId ?? '';
      const after = await get(server, base, bearer(token));
      assert.notEqual(after.headers.get('etag'), etag);

      const text = async () => (await (await get(server, `${base}/sources/${sourceId}`, bearer(token))).json()) as { text: string };
      assert.ok((await text()).text.includes('Ilse Marrow'));
      assert.ok((await text()).text.includes('Ilse Marrow'));
      const protect = await server.request('lead', 'POST', `${base}/protections`, {
        body: { kind: 'source', objectId: sourceId, reason: 'volunteer at risk' },
      });
      assert.ok(protect.status < 300, String(protect.status));
      assert.ok(!(await text()).text.includes('Ilse Marrow'), 'the protection applies to the next read');

      // A token scoped to the other case must not get the listing made for an unscoped token of the same user.
      const scoped = await createApiToken(server.store.db, {
        userId: server.users.viewer.id,
        name: 'other case',
        cases: [server.otherCase],
        permission: 'read',
      });
      assert.equal((await get(server, base, bearer(scoped.token))).status, 403);
    });

    it('logs every read of protected material by a cleared caller, even when repeated', async () => {
      await setMembership(server.store.db, { caseId: server.ownCase, userId: server.users.lead.id, role: 'lead', cleared: true });
      const { token } = await createApiToken(server.store.db, {
        userId: server.users.lead.id,
        name: 'cleared reader',
        cases: null,
        permission: 'read',
      });
      const path = `${base}/attributions?limit=500`;
      const count = async () =>
        (await listCustody(server.store.db, { caseId: server.ownCase, limit: 500 })).filter(
          (e) => e.action === 'protected.read' && e.actor === `user:${server.users.lead.name}`,
        ).length;
      // The first read may or may not touch the protected name (extraction decides); the search does.
      const searchPath = `${base}/search?q=ferry`;
      const first = await count();
      const r1 = await get(server, searchPath, bearer(token));
      assert.equal(r1.status, 200);
      assert.ok((await r1.text()).includes('Marrow'));
      const second = await count();
      assert.equal(second, first + 1);
      await (await get(server, searchPath, bearer(token))).arrayBuffer();
      assert.equal(await count(), second + 1);
      assert.equal((await get(server, path, bearer(token))).status, 200);
    });

    if (dialect === 'sqlite') {
      it('closes the second connection', async () => {
        await other.close();
      });
    }
  });
}
