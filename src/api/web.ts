import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { serveStatic } from '@hono/node-server/serve-static';
import type { Hono, MiddlewareHandler } from 'hono';
import type { ApiEnv } from './context.ts';

const NOT_BUILT = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Corroborate</title></head>
<body><h1>Corroborate</h1><p>The web workspace is not built. Run <code>npm run build</code>, or use the API:
<a href="/api/docs">/api/docs</a>.</p></body></html>`;

/** Vite names every file under /assets/ by a hash of its content, so a browser may keep it for good. */
const IMMUTABLE = 'public, max-age=31536000, immutable';

/**
 * Serves the built web workspace from `root` at `/`: static files, and `index.html` for any other GET that
 * is not under /api/ (single-page app fallback). The same security headers and CSP apply as everywhere.
 * The build writes Brotli and gzip copies of its text files (web/vite.config.ts); a browser that accepts
 * one gets it (about a third of the bytes), and nothing is compressed per request. Hashed assets are
 * cacheable for a year; index.html and the other unhashed files are revalidated on every load.
 */
export function mountWeb(app: Hono<ApiEnv>, root: string): void {
  const absolute = resolve(root);
  const files = serveStatic<ApiEnv>({ root: absolute, precompressed: true });
  const staticFiles: MiddlewareHandler<ApiEnv> = async (c, next) => {
    if (c.req.path.startsWith('/api/') || c.req.path === '/api') return next();
    c.header('cache-control', c.req.path.startsWith('/assets/') ? IMMUTABLE : 'no-cache');
    return files(c, next);
  };
  app.use('/*', staticFiles);
  app.get('*', (c) => {
    if (c.req.path.startsWith('/api/') || c.req.path === '/api') return c.notFound();
    const index = join(absolute, 'index.html');
    const html = existsSync(index) ? readFileSync(index, 'utf8') : NOT_BUILT;
    c.header('cache-control', 'no-cache');
    return c.html(html);
  });
}
