// Builds the console into web/dist; Gantry serves it at / (src/http/web.ts).
import { defineConfig } from 'vite';

const root = new URL('.', import.meta.url).pathname;

export default defineConfig({
  root,
  base: '/',
  publicDir: 'public',
  oxc: { jsx: { runtime: 'automatic', importSource: 'preact' } },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    assetsDir: 'assets',
    sourcemap: false,
    // Everything the page needs ships from Gantry itself: no CDN, font or icon host.
    assetsInlineLimit: 4096,
    reportCompressedSize: false,
    // Two pages: the console (Preact, small) and GraphiQL (React, loaded only at /graphql).
    rollupOptions: {
      input: { console: `${root}index.html`, graphiql: `${root}graphiql.html` },
      // GraphiQL's React dependencies mark themselves "use client", which means nothing in a plain SPA.
      onwarn(warning, warn) {
        if (warning.code !== 'MODULE_LEVEL_DIRECTIVE') warn(warning);
      },
    },
    chunkSizeWarningLimit: 2048,
  },
  server: {
    // `npx vite web` for development against a gateway on :4000.
    proxy: { '/graphql': 'http://localhost:4000', '/api': 'http://localhost:4000', '/calendar': 'http://localhost:4000' },
  },
});
