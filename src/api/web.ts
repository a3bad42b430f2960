import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { serveStatic } from '@hono/node-server/serve-static';
import type { Hono, MiddlewareHandler } from 'hono';
import type { ApiEnv } from './context.ts';

const NOT_BUILT = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Corroborate</title></head>
<body><h1>Corroborate</h1><p>The web workspace is not built. Run <code>npm run build</code>, or use the API:
<a href="/api/docs">/api/docs</a>.</p></body></html>`;

/**
 * Serves the built web workspace from `root` at `/`: static files, and `index.html` for any other GET that
 * is not under /api/ (single-page app fallback). The same security headers and CSP apply as everywhere.
 */
export function mountWeb(app: Hono<ApiEnv>, root: string): void {
  const absolute = resolve(root);
  const files = serveStatic<ApiEnv>({ root: absolute });
  const staticFiles: MiddlewareHandler<ApiEnv> = async (c, next) => {
    if (c.req.path.startsWith('/api/') || c.req.path === '/api') return next();
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
