// Builds the investigator workspace into web/dist, which `corroborate serve` serves at `/`.
// Everything is bundled: no CDN, no web fonts, no inline scripts (the server's CSP forbids them).
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

export default defineConfig({
  root: import.meta.dirname,
  base: '/',
  plugins: [react()],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    // Inline nothing as data: URLs either, so a strict img-src/font-src also holds.
    assetsInlineLimit: 0,
    modulePreload: { polyfill: false },
    target: 'es2022',
    sourcemap: false,
  },
  server: {
    host: '127.0.0.1',
    proxy: { '/api': 'http://127.0.0.1:8080' },
  },
});
