// The web workspace is served from the same process: static files, SPA fallback, same headers.
import assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { tempDir } from '../helpers/temp.ts';
import { startTestServer } from './harness.ts';

const root = join(tempDir('corroborate-webroot-'), 'dist');
mkdirSync(join(root, 'assets'), { recursive: true });
writeFileSync(join(root, 'index.html'), '<!doctype html><title>Workspace</title><script type="module" src="/assets/app.js"></script>');
writeFileSync(join(root, 'assets', 'app.js'), 'export const ok = true;\n');
const server = await startTestServer({ config: { webRoot: root } });

describe('web workspace', () => {
  it('serves built assets with their type and the strict CSP', async () => {
    const res = await fetch(`${server.url}/assets/app.js`);
    assert.equal(res.status, 200);
    assert.match(res.headers.get('content-type') ?? '', /javascript/);
    assert.match(res.headers.get('content-security-policy') ?? '', /script-src 'self'/);
    assert.equal(await res.text(), 'export const ok = true;\n');
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
