// SSRF guard and URL capture against a local HTTP server (loopback only; no other network).
import assert from 'node:assert/strict';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import {
  assertPublicAddress,
  captureTarget,
  fetchPublicUrl,
  nonPublicReason,
  planTargets,
  type Resolver,
} from '../../src/capture/index.ts';

const PAGE = `<html><head><title>Fictional page</title><meta property="og:site_name" content="Vellmar Courier"></head>
<body><p>The fictional bridge at Vellmar was closed on Sunday, residents said.</p></body></html>`;

let server: Server;
let base: string;
let port: number;
const hosts: string[] = [];

function handle(req: IncomingMessage, res: ServerResponse): void {
  hosts.push(req.headers.host ?? '');
  const url = new URL(req.url ?? '/', 'http://x');
  switch (url.pathname) {
    case '/page':
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(PAGE);
      return;
    case '/hop':
      res.writeHead(302, { location: '/page' }).end();
      return;
    case '/to-private':
      res.writeHead(301, { location: url.searchParams.get('to') ?? 'http://10.0.0.1/' }).end();
      return;
    case '/loop':
      res.writeHead(302, { location: '/loop' }).end();
      return;
    case '/image':
      res.writeHead(200, { 'content-type': 'image/png' }).end(Buffer.from([0x89, 0x50]));
      return;
    case '/big':
      res.writeHead(200, { 'content-type': 'text/plain' });
      res.end('x'.repeat(5000));
      return;
    case '/cyrillic':
      // Ukrainian "town council" in windows-1251, declared only in the HTTP header.
      res.writeHead(200, { 'content-type': 'text/plain; charset=windows-1251' });
      res.end(Buffer.from([0xcc, 0xb3, 0xf1, 0xfc, 0xea, 0xe0, 0x20, 0xf0, 0xe0, 0xe4, 0xe0]));
      return;
    case '/latin1-undeclared':
      res.writeHead(200, { 'content-type': 'text/plain' }).end(Buffer.from('Caf\xe9 in Vellmar', 'latin1'));
      return;
    case '/missing':
      res.writeHead(404, { 'content-type': 'text/plain' }).end('no');
      return;
    case '/slow':
      res.writeHead(200, { 'content-type': 'text/plain' });
      res.write('partial');
      return; // never ends: the client's deadline must cut it off
    default:
      res.writeHead(500).end();
  }
}

before(async () => {
  server = createServer(handle);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  port = (server.address() as AddressInfo).port;
  base = `http://127.0.0.1:${port}`;
});
after(() => {
  server.closeAllConnections();
  server.close();
});

const TRUST_LOCAL = { maxBytes: 1_000_000, allowAddresses: ['127.0.0.1'], timeoutMs: 5000 };

describe('nonPublicReason', () => {
  it('names loopback, private, link-local, unique-local and IPv4-mapped addresses', () => {
    assert.deepEqual(
      ['127.0.0.1', '10.1.2.3', '172.16.0.1', '192.168.1.1', '169.254.169.254', '::1', 'fe80::1', 'fd00::1', '::ffff:127.0.0.1', '::ffff:a00:1', '0.0.0.0', '100.64.0.1', '64:ff9b::a00:1'].map(
        nonPublicReason,
      ),
      [
        'loopback address',
        'private address',
        'private address',
        'private address',
        'link-local address',
        'loopback address',
        'link-local address',
        'unique-local address',
        'loopback address',
        'private address',
        'unspecified address',
        'carrier-grade NAT address',
        'rfc6052 (IPv4-embedding) address',
      ],
    );
  });

  it('accepts public addresses', () => {
    assert.equal(nonPublicReason('93.184.216.34'), null);
    assert.equal(nonPublicReason('2606:2800:220:1:248:1893:25c8:1946'), null);
  });
});

describe('assertPublicAddress', () => {
  it('throws ssrf_refused unless private addresses are allowed', () => {
    assert.throws(() => assertPublicAddress('10.0.0.8', 'http://intranet/'), {
      code: 'ssrf_refused',
      message: /^http:\/\/intranet\/: refused: private address 10\.0\.0\.8/,
    });
    assert.doesNotThrow(() => assertPublicAddress('10.0.0.8', 'x', { allowPrivate: true }));
  });
});

describe('fetchPublicUrl', () => {
  it('refuses loopback, 10/8, 169.254/16 and IPv6 loopback before connecting', async () => {
    const before = hosts.length;
    for (const url of [`${base}/page`, 'http://10.0.0.1/', 'http://169.254.169.254/latest/meta-data/', `http://[::1]:${port}/page`, `http://[::ffff:127.0.0.1]:${port}/page`]) {
      await assert.rejects(fetchPublicUrl(url, { maxBytes: 1000 }), { code: 'ssrf_refused' }, url);
    }
    assert.equal(hosts.length, before);
  });

  it('refuses a host name that resolves to a private address', async () => {
    const resolve: Resolver = () => Promise.resolve([{ address: '192.168.0.10', family: 4 }]);
    await assert.rejects(fetchPublicUrl('http://news.example/', { maxBytes: 1000, resolve }), {
      code: 'ssrf_refused',
      message: /news\.example\/: refused: private address 192\.168\.0\.10/,
    });
  });

  it('refuses when any resolved address is private', async () => {
    const resolve: Resolver = () =>
      Promise.resolve([
        { address: '93.184.216.34', family: 4 },
        { address: '127.0.0.1', family: 4 },
      ]);
    await assert.rejects(fetchPublicUrl('http://mixed.example/', { maxBytes: 1000, resolve }), { code: 'ssrf_refused' });
  });

  it('refuses a redirect to a private address', async () => {
    for (const to of ['http://10.0.0.1/', 'http://[::1]/', 'http://169.254.169.254/', `http://localhost:${port}/page`]) {
      await assert.rejects(
        fetchPublicUrl(`${base}/to-private?to=${encodeURIComponent(to)}`, {
          ...TRUST_LOCAL,
          resolve: () => Promise.resolve([{ address: '127.0.0.2', family: 4 }]),
        }),
        { code: 'ssrf_refused', message: /redirect to/ },
        to,
      );
    }
  });

  it('connects to the address it checked, not to a second DNS answer', async () => {
    let calls = 0;
    const resolve: Resolver = () => {
      calls++;
      return Promise.resolve([{ address: '127.0.0.1', family: 4 }]);
    };
    const fetched = await fetchPublicUrl(`http://rebind.test:${port}/page`, { ...TRUST_LOCAL, resolve });
    assert.equal(calls, 1);
    assert.equal(fetched.address, '127.0.0.1');
    assert.equal(hosts.at(-1), `rebind.test:${port}`);
  });

  it('follows redirects and records them', async () => {
    const fetched = await fetchPublicUrl(`${base}/hop`, TRUST_LOCAL);
    assert.equal(fetched.finalUrl, `${base}/page`);
    assert.deepEqual(fetched.redirects, [{ from: `${base}/hop`, to: `${base}/page`, status: 302 }]);
    assert.equal(fetched.mediaType, 'text/html');
  });

  it('fails with a clear reason on redirect loops, bad types, oversize bodies, HTTP errors, deadlines and closed ports', async () => {
    const cases: [string, object, RegExp][] = [
      [`${base}/loop`, TRUST_LOCAL, /more than 5 redirects/],
      [`${base}/image`, TRUST_LOCAL, /content type 'image\/png' is not one of/],
      [`${base}/big`, { ...TRUST_LOCAL, maxBytes: 100 }, /exceeds the 100-byte limit/],
      [`${base}/missing`, TRUST_LOCAL, /HTTP 404/],
      [`${base}/slow`, { ...TRUST_LOCAL, timeoutMs: 300 }, /no complete answer within 300 ms/],
      ['ftp://example.org/x', TRUST_LOCAL, /only http and https/],
    ];
    for (const [url, options, message] of cases) {
      await assert.rejects(fetchPublicUrl(url, options as typeof TRUST_LOCAL), { message }, url);
    }
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const closedPort = (closed.address() as AddressInfo).port;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    await assert.rejects(fetchPublicUrl(`http://127.0.0.1:${closedPort}/`, TRUST_LOCAL), {
      code: 'fetch_failed',
      message: /unreachable \(ECONNREFUSED\)/,
    });
  });
});

describe('captureTarget (URL)', () => {
  it('captures a page with its redirect chain when private addresses are allowed', async () => {
    const [target] = await planTargets([`${base}/hop`], '/');
    assert.ok(target !== undefined);
    const [outcome] = await captureTarget(target, { maxBytes: 100_000, allowPrivate: true });
    assert.ok(outcome?.kind === 'captured', outcome?.kind === 'failed' ? outcome.error : '');
    assert.equal(outcome.item.method, 'url');
    assert.equal(outcome.item.outlet, 'Vellmar Courier');
    assert.equal(outcome.item.url, `${base}/page`);
    assert.deepEqual(outcome.item.redirects, [{ from: `${base}/hop`, to: `${base}/page`, status: 302 }]);
    assert.equal(outcome.item.text, 'The fictional bridge at Vellmar was closed on Sunday, residents said.');
  });

  it('decodes the charset the server declares and refuses undeclared non-UTF-8 text', async () => {
    const outcomes = [];
    for (const path of ['/cyrillic', '/latin1-undeclared']) {
      const [target] = await planTargets([`${base}${path}`], '/');
      assert.ok(target !== undefined);
      outcomes.push(...(await captureTarget(target, { maxBytes: 100_000, allowPrivate: true })));
    }
    assert.ok(outcomes[0]?.kind === 'captured');
    assert.equal(outcomes[0].item.text, 'Міська рада');
    assert.ok(outcomes[1]?.kind === 'failed');
    assert.equal(outcomes[1].error, `${base}/latin1-undeclared: not valid UTF-8`);
  });

  it('fails a loopback URL as one item without --allow-private', async () => {
    const [target] = await planTargets([`${base}/page`], '/');
    assert.ok(target !== undefined);
    const [outcome] = await captureTarget(target, { maxBytes: 100_000 });
    assert.ok(outcome?.kind === 'failed');
    assert.match(outcome.error, /refused: loopback address 127\.0\.0\.1/);
  });
});
