#!/usr/bin/env node
// Entry point. The TypeScript sources run as one bundle, dist/gantry.mjs, rebuilt here whenever they
// change (scripts/server-bundle.mjs, about half a second), so no build step stands between a fresh
// clone and a running gateway. GANTRY_SOURCES=1, or a bundle that cannot be built, runs the sources
// through tsx's loader instead (same behaviour, ~40 MB more memory).
import { spawnSync } from 'node:child_process';
import { fileURLToPath, pathToFileURL } from 'node:url';
import v8 from 'node:v8';
import { ensureServerBundle } from '../scripts/server-bundle.mjs';
import { isStale as webConsoleIsStale } from '../web/scripts/build.mjs';

// graphql-js checks every type test against other copies of itself unless NODE_ENV is production:
// 5% of a list query's time in the profile. The gateway sets no other behaviour on it.
process.env.NODE_ENV ??= 'production';

// Under load V8 lets the old generation grow to several times what is live before it collects: at
// 100 connections the gateway peaked at 258 MB with about 60 MB live. Growing by at most 50% per
// collection kept the peak at 160 MB for the same throughput (bench/README.md). V8 reads this flag
// at every collection, so setting it here takes effect. GANTRY_HEAP_GROWTH_PERCENT=0 keeps V8's own
// heuristics; a --heap-growing-percent given to node wins.
const growth = process.env.GANTRY_HEAP_GROWTH_PERCENT ?? '50';
const given = `${process.execArgv.join(' ')} ${process.env.NODE_OPTIONS ?? ''}`.includes('heap-growing-percent');
if (!given && /^[1-9][0-9]{0,3}$/.test(growth)) v8.setFlagsFromString(`--heap-growing-percent=${growth}`);

// `gantry serve` serves the web console from web/dist: built here when missing or older than its
// sources, however the gateway was started (npm start, npx gantry serve, a service unit). A fresh
// build only costs a content hash of web/src. The build runs in a child process, so Vite's memory
// is not kept by the gateway; a failed build leaves the API serving (/ then says the console is
// not built).
if (process.argv[2] === 'serve' && webConsoleIsStale()) {
  const script = fileURLToPath(new URL('../web/scripts/build.mjs', import.meta.url));
  const built = spawnSync(process.execPath, [script, '--if-stale'], { stdio: 'inherit' });
  if (built.status !== 0) console.warn('gantry: the web console could not be built; serving the API only');
}

let bundle = null;
if (process.env.GANTRY_SOURCES !== '1') {
  try {
    bundle = await ensureServerBundle();
  } catch (error) {
    console.warn(`gantry: could not bundle the sources (${error.message.split('\n')[0]}); running them through tsx`);
  }
}
if (bundle) {
  await import(pathToFileURL(bundle).href);
} else {
  const { register } = await import('tsx/esm/api');
  register();
  await import('../src/cli.ts');
}
