// The serve composition root and the account commands, end to end. Names are fictional.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { describe, it } from 'node:test';
import { loadConfig } from '../../src/config.ts';
import { startServer } from '../../src/server.ts';
import { ensureCase } from '../../src/store/cases.ts';
import { openStore } from '../../src/store/index.ts';
import { tempDir } from '../helpers/temp.ts';

const dir = tempDir();
const db = join(dir, 'serve.sqlite');
const env = { ...process.env, CORROBORATE_DB: db, CORROBORATE_HOME: join(dir, 'home'), CORROBORATE_ACTOR: 'cli:test' };

function cli(args: string[], input?: string): { status: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, ['bin/corroborate.js', ...args], { env, input, encoding: 'utf8' });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

const quiet = new Writable({ write: (_c, _e, done) => done() });

describe('startServer', () => {
  it('refuses to bind beyond loopback without TLS', async () => {
    const store = await openStore({ url: db });
    try {
      await assert.rejects(
        startServer({ store, config: loadConfig(env), env: {}, overrides: { host: '0.0.0.0', port: 0 }, logDestination: quiet }),
        /without TLS/,
      );
    } finally {
      await store.close();
    }
  });

  it('serves the API on loopback', async () => {
    const store = await openStore({ url: db });
    try {
      const server = await startServer({ store, config: loadConfig(env), env: {}, overrides: { port: 0 }, logDestination: quiet });
      const res = await fetch(`${server.url}/api/health`);
      assert.equal(res.status, 200);
      await server.close();
    } finally {
      await store.close();
    }
  });
});

describe('corroborate user / member / token', () => {
  it('creates the first administrator from a password on standard input, never a default one', () => {
    const none = cli(['user', 'add', 'first-admin', '--admin', '--password-stdin'], '');
    assert.notEqual(none.status, 0);
    const weak = cli(['user', 'add', 'first-admin', '--admin', '--password-stdin'], 'short\n');
    assert.notEqual(weak.status, 0);
    assert.match(weak.stderr, /at least 12/);
    const ok = cli(['user', 'add', 'first-admin', '--admin', '--password-stdin'], 'a fictional long passphrase\n');
    assert.equal(ok.status, 0, ok.stderr);
    assert.match(ok.stdout, /created administrator first-admin/);
  });

  it('gives a user a role on a case and refuses an unknown role', async () => {
    assert.equal(cli(['user', 'add', 'field-analyst', '--password-stdin'], 'another fictional passphrase\n').status, 0);
    const store = await openStore({ url: db });
    await ensureCase(store.db, 'Fictional Vale 2031');
    await store.close();
    const added = cli(['member', 'add', 'Fictional Vale 2031', 'field-analyst', 'analyst', '--cleared']);
    assert.equal(added.status, 0, added.stderr);
    assert.equal(cli(['member', 'add', 'Fictional Vale 2031', 'field-analyst', 'owner']).status, 1);
    const listed = cli(['member', 'list', 'Fictional Vale 2031']);
    assert.match(listed.stdout, /field-analyst {2}analyst {2}cleared/);
  });

  it('creates, lists and revokes a read token', () => {
    const created = cli(['token', 'create', 'first-admin', 'nightly export']);
    assert.equal(created.status, 0, created.stderr);
    const token = created.stdout.trim();
    assert.match(token, /^crb_[\w-]+\.[\w-]+$/);
    const listed = cli(['token', 'list', 'first-admin']);
    assert.ok(!listed.stdout.includes(token.split('.')[1] ?? 'x'), 'the secret is never listed');
    const id = token.slice(4).split('.')[0] ?? '';
    assert.equal(cli(['token', 'revoke', id]).status, 0);
  });
});
