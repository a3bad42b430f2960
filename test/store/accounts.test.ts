// Accounts, sessions, tokens, memberships and protections on SQLite and PostgreSQL (same contract).
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import {
  DEFAULT_HASH_PARAMS,
  authenticate,
  createApiToken,
  createSession,
  createUser,
  csrfMatches,
  findApiToken,
  findSession,
  getMembership,
  revokeApiToken,
  setClearance,
  setMembership,
  setUserDisabled,
} from '../../src/store/accounts.ts';
import { ensureCase } from '../../src/store/cases.ts';
import { openStore, type Store } from '../../src/store/index.ts';
import { addProtection, listProtections, removeProtection } from '../../src/store/protection.ts';
import { createTestDatabase } from '../helpers/postgres.ts';
import { tempDir } from '../helpers/temp.ts';

const HASH = { memoryCost: 1024, timeCost: 1, parallelism: 1 };
const PASSWORD = 'a long fictional passphrase';
const POLICY = { maxFailures: 3, windowMs: 60_000, lockMs: 60_000, maxPerAddress: 100 };

function runAccountsContract(name: string, createStore: () => Promise<Store>): void {
  describe(`accounts (${name})`, () => {
    it('hashes passwords with argon2id and never stores them', async () => {
      const store = await createStore();
      try {
        const user = await createUser(store.db, { name: 'ana', password: PASSWORD, admin: true }, { hash: HASH });
        const row = await store.db.selectFrom('users').selectAll().where('id', '=', user.id).executeTakeFirstOrThrow();
        assert.match(row.password_hash, /^\$argon2id\$/);
        assert.ok(!row.password_hash.includes(PASSWORD));
        const ok = await authenticate(store.db, { name: 'ana', password: PASSWORD, ip: '127.0.0.1' }, { hash: HASH });
        assert.equal(ok.id, user.id);
      } finally {
        await store.close();
      }
    });

    it('refuses short passwords and duplicate names', async () => {
      const store = await createStore();
      try {
        await assert.rejects(createUser(store.db, { name: 'bo', password: 'short' }, { hash: HASH }), /at least 12/);
        await createUser(store.db, { name: 'bo', password: PASSWORD }, { hash: HASH });
        await assert.rejects(createUser(store.db, { name: 'bo', password: PASSWORD }, { hash: HASH }), /already exists/);
      } finally {
        await store.close();
      }
    });

    it('locks a name after repeated failures and unlocks it when the lock expires', async () => {
      const store = await createStore();
      try {
        await createUser(store.db, { name: 'cy', password: PASSWORD }, { hash: HASH });
        let now = new Date('2031-01-01T00:00:00Z');
        const options = { hash: HASH, login: POLICY, now: () => now };
        for (let i = 0; i < 3; i++) {
          await assert.rejects(authenticate(store.db, { name: 'cy', password: 'wrong', ip: '10.0.0.1' }, options), /wrong user name/);
        }
        await assert.rejects(authenticate(store.db, { name: 'cy', password: PASSWORD, ip: '10.0.0.1' }, options), /locked/);
        now = new Date('2031-01-01T00:02:00Z');
        const user = await authenticate(store.db, { name: 'cy', password: PASSWORD, ip: '10.0.0.1' }, options);
        assert.equal(user.name, 'cy');
      } finally {
        await store.close();
      }
    });

    it('keeps sessions by hash, checks CSRF tokens and expires them', async () => {
      const store = await createStore();
      try {
        const user = await createUser(store.db, { name: 'di', password: PASSWORD }, { hash: HASH });
        const s = await createSession(store.db, user.id, 60_000);
        const rows = await store.db.selectFrom('sessions').selectAll().execute();
        assert.ok(rows.every((r) => r.id_hash !== s.token && r.csrf_hash !== s.csrfToken));
        const found = await findSession(store.db, s.token);
        assert.ok(found !== undefined && csrfMatches(found, s.csrfToken) && !csrfMatches(found, 'nope'));
        assert.equal(await findSession(store.db, s.token, { now: () => new Date(Date.now() + 120_000) }), undefined);
        await setUserDisabled(store.db, user.id, true);
        assert.equal(await findSession(store.db, s.token), undefined);
      } finally {
        await store.close();
      }
    });

    it('scopes, expires and revokes API tokens', async () => {
      const store = await createStore();
      try {
        const user = await createUser(store.db, { name: 'ed', password: PASSWORD }, { hash: HASH });
        const t = await createApiToken(store.db, { userId: user.id, name: 'script', cases: ['c1'], permission: 'read' });
        const found = await findApiToken(store.db, t.token);
        assert.deepEqual(found?.token.cases, ['c1']);
        assert.equal(found?.token.permission, 'read');
        assert.equal(await findApiToken(store.db, `${t.token}x`), undefined);
        await revokeApiToken(store.db, t.record.id, user.id);
        assert.equal(await findApiToken(store.db, t.token), undefined);
        const expiring = await createApiToken(store.db, {
          userId: user.id,
          name: 'short',
          cases: null,
          permission: 'write',
          expiresAt: '2000-01-01T00:00:00Z',
        });
        assert.equal(await findApiToken(store.db, expiring.token), undefined);
      } finally {
        await store.close();
      }
    });

    it('gives roles and clearance per case and records protections', async () => {
      const store = await createStore();
      try {
        const user = await createUser(store.db, { name: 'fa', password: PASSWORD }, { hash: HASH });
        const kase = await ensureCase(store.db, 'Fictional case');
        await setMembership(store.db, { caseId: kase.id, userId: user.id, role: 'analyst' });
        assert.equal((await getMembership(store.db, kase.id, user.id))?.cleared, false);
        await setClearance(store.db, kase.id, user.id, true);
        const m = await setMembership(store.db, { caseId: kase.id, userId: user.id, role: 'lead' });
        assert.equal(m.role, 'lead');
        assert.equal(m.cleared, true, 'changing the role keeps clearance');
        const p = await addProtection(store.db, {
          caseId: kase.id,
          kind: 'span',
          objectId: 'src_x',
          span: { start: 3, end: 9 },
          terms: ['Invented Name', 'In', 'Invented Name'],
          reason: 'witness',
          createdBy: 'fa',
        });
        assert.deepEqual(p.terms, ['Invented Name']);
        assert.equal((await listProtections(store.db, kase.id)).length, 1);
        await removeProtection(store.db, kase.id, p.id);
        assert.equal((await listProtections(store.db, kase.id)).length, 0);
        await assert.rejects(
          addProtection(store.db, { caseId: kase.id, kind: 'actor', objectId: 'a', terms: [], reason: ' ', createdBy: 'fa' }),
          /reason is required/,
        );
      } finally {
        await store.close();
      }
    });
  });
}

describe('DEFAULT_HASH_PARAMS', () => {
  it('uses at least 19 MiB and two passes of argon2id by default', () => {
    assert.ok(DEFAULT_HASH_PARAMS.memoryCost >= 19_456);
    assert.ok(DEFAULT_HASH_PARAMS.timeCost >= 2);
  });
});

const dir = tempDir();
let n = 0;
runAccountsContract('sqlite', () => openStore({ url: join(dir, `accounts${n++}.sqlite`) }));

const pg = await createTestDatabase();
after(() => pg.drop());
runAccountsContract('postgres', async () => {
  const store = await openStore({ url: pg.url });
  for (const table of ['protections', 'memberships', 'api_tokens', 'sessions', 'login_attempts', 'users'] as const) {
    await store.db.deleteFrom(table).execute();
  }
  await store.db.deleteFrom('cases').where('name', '=', 'Fictional case').execute();
  return store;
});
