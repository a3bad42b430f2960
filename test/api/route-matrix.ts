// The route × role matrix, generated from the route table: every route, every persona, own case and
// another case. A route added to the table is tested here without further work. Run on SQLite by
// routes.test.ts and on PostgreSQL by routes-postgres.test.ts (two files, so they run side by side).
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { apiRoutes, type Access } from '../../src/api/index.ts';
import { roleRank } from '../../src/store/accounts.ts';
import { PERSONAS, type Persona, startTestServer, type TestServer } from './harness.ts';

function expectedStatus(access: Access, persona: Persona, ownCase: boolean): 'allowed' | 401 | 403 {
  if (access.kind === 'public') return 'allowed';
  if (persona === 'anonymous') return 401;
  if (access.kind === 'user') return 'allowed';
  if (access.kind === 'admin') return persona === 'admin' ? 'allowed' : 403;
  if (persona === 'admin') return 'allowed';
  if (persona === 'outsider' || !ownCase) return 403;
  return roleRank(persona) >= roleRank(access.role) ? 'allowed' : 403;
}

function fillPath(path: string, caseId: string): string {
  return path.replace(/\{(\w+)\}/g, (_m, name: string) => (name === 'caseId' ? caseId : 'no-such-id'));
}

/** The matrix against a real server over a store of the given engine. */
export function routeMatrix(dialect: 'sqlite' | 'postgres'): void {
  describe(`route table and access matrix: every route × every persona × own / other case (${dialect})`, async () => {
    const server: TestServer = await startTestServer({ dialect });

    it('declares an access rule for every route and no route twice', () => {
      const routes = apiRoutes(server.deps);
      const keys = routes.map((r) => `${r.route.method} ${r.route.path}`);
      assert.equal(new Set(keys).size, keys.length);
      for (const r of routes) {
        assert.ok(['public', 'user', 'admin', 'case'].includes(r.access.kind), keys.join());
        if (r.route.path.includes('{caseId}'))
          assert.equal(r.access.kind, 'case', `${r.route.path} must be case-scoped`);
      }
    });

    it('lists every route of the table in the OpenAPI document with its access rule', async () => {
      const doc = (await (await fetch(`${server.url}/api/openapi.json`)).json()) as {
        openapi: string;
        paths: Record<string, Record<string, { 'x-access'?: string }>>;
      };
      assert.equal(doc.openapi, '3.1.0');
      for (const r of apiRoutes(server.deps)) {
        const op = doc.paths[r.route.path]?.[r.route.method];
        assert.ok(op !== undefined, `${r.route.method} ${r.route.path} missing from the document`);
        assert.ok(typeof op['x-access'] === 'string');
      }
    });

    it('allows exactly the personas the route table grants and refuses the rest', async () => {
      const failures: string[] = [];
      for (const r of apiRoutes(server.deps)) {
        const method = r.route.method.toUpperCase();
        const caseScoped = r.route.path.includes('{caseId}');
        for (const own of caseScoped ? [true, false] : [true]) {
          const path = fillPath(r.route.path, own ? server.ownCase : server.otherCase);
          for (const persona of PERSONAS) {
            const expected = expectedStatus(r.access, persona, own);
            const res = await server.request(persona, method, path, {
              body: method === 'GET' || method === 'DELETE' ? undefined : {},
            });
            await res.arrayBuffer();
            const label = `${method} ${r.route.path} as ${persona} (${own ? 'own' : 'other'} case): got ${res.status}`;
            if (expected === 'allowed') {
              if (res.status === 401 || res.status === 403 || res.status >= 500)
                failures.push(`${label}, expected allowed`);
            } else if (res.status !== expected) {
              failures.push(`${label}, expected ${expected}`);
            }
          }
        }
      }
      assert.deepEqual(failures, []);
    });

    it('refuses every unsafe route to a read-only token and every case route outside a token scope', async () => {
      const { createApiToken } = await import('../../src/store/accounts.ts');
      const read = await createApiToken(server.store.db, {
        userId: server.users.lead.id,
        name: 'read everything',
        cases: null,
        permission: 'read',
      });
      const elsewhere = await createApiToken(server.store.db, {
        userId: server.users.admin.id,
        name: 'other case only',
        cases: [server.otherCase],
        permission: 'write',
      });
      const failures: string[] = [];
      for (const r of apiRoutes(server.deps)) {
        if (r.access.kind === 'public') continue;
        const method = r.route.method.toUpperCase();
        const path = fillPath(r.route.path, server.ownCase);
        const body = method === 'GET' || method === 'DELETE' ? undefined : '{}';
        const headers = { 'content-type': 'application/json' };
        const viaRead = await fetch(`${server.url}${path}`, {
          method,
          body,
          headers: { ...headers, authorization: `Bearer ${read.token}` },
        });
        await viaRead.arrayBuffer();
        if (method !== 'GET' && viaRead.status !== 403)
          failures.push(`read token ${method} ${r.route.path}: ${viaRead.status}`);
        if (
          method === 'GET' &&
          (viaRead.status === 401 || viaRead.status === 403) &&
          r.access.kind !== 'admin'
        ) {
          failures.push(`read token refused a read ${r.route.path}: ${viaRead.status}`);
        }
        if (r.access.kind === 'case') {
          const viaScoped = await fetch(`${server.url}${path}`, {
            method,
            body,
            headers: { ...headers, authorization: `Bearer ${elsewhere.token}` },
          });
          await viaScoped.arrayBuffer();
          if (viaScoped.status !== 403)
            failures.push(`out-of-scope token ${method} ${r.route.path}: ${viaScoped.status}`);
        }
      }
      assert.deepEqual(failures, []);
    });
  });
}
