// `corroborate demo --serve` (what `npm start` runs): ingests the sample case, creates the demo
// administrator with a random password printed once, and serves the workspace on loopback.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { tempDir } from '../helpers/temp.ts';

function waitFor(output: () => string, pattern: RegExp, ms: number): Promise<RegExpMatchArray> {
  return new Promise((resolve, reject) => {
    const started = Date.now();
    const timer = setInterval(() => {
      const match = output().match(pattern);
      if (match !== null) {
        clearInterval(timer);
        resolve(match);
      } else if (Date.now() - started > ms) {
        clearInterval(timer);
        reject(new Error(`timed out waiting for ${String(pattern)}; output so far:\n${output()}`));
      }
    }, 100);
  });
}

describe('demo --serve', () => {
  it('serves the sample case to the demo administrator signed in with the printed password', async () => {
    const dir = tempDir();
    const child = spawn(process.execPath, ['bin/corroborate.js', 'demo', '--serve', '--port', '0'], {
      env: {
        ...process.env,
        CORROBORATE_DB: join(dir, 'demo.db'),
        CORROBORATE_HOME: join(dir, 'home'),
        CORROBORATE_LOG_LEVEL: 'silent',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (out += chunk.toString()));
    try {
      const [, url] = await waitFor(() => out, /Workspace: (http:\/\/127\.0\.0\.1:\d+)\//, 240_000);
      const [, password] = await waitFor(() => out, /with password (\S+)/, 5_000);
      assert.ok(url !== undefined && password !== undefined);
      const page = await fetch(`${url}/`);
      assert.equal(page.status, 200);
      assert.match(await page.text(), /<div id="root">|<html/i);

      const refused = await fetch(`${url}/api/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ name: 'demo', password: 'not-the-password' }),
      });
      assert.equal(refused.status, 401);

      const login = await fetch(`${url}/api/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ name: 'demo', password }),
      });
      assert.equal(login.status, 200);
      const cookie = (login.headers.getSetCookie() ?? []).map((c) => c.split(';')[0]).join('; ');
      const cases = await fetch(`${url}/api/cases`, { headers: { cookie } });
      assert.equal(cases.status, 200);
      const body = (await cases.json()) as { items?: { name: string }[] };
      assert.ok(JSON.stringify(body).includes('"sample"'), 'the sample case is listed');
    } finally {
      child.kill('SIGTERM');
      await new Promise((resolve) => child.once('exit', resolve));
    }
  });
});
