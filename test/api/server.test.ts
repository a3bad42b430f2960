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
import { createUser } from '../../src/store/accounts.ts';
import type { CliDeps, Command } from '../../src/cli/command.ts';
import { memberCommand } from '../../src/cli/commands/member.ts';
import { tokenCommand } from '../../src/cli/commands/token.ts';
import { TEST_HASH } from './harness.ts';
import { tempDir } from '../helpers/temp.ts';

const dir = tempDir();
const db = join(dir, 'serve.sqlite');
const env = { ...process.env, CORROBORATE_DB: db, CORROBORATE_HOME: join(dir, 'home'), CORROBORATE_ACTOR: 'cli:test' };

function cli(args: string[], input?: string): { status: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, ['bin/corroborate.js', ...args], { env, input, encoding: 'utf8' });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

const quiet = new Writable({ write: (_c, _e, done) => done() });

/** Runs a command in-process with the CLI's dependencies; resolves to its exit code and stdout. */
async function run(command: Command, argv: string[]): Promise<{ code: number; out: string }> {
  let out = '';
  const stdout = new Writable({
    write(chunk: Buffer, _e, done) {
      out += chunk.toString('utf8');
      done();
    },
  });
  const config = loadConfig(env);
  const deps: CliDeps = { config, stdout, stderr: quiet, cwd: dir, openStore: (override) => openStore({ url: override ?? db }) };
  const code = await command.run(argv.slice(1), deps);
  return { code, out };
}

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
    // One real process: the password path through standard input, end to end.
    const ok = cli(['user', 'add', 'first-admin', '--admin', '--password-stdin'], 'a fictional long passphrase\n');
    assert.equal(ok.status, 0, ok.stderr);
    assert.match(ok.stdout, /created administrator first-admin/);
  });

  it('gives a user a role and clearance on a case and refuses an unknown role', async () => {
    const store = await openStore({ url: db });
    await createUser(store.db, { name: 'field-analyst', password: 'another fictional passphrase' }, { hash: TEST_HASH });
    await ensureCase(store.db, 'Fictional Vale 2031');
    await store.close();
    assert.equal((await run(memberCommand, ['member', 'add', 'Fictional Vale 2031', 'field-analyst', 'analyst', '--cleared'])).code, 0);
    await assert.rejects(run(memberCommand, ['member', 'add', 'Fictional Vale 2031', 'field-analyst', 'owner']), /role 'owner'/);
    const listed = await run(memberCommand, ['member', 'list', 'Fictional Vale 2031']);
    assert.match(listed.out, /field-analyst {2}analyst {2}cleared/);
  });

  it('prints a token once, never lists its secret, and revokes it', async () => {
    const created = await run(tokenCommand, ['token', 'create', 'field-analyst', 'nightly export', '--case', 'Fictional Vale 2031']);
    const token = created.out.trim();
    assert.match(token, /^crb_[\w-]+\.[\w-]+$/);
    const listed = await run(tokenCommand, ['token', 'list', 'field-analyst']);
    assert.ok(!listed.out.includes(token.split('.')[1] ?? 'x'), 'the secret is never listed');
    assert.match(listed.out, /nightly export {2}read/);
    const id = token.slice(4).split('.')[0] ?? '';
    assert.equal((await run(tokenCommand, ['token', 'revoke', id])).code, 0);
  });
});
