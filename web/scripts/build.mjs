#!/usr/bin/env node
// Builds the console into web/dist with Vite, or (with --if-stale) only when its sources changed
// since the last build. `gantry serve` (bin/gantry.js) runs it first, so a fresh clone needs no
// separate build step.
// Several processes may call it at once (parallel test files): a lock directory serialises them.
import { existsSync, mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { sourceHash } from '../../scripts/source-hash.mjs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { setTimeout as sleep } from 'node:timers/promises';

const webDir = dirname(dirname(fileURLToPath(import.meta.url)));
const distDir = join(webDir, 'dist');
const stampFile = join(distDir, '.build-hash');
const lockDir = join(webDir, '.build-lock');
const INPUTS = ['index.html', 'graphiql.html', 'vite.config.ts', 'public', 'src'];
const PACKAGES = ['vite', 'preact', '@urql/core', '@urql/preact'];
const LOCK_STALE_MS = 120_000;

/** A hash of everything the bundle is made from: sources and the versions of the packages bundled. */
export function webSourceHash() {
  const versions = PACKAGES.map((name) => {
    try {
      return `${name}@${JSON.parse(readFileSync(join(webDir, '..', 'node_modules', name, 'package.json'), 'utf8')).version}`;
    } catch {
      return `${name}@missing`;
    }
  });
  return sourceHash(webDir, INPUTS, versions);
}

export function isStale() {
  return !existsSync(join(distDir, 'index.html')) || !existsSync(stampFile) || readFileSync(stampFile, 'utf8').trim() !== webSourceHash();
}


async function withLock(work) {
  for (;;) {
    try {
      mkdirSync(lockDir);
      break;
    } catch (error) {
      if (error.code !== 'EEXIST') throw error;
      try {
        if (Date.now() - statSync(lockDir).mtimeMs > LOCK_STALE_MS) rmSync(lockDir, { recursive: true, force: true });
      } catch {
        /* released meanwhile */
      }
      await sleep(200);
    }
  }
  try {
    return await work();
  } finally {
    rmSync(lockDir, { recursive: true, force: true });
  }
}

/** Builds when forced or stale; returns true when it built. */
export async function buildWeb({ ifStale = false, quiet = false } = {}) {
  if (ifStale && !isStale()) return false;
  return withLock(async () => {
    if (ifStale && !isStale()) return false;
    // React (GraphiQL) picks its production build from NODE_ENV; this runs in its own process.
    process.env.NODE_ENV = 'production';
    let vite;
    try {
      vite = await import('vite');
    } catch {
      console.warn('web console: Vite is not installed (npm install without --omit=dev builds it); serving the API only.');
      return false;
    }
    const hash = webSourceHash();
    const started = Date.now();
    await vite.build({
      configFile: join(webDir, 'vite.config.ts'),
      mode: 'production',
      logLevel: quiet ? 'error' : 'warn',
    });
    writeFileSync(stampFile, hash + '\n');
    if (!quiet) console.log(`web console built into ${relative(process.cwd(), distDir) || distDir} in ${((Date.now() - started) / 1000).toFixed(1)} s`);
    return true;
  });
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const ifStale = process.argv.includes('--if-stale');
  const quiet = process.argv.includes('--quiet');
  buildWeb({ ifStale, quiet }).then(
    (built) => {
      if (!built && ifStale && !quiet) console.log('web console is up to date (web/dist)');
    },
    (error) => {
      console.error(`web console build failed: ${error.message}`);
      process.exit(1);
    },
  );
}
