// The console is served however Gantry is started. This starts it as the README's production
// section does (`gantry serve`, not `npm start`) from a fresh copy of the checkout — tracked files
// only, so no web/dist and no server bundle — and loads /.
import { afterAll, describe, expect, it } from 'vitest';
import { spawn, execFileSync, type ChildProcess } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, realpathSync, rmSync, symlinkSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
let copy: string | undefined;
let child: ChildProcess | undefined;

afterAll(() => {
  if (child && child.exitCode === null) child.kill('SIGKILL');
  if (copy) rmSync(copy, { recursive: true, force: true });
});

const freePort = () =>
  new Promise<number>((resolve) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });

describe('gantry serve', () => {
  it('builds the console when web/dist is missing and serves it at /', { timeout: 240_000 }, async () => {
    copy = mkdtempSync(join(tmpdir(), 'gantry-serve-'));
    for (const file of execFileSync('git', ['ls-files', '-z'], { cwd: root, encoding: 'utf8' }).split('\0')) {
      if (!file || !existsSync(join(root, file))) continue;
      mkdirSync(dirname(join(copy, file)), { recursive: true });
      cpSync(join(root, file), join(copy, file));
    }
    symlinkSync(realpathSync(join(root, 'node_modules')), join(copy, 'node_modules'));
    expect(existsSync(join(copy, 'web', 'dist'))).toBe(false);

    const port = await freePort();
    let output = '';
    child = spawn(process.execPath, ['bin/gantry.js', 'serve'], {
      cwd: copy,
      env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', DATA_DIR: join(copy, 'data'), PORT: String(port), HOST: '127.0.0.1', LOG_LEVEL: 'warn' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child.stdout!.on('data', (d) => (output += d));
    child.stderr!.on('data', (d) => (output += d));

    let page: Response | undefined;
    for (const started = Date.now(); Date.now() - started < 200_000; ) {
      if (child.exitCode !== null) throw new Error(`gantry serve exited ${child.exitCode}:\n${output}`);
      page = await fetch(`http://127.0.0.1:${port}/`).catch(() => undefined);
      if (page) break;
      await new Promise((r) => setTimeout(r, 250));
    }
    expect(page, output).toBeDefined();
    expect(page!.status, output).toBe(200);
    expect(page!.headers.get('content-type')).toMatch(/text\/html/);
    const html = await page!.text();
    expect(html).toContain('<title>Gantry console</title>');
    expect(html).toMatch(/<script type="module"[^>]*src="\/assets\//);
    expect(output).not.toMatch(/does not exist/);
    expect(existsSync(join(copy, 'web', 'dist', 'index.html'))).toBe(true);
    child.kill('SIGTERM');
  });
});
