#!/usr/bin/env node
// Entry point. The TypeScript sources run as one bundle, dist/gantry.mjs, rebuilt here whenever they
// change (scripts/server-bundle.mjs, about half a second), so no build step stands between a fresh
// clone and a running gateway. GANTRY_SOURCES=1, or a bundle that cannot be built, runs the sources
// through tsx's loader instead (same behaviour, ~40 MB more memory).
import { pathToFileURL } from 'node:url';
import { ensureServerBundle } from '../scripts/server-bundle.mjs';

// graphql-js checks every type test against other copies of itself unless NODE_ENV is production:
// 5% of a list query's time in the profile. The gateway sets no other behaviour on it.
process.env.NODE_ENV ??= 'production';

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
