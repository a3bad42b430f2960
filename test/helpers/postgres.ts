import { randomBytes } from 'node:crypto';
import pg from 'pg';

/** Where the PostgreSQL server is (CI and the dev machines run one on loopback with trust auth). */
export const POSTGRES_ADMIN_URL = process.env.CORROBORATE_TEST_PG ?? 'postgres://postgres@127.0.0.1:5432/postgres';

/** Creates an empty database for one test suite; returns its URL and a function that drops it. */
export async function createTestDatabase(): Promise<{ url: string; drop: () => Promise<void> }> {
  const name = `corroborate_test_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: POSTGRES_ADMIN_URL });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = POSTGRES_ADMIN_URL.replace(/\/[^/]*$/, `/${name}`);
  return {
    url,
    async drop() {
      const client = new pg.Client({ connectionString: POSTGRES_ADMIN_URL });
      await client.connect();
      await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await client.end();
    },
  };
}
