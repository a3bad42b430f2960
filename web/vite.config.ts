// Builds the investigator workspace into web/dist, which `corroborate serve` serves at `/`.
// Everything is bundled: no CDN, no web fonts, no inline scripts (the server's CSP forbids them).
import { gzipSync, brotliCompressSync, constants } from 'node:zlib';
import { readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import react from '@vitejs/plugin-react';
import { defineConfig, type HtmlTagDescriptor, type Plugin } from 'vite';

/**
 * The entry (main.tsx) is small and loads the app (mount.tsx: React, the shell and the board) with a
 * dynamic import, so it can ask the API for the first data while the app downloads. This preloads that
 * chunk and everything it imports from index.html, so the download starts with the page, not after the
 * entry has run.
 */
function preloadApp(): Plugin {
  return {
    name: 'corroborate:preload-app',
    apply: 'build',
    transformIndexHtml: {
      order: 'post',
      handler(html, ctx) {
        const bundle = ctx.bundle;
        if (bundle === undefined) return html;
        const app = Object.values(bundle).find(
          (c) => c.type === 'chunk' && c.moduleIds.some((id) => id.endsWith('/src/mount.tsx')),
        );
        if (app === undefined || app.type !== 'chunk') throw new Error('preload-app: no chunk for src/mount.tsx');
        const files = new Set<string>();
        const visit = (file: string) => {
          const chunk = bundle[file];
          if (files.has(file) || chunk === undefined || chunk.type !== 'chunk') return;
          files.add(file);
          for (const dep of chunk.imports) visit(dep);
        };
        visit(app.fileName);
        const tags: HtmlTagDescriptor[] = [...files]
          .filter((file) => !html.includes(`/${file}"`))
          .map((file) => ({
            tag: 'link',
            attrs: { rel: 'modulepreload', crossorigin: true, href: `/${file}` },
            injectTo: 'head',
          }));
        return { html, tags };
      },
    },
  };
}

/**
 * Writes a Brotli (`.br`) and a gzip (`.gz`) copy next to every text asset of 1 kB or more, which the
 * server sends to browsers that accept them (src/api/web.ts), so nothing is compressed per request.
 */
function precompress(): Plugin {
  let outDir = '';
  return {
    name: 'corroborate:precompress',
    apply: 'build',
    configResolved(config) {
      outDir = resolve(config.root, config.build.outDir);
    },
    writeBundle(_options, bundle) {
      for (const file of Object.keys(bundle)) {
        if (!/\.(?:js|css|html|svg|json)$/.test(file)) continue;
        const path = join(outDir, file);
        const bytes = readFileSync(path);
        if (bytes.length < 1024) continue;
        writeFileSync(`${path}.br`, brotliCompressSync(bytes, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }));
        writeFileSync(`${path}.gz`, gzipSync(bytes, { level: 9 }));
      }
    },
  };
}

export default defineConfig({
  root: import.meta.dirname,
  base: '/',
  plugins: [react(), preloadApp(), precompress()],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    // Inline nothing as data: URLs either, so a strict img-src/font-src also holds.
    assetsInlineLimit: 0,
    modulePreload: { polyfill: false },
    target: 'es2022',
    sourcemap: false,
    rolldownOptions: {
      preserveEntrySignatures: false,
      output: {
        // Few files on the way to the first paint (a browser opens at most 6 connections per host over
        // HTTP/1.1, so an 8th file waits for a free one): the entry with what it needs to ask for data, and
        // one chunk with React, the shell and the views of the entry bundle. Lazy views stay their own chunks.
        codeSplitting: {
          groups: [
            {
              name: 'entry',
              test: /web[\\/]src[\\/](?:main\.tsx|api[\\/]|lib[\\/](?:router|board-filters)\.ts)|vite[\\/]preload-helper/,
              priority: 2,
            },
            {
              name: 'app',
              test: /rolldown[\\/]runtime|node_modules[\\/](?:react|react-dom|scheduler|@tanstack)[\\/]|web[\\/]src[\\/](?:mount|app|context|components)\.tsx|web[\\/]src[\\/]views[\\/](?:board|cases|login)\.tsx/,
              priority: 1,
            },
          ],
        },
      },
    },
  },
  server: {
    host: '127.0.0.1',
    proxy: { '/api': 'http://127.0.0.1:8080' },
  },
});
