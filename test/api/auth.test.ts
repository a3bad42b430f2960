// Accounts, sessions, CSRF, API tokens, lockout and hardening headers, against a real server on loopback.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { PASSWORD, startTestServer } from './harness.ts';

const server = await startTestServer({
  config: { login: { maxFailures: 3, windowMs: 60_000, lockMs: 60_000, maxPerAddress: 40 } },
});

async function login(name: string, password: string): Promise<Response> {
  return fetch(`${server.url}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ name, password }),
  });
}

function cookiesOf(res: Response): Map<string, string> {
  const out = new Map<string, string>();
  for (const line of res.headers.getSetCookie()) {
    const [pair] = line.split(';');
    const [name, value] = (pair ?? '').split('=');
    if (name !== undefined) out.set(name.trim(), line + (value === undefined ? '' : ''));
  }
  return out;
}

describe('POST /api/auth/login', () => {
  it('sets an HttpOnly SameSite=Strict session cookie and returns a CSRF token', async () => {
    const res = await login('viewer-user', PASSWORD);
    assert.equal(res.status, 200);
    const body = (await res.json()) as { csrfToken: string; user: { name: string } };
    assert.equal(body.user.name, 'viewer-user');
    assert.ok(body.csrfToken.length >= 32);
    const session = cookiesOf(res).get('corroborate_session') ?? '';
    assert.match(session, /HttpOnly/i);
    assert.match(session, /SameSite=Strict/i);
    assert.doesNotMatch(session, /Secure/i, 'no Secure flag without TLS');
    const csrf = cookiesOf(res).get('corroborate_csrf') ?? '';
    assert.doesNotMatch(csrf, /HttpOnly/i);
  });

  it('answers a wrong password with 401 and the same message as an unknown name', async () => {
    const wrong = await login('analyst-user', 'not the password at all');
    const unknown = await login('nobody-here', 'not the password at all');
    assert.equal(wrong.status, 401);
    assert.equal(unknown.status, 401);
    const a = (await wrong.json()) as { error: { message: string } };
    const b = (await unknown.json()) as { error: { message: string } };
    assert.equal(a.error.message, b.error.message);
  });

  it('locks a name after repeated failures, even for the right password', async () => {
    for (let i = 0; i < 3; i++) assert.equal((await login('lead-user', `wrong password ${i}!!`)).status, 401);
    const locked = await login('lead-user', PASSWORD);
    assert.equal(locked.status, 423);
    assert.equal(((await locked.json()) as { error: { code: string } }).error.code, 'locked');
  });
});

describe('login rate limit', () => {
  it('refuses an address that keeps trying with 429', async () => {
    const limited = await startTestServer({
      config: { login: { maxFailures: 100, windowMs: 60_000, lockMs: 60_000, maxPerAddress: 4 } },
    });
    const statuses: number[] = [];
    for (let i = 0; i < 6; i++) {
      const res = await fetch(`${limited.url}/api/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ name: `someone${i}`, password: 'wrong wrong wrong' }),
      });
      statuses.push(res.status);
    }
    assert.deepEqual(statuses, [401, 401, 401, 401, 429, 429]);
  });
});

describe('CSRF protection', () => {
  it('refuses a cookie-authenticated unsafe request without the CSRF header', async () => {
    const res = await server.request('lead', 'PUT', `/api/cases/${server.ownCase}/members/viewer-user`, {
      body: { role: 'analyst' },
      csrf: false,
    });
    assert.equal(res.status, 403);
    assert.equal(((await res.json()) as { error: { code: string } }).error.code, 'csrf');
  });

  it('refuses a CSRF token from another session', async () => {
    const mine = await server.session('lead');
    const theirs = await server.session('lead');
    const res = await fetch(`${server.url}/api/cases/${server.ownCase}/members/viewer-user`, {
      method: 'PUT',
      headers: { cookie: mine.cookie, 'x-csrf-token': theirs.csrf, 'content-type': 'application/json' },
      body: JSON.stringify({ role: 'viewer' }),
    });
    assert.equal(res.status, 403);
  });

  it('refuses a cross-origin request even with the right token', async () => {
    const s = await server.session('lead');
    const res = await fetch(`${server.url}/api/cases/${server.ownCase}/members/viewer-user`, {
      method: 'PUT',
      headers: { cookie: s.cookie, 'x-csrf-token': s.csrf, origin: 'https://evil.example', 'content-type': 'application/json' },
      body: JSON.stringify({ role: 'viewer' }),
    });
    assert.equal(res.status, 403);
  });

  it('accepts the request with the session token', async () => {
    const res = await server.request('lead', 'PUT', `/api/cases/${server.ownCase}/members/viewer-user`, {
      body: { role: 'viewer' },
    });
    assert.equal(res.status, 200);
  });
});

describe('API tokens', () => {
  it('shows the secret once, stores only a hash, honours scope and stops working when revoked', async () => {
    const created = await server.request('analyst', 'POST', '/api/tokens', {
      body: { name: 'nightly script', cases: [server.ownCase], permission: 'read' },
    });
    assert.equal(created.status, 201);
    const { token, record } = (await created.json()) as { token: string; record: { id: string } };
    const rows = await server.store.db.selectFrom('api_tokens').selectAll().execute();
    assert.ok(rows.every((r) => !JSON.stringify(r).includes(token.split('.')[1] ?? 'x')), 'secret not stored');

    const list = await server.request('analyst', 'GET', '/api/tokens');
    assert.ok(!(await list.text()).includes(token.split('.')[1] ?? 'x'), 'secret not listed again');

    const auth = { authorization: `Bearer ${token}` };
    assert.equal((await fetch(`${server.url}/api/cases/${server.ownCase}/members`, { headers: auth })).status, 200);
    assert.equal((await fetch(`${server.url}/api/cases/${server.otherCase}/members`, { headers: auth })).status, 403);
    const write = await fetch(`${server.url}/api/cases/${server.ownCase}/protections`, {
      method: 'POST',
      headers: { ...auth, 'content-type': 'application/json' },
      body: '{}',
    });
    assert.equal(write.status, 403, 'read token cannot write');

    const revoked = await server.request('analyst', 'DELETE', `/api/tokens/${record.id}`);
    assert.equal(revoked.status, 200);
    assert.equal((await fetch(`${server.url}/api/auth/me`, { headers: auth })).status, 401);
  });

  it('refuses to scope a token to a case the user is not on', async () => {
    const res = await server.request('analyst', 'POST', '/api/tokens', {
      body: { name: 'too wide', cases: [server.otherCase], permission: 'read' },
    });
    assert.equal(res.status, 403);
  });

  it('cannot mint further tokens with a token', async () => {
    const created = await server.request('admin', 'POST', '/api/tokens', { body: { name: 'admin script', permission: 'write' } });
    const { token } = (await created.json()) as { token: string };
    const res = await fetch(`${server.url}/api/tokens`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'child', permission: 'write' }),
    });
    assert.equal(res.status, 403);
  });

  it('rejects a forged token with 401', async () => {
    const res = await fetch(`${server.url}/api/auth/me`, { headers: { authorization: 'Bearer crb_abc.def' } });
    assert.equal(res.status, 401);
  });
});

describe('hardening', () => {
  it('sends strict security headers on API, docs and web responses', async () => {
    for (const path of ['/api/health', '/api/docs', '/', '/cases/anything', '/api/nope']) {
      const res = await fetch(`${server.url}${path}`);
      await res.arrayBuffer();
      const csp = res.headers.get('content-security-policy') ?? '';
      assert.match(csp, /default-src 'self'/, path);
      assert.match(csp, /script-src 'self'(;|$)/, path);
      assert.doesNotMatch(csp, /unsafe-inline|unsafe-eval/, path);
      assert.equal(res.headers.get('x-content-type-options'), 'nosniff', path);
      assert.equal(res.headers.get('x-frame-options'), 'DENY', path);
      assert.ok(res.headers.get('x-request-id'), path);
    }
  });

  it('answers errors with a stable body and no stack trace', async () => {
    const res = await fetch(`${server.url}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"name": ',
    });
    const text = await res.text();
    assert.ok(res.status >= 400 && res.status < 500);
    const body = JSON.parse(text) as { error: { code: string; message: string } };
    assert.ok(typeof body.error.code === 'string');
    assert.doesNotMatch(text, /at .*\.ts:\d+|node_modules|Error:/);
  });

  it('refuses an upload larger than the limit with 413', async () => {
    const small = await startTestServer({ config: { maxUploadBytes: 1024 } });
    const res = await small.request('admin', 'POST', '/api/users', {
      body: { name: 'big-one', password: 'x'.repeat(4000) },
    });
    assert.equal(res.status, 413);
  });

  it('serves the OpenAPI document and a script-free docs page', async () => {
    const doc = await fetch(`${server.url}/api/openapi.json`);
    assert.equal(doc.status, 200);
    const page = await (await fetch(`${server.url}/api/docs`)).text();
    assert.match(page, /\/api\/auth\/login/);
    assert.doesNotMatch(page, /<script/i);
  });

  it('never writes passwords, tokens or cookies to the logs', async () => {
    await login('viewer-user', PASSWORD);
    const s = await server.session('viewer');
    await fetch(`${server.url}/api/auth/me`, { headers: { cookie: s.cookie } });
    const all = server.logs.join('\n');
    assert.ok(all.length > 0);
    assert.ok(!all.includes(PASSWORD));
    assert.ok(!all.includes(s.cookie.split('=')[1] ?? 'x'));
    assert.ok(!all.includes(s.csrf));
  });
});
