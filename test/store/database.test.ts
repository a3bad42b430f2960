import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { openStore, type Store } from '../../src/store/index.ts';
import { createTestDatabase } from '../helpers/postgres.ts';
import { tempDir } from '../helpers/temp.ts';

function runStoreContract(name: string, createStore: () => Promise<Store>): void {
  describe(`openStore (${name})`, () => {
    it('migrates a new database and round-trips a case', async () => {
      const store = await createStore();
      try {
        await store.db
          .insertInto('cases')
          .values({ id: 'c1', name: 'default', description: null, region: null, created_at: '2026-01-01T00:00:00Z' })
          .execute();
        const rows = await store.db.selectFrom('cases').selectAll().execute();
        assert.deepEqual(
          rows.map((r) => r.name),
          ['default'],
        );
      } finally {
        await store.close();
      }
    });

    it('enforces foreign keys', async () => {
      const store = await createStore();
      try {
        await assert.rejects(
          store.db
            .insertInto('captures')
            .values({
              id: 'x',
              source_id: 'missing',
              captured_at: 'now',
              actor: 'cli',
              origin: 'a.txt',
              method: 'file',
              redirects: null,
              metadata: '{}',
            })
            .execute(),
        );
      } finally {
        await store.close();
      }
    });
  });
}

const dir = tempDir();
let n = 0;
runStoreContract('sqlite', () => openStore({ url: join(dir, `db${n++}.sqlite`) }));

const pg = await createTestDatabase();
after(() => pg.drop());
let pgOpened = false;
runStoreContract('postgres', async () => {
  const store = await openStore({ url: pg.url });
  if (!pgOpened) pgOpened = true;
  else await store.db.deleteFrom('cases').execute();
  return store;
});

describe('openStore (sqlite pragmas)', () => {
  it('uses WAL mode', async () => {
    const store = await openStore({ url: join(dir, 'wal.sqlite') });
    const { sql } = await import('kysely');
    const mode = await sql<{ journal_mode: string }>`pragma journal_mode`.execute(store.db);
    assert.equal(mode.rows[0]?.journal_mode, 'wal');
    await store.close();
  });
});
