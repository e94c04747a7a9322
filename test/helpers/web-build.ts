// Makes sure web/dist holds a build of the current console sources (built at most once at a time).
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const script = fileURLToPath(new URL('../../web/scripts/build.mjs', import.meta.url));

export function ensureWebBuild(): void {
  // A child process: Vite's build must not share the test runner's own Vite instance.
  execFileSync(process.execPath, [script, '--if-stale', '--quiet'], { stdio: 'inherit', timeout: 120_000 });
}
