// The web workspace is served from the same process: static files, SPA fallback, same headers.
import assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { brotliCompressSync, gzipSync } from 'node:zlib';
import { describe, it } from 'node:test';
import { tempDir } from '../helpers/temp.ts';
import { startTestServer } from './harness.ts';

const root = join(tempDir('corroborate-webroot-'), 'dist');
mkdirSync(join(root, 'assets'), { recursive: true });
writeFileSync(
  join(root, 'index.html'),
  '<!doctype html><title>Workspace</title><script type="module" src="/assets/app.js"></script>',
);
writeFileSync(join(root, 'assets', 'app.js'), 'export const ok = true;\n');
// What the build writes next to each text asset (web/vite.config.ts): Brotli and gzip copies.
const BIG = `export const text = ${JSON.stringify('compressible '.repeat(200))};\n`;
writeFileSync(join(root, 'assets', 'big.js'), BIG);
writeFileSync(join(root, 'assets', 'big.js.br'), brotliCompressSync(BIG));
writeFileSync(join(root, 'assets', 'big.js.gz'), gzipSync(BIG));
const server = await startTestServer({ config: { webRoot: root } });

describe('web workspace', () => {
  it('serves built assets with their type and the strict CSP', async () => {
    const res = await fetch(`${server.url}/assets/app.js`);
    assert.equal(res.status, 200);
    assert.match(res.headers.get('content-type') ?? '', /javascript/);
    assert.match(res.headers.get('content-security-policy') ?? '', /script-src 'self'/);
    assert.equal(await res.text(), 'export const ok = true;\n');
  });

  it('sends the precompressed copy a browser accepts, and the file itself otherwise', async () => {
    for (const [accept, encoding] of [
      ['gzip, deflate, br', 'br'],
      ['gzip', 'gzip'],
      ['identity', null],
    ] as const) {
      const res = await fetch(`${server.url}/assets/big.js`, { headers: { 'accept-encoding': accept } });
      assert.equal(res.status, 200, accept);
      assert.equal(res.headers.get('content-encoding'), encoding, accept);
      assert.match(res.headers.get('content-type') ?? '', /javascript/, accept);
      assert.equal(await res.text(), BIG, accept);
    }
  });

  it('lets browsers keep hashed assets and revalidate index.html', async () => {
    const asset = await fetch(`${server.url}/assets/app.js`);
    assert.equal(asset.headers.get('cache-control'), 'public, max-age=31536000, immutable');
    for (const path of ['/', '/cases/abc/allegations']) {
      const page = await fetch(`${server.url}${path}`);
      assert.equal(page.headers.get('cache-control'), 'no-cache', path);
    }
  });

  it('falls back to index.html for client-side routes', async () => {
    for (const path of ['/', '/cases/abc/board', '/search?q=x']) {
      const res = await fetch(`${server.url}${path}`);
      assert.equal(res.status, 200, path);
      assert.match(await res.text(), /<title>Workspace<\/title>/, path);
    }
  });

  it('keeps unknown API paths as JSON 404s and never serves files outside the root', async () => {
    const api = await fetch(`${server.url}/api/no/such/route`);
    assert.equal(api.status, 404);
    assert.equal(((await api.json()) as { error: { code: string } }).error.code, 'not_found');
    const traversal = await fetch(`${server.url}/assets/..%2f..%2f..%2fetc%2fpasswd`);
    assert.doesNotMatch(await traversal.text(), /root:/);
  });
});
