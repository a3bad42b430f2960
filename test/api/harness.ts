// Test harness for the API: a real server on loopback over a real store (SQLite in a temp folder, or a
// fresh PostgreSQL database), with users for every role. Sample names here are fictional.
import { after } from 'node:test';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { serve } from '@hono/node-server';
import pino from 'pino';
import { createApp, loadApiConfig, type ApiConfig, type ApiDeps } from '../../src/api/index.ts';
import { createSession, createUser, setMembership, type CaseRole, type User } from '../../src/store/accounts.ts';
import { ensureCase } from '../../src/store/cases.ts';
import { appendCustody } from '../../src/store/custody.ts';
import { openStore, type Store } from '../../src/store/index.ts';
import { createTestDatabase } from '../helpers/postgres.ts';
import { tempDir } from '../helpers/temp.ts';

/** Who a matrix request is made as. */
export type Persona = 'anonymous' | 'outsider' | CaseRole | 'admin';

/** Every persona, weakest first. */
export const PERSONAS: readonly Persona[] = ['anonymous', 'outsider', 'viewer', 'analyst', 'lead', 'admin'];

/** Fast argon2id parameters for tests only; the default stays at production strength. */
export const TEST_HASH = { memoryCost: 1024, timeCost: 1, parallelism: 1 } as const;

/** A running test server. */
export interface TestServer {
  readonly url: string;
  readonly store: Store;
  readonly deps: ApiDeps;
  /** Every log line the server wrote, parsed. */
  readonly logs: string[];
  /** Case the personas belong to, and a case they do not. */
  readonly ownCase: string;
  readonly otherCase: string;
  readonly users: Readonly<Record<Exclude<Persona, 'anonymous'>, User>>;
  /** A fresh session for a persona: cookie header value and CSRF token. */
  session(persona: Exclude<Persona, 'anonymous'>): Promise<{ cookie: string; csrf: string }>;
  /** Makes a request as a persona (session auth with CSRF header unless `csrf: false`). */
  request(
    persona: Persona,
    method: string,
    path: string,
    options?: { body?: unknown; csrf?: boolean; headers?: Record<string, string> },
  ): Promise<Response>;
  close(): Promise<void>;
}

/** A password that satisfies the policy; fictional. */
export const PASSWORD = 'correct horse battery staple 42';

/** Starts a server on 127.0.0.1 with a fresh store; closes it when the test file ends. */
export async function startTestServer(
  options: { dialect?: 'sqlite' | 'postgres'; config?: Partial<ApiConfig> } = {},
): Promise<TestServer> {
  let store: Store;
  let drop: () => Promise<void> = () => Promise.resolve();
  if (options.dialect === 'postgres') {
    const pg = await createTestDatabase();
    store = await openStore({ url: pg.url });
    drop = pg.drop;
  } else {
    store = await openStore({ url: join(tempDir('corroborate-api-'), 'api.sqlite') });
  }
  const logs: string[] = [];
  const sink = new Writable({
    write(chunk: Buffer, _enc, done) {
      logs.push(chunk.toString('utf8'));
      done();
    },
  });
  const config = loadApiConfig(
    {},
    { hash: TEST_HASH, webRoot: join(tempDir('corroborate-web-'), 'dist'), logLevel: 'info', ...options.config },
  );
  const deps: ApiDeps = {
    store,
    config,
    logger: pino({ level: 'info' }, sink),
    custody: async (record) => {
      await appendCustody(store.db, store.dialect, record);
    },
    validateResponses: true,
    keyDir: tempDir('corroborate-key-'),
  };
  const app = createApp(deps);
  const server = serve({ fetch: app.fetch, hostname: '127.0.0.1', port: 0 });
  await new Promise<void>((resolve) => server.once('listening', () => resolve()));
  const port = (server.address() as AddressInfo).port;
  const url = `http://127.0.0.1:${port}`;

  const own = await ensureCase(store.db, 'Harbour Town 2031 (fictional)');
  const other = await ensureCase(store.db, 'Riverside 2032 (fictional)');
  const users = {} as Record<Exclude<Persona, 'anonymous'>, User>;
  for (const persona of ['outsider', 'viewer', 'analyst', 'lead', 'admin'] as const) {
    users[persona] = await createUser(
      store.db,
      { name: `${persona}-user`, password: PASSWORD, admin: persona === 'admin' },
      { hash: TEST_HASH },
    );
    if (persona === 'viewer' || persona === 'analyst' || persona === 'lead') {
      await setMembership(store.db, { caseId: own.id, userId: users[persona].id, role: persona });
    }
  }

  const session = async (persona: Exclude<Persona, 'anonymous'>) => {
    const s = await createSession(store.db, users[persona].id, 3_600_000);
    return { cookie: `corroborate_session=${s.token}`, csrf: s.csrfToken };
  };

  let closed = false;
  const close = async () => {
    if (closed) return;
    closed = true;
    await new Promise<void>((resolve) => server.close(() => resolve()));
    await store.close();
    await drop();
  };
  after(close);

  return {
    url,
    store,
    deps,
    logs,
    ownCase: own.id,
    otherCase: other.id,
    users,
    session,
    async request(persona, method, path, opts = {}) {
      const headers: Record<string, string> = { ...opts.headers };
      if (persona !== 'anonymous') {
        const s = await session(persona);
        headers.cookie = s.cookie;
        if (opts.csrf !== false) headers['x-csrf-token'] = s.csrf;
      }
      let body: string | undefined;
      if (opts.body !== undefined) {
        body = JSON.stringify(opts.body);
        headers['content-type'] = 'application/json';
      }
      return fetch(`${url}${path}`, { method, headers, body });
    },
    close,
  };
}
