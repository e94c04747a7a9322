// One content hash over a build's inputs, so a build runs again exactly when what it is made from
// changed (the web console's Vite build and the gateway bundle both use it).
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

function filesUnder(path) {
  if (!existsSync(path)) return [];
  if (!statSync(path).isDirectory()) return [path];
  return readdirSync(path, { withFileTypes: true })
    .sort((a, b) => a.name.localeCompare(b.name))
    .flatMap((entry) => filesUnder(join(path, entry.name)));
}

/** SHA-256 over `extras` (tool and package versions) and every file under `inputs` (paths relative to `baseDir`). */
export function sourceHash(baseDir, inputs, extras = []) {
  const hash = createHash('sha256');
  for (const extra of extras) hash.update(`${extra}\0`);
  for (const file of inputs.flatMap((input) => filesUnder(join(baseDir, input)))) {
    hash.update(relative(baseDir, file)).update('\0').update(readFileSync(file)).update('\0');
  }
  return hash.digest('hex');
}
