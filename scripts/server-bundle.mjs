#!/usr/bin/env node
// Bundles the gateway's TypeScript (src/, rest-compat/, migrations/) into one ES module,
// dist/gantry.mjs, which bin/gantry.js runs. Packages stay external (node_modules as installed).
// Running the bundle instead of the sources through tsx's loader saves ~40 MB per process: no loader
// thread, no per-module transform state (bench/README.md, "What was changed"). The bundle is rebuilt
// whenever the sources' content hash changes, in about half a second; no separate build step.
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { sourceHash } from './source-hash.mjs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = dirname(dirname(fileURLToPath(import.meta.url)));
const distDir = join(root, 'dist');
export const BUNDLE = join(distDir, 'gantry.mjs');
const STAMP = join(distDir, 'gantry.hash');
const INPUTS = ['src', 'rest-compat', 'migrations', 'tsconfig.json'];

/** Writes through a temporary file and a rename: a process starting meanwhile never reads half a file. */
function writeAtomically(path, content) {
  const temporary = `${path}.${process.pid}.tmp`;
  writeFileSync(temporary, content);
  renameSync(temporary, path);
}

/**
 * The bundle's path, built first when missing or stale; null when it cannot be built (esbuild
 * missing), in which case the caller runs the sources through tsx.
 */
export async function ensureServerBundle({ quiet = true, force = false } = {}) {
  let esbuild;
  try {
    esbuild = await import('esbuild');
  } catch {
    return null;
  }
  const hash = sourceHash(root, INPUTS, [`esbuild@${esbuild.version}`]);
  if (!force && existsSync(BUNDLE) && existsSync(STAMP) && readFileSync(STAMP, 'utf8').trim() === hash) return BUNDLE;
  const started = Date.now();
  const result = await esbuild.build({
    entryPoints: [join(root, 'src', 'cli.ts')],
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    packages: 'external',
    tsconfig: join(root, 'tsconfig.json'),
    write: false,
    logLevel: 'silent',
    // One level below the root, like src/root.ts: relative file URLs resolve the same in both.
    outfile: BUNDLE,
  });
  mkdirSync(distDir, { recursive: true });
  writeAtomically(BUNDLE, result.outputFiles[0].contents);
  writeAtomically(STAMP, hash + '\n');
  if (!quiet) console.log(`gateway bundled into ${relative(process.cwd(), BUNDLE)} in ${Date.now() - started} ms`);
  return BUNDLE;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  ensureServerBundle({ quiet: false, force: !process.argv.includes('--if-stale') }).then(
    (path) => {
      if (!path) {
        console.error('esbuild is not installed: bin/gantry.js runs the sources through tsx');
        process.exit(1);
      }
    },
    (error) => {
      console.error(`gateway bundle failed: ${error.message}`);
      process.exit(1);
    },
  );
}
