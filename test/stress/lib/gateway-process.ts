// A real gateway process (`node bin/gantry.js serve`) on a port from the OS, for tests that need
// several processes, signals or a database that goes away underneath.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import pg from 'pg';
import { randomBytes } from 'node:crypto';
import { freePort } from './ports.ts';
import { ensureWebBuild } from '../../helpers/web-build.ts';

const ROOT = resolve(import.meta.dirname, '../../..');

export interface GatewayProcess {
  url: string;
  port: number;
  child: ChildProcess;
  /** Everything the process wrote to stdout and stderr so far. */
  output(): string;
  /** Resolves with the exit code (or the signal) once the process has ended. */
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  stop(signal?: NodeJS.Signals): Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

export const SHARED_JWT_SECRET = 'hardening-shared-secret-0123456789';
/**
 * Processes of one deployment share their public URL (links, and the issuer every token carries): a
 * token issued by one process is accepted by the others only then, as behind a load balancer.
 */
export const SHARED_BASE_URL = 'http://gantry.test';

export async function startGateway(env: Record<string, string>, options: { args?: string[]; readyTimeoutMs?: number } = {}): Promise<GatewayProcess> {
  // `gantry serve` builds a missing or stale console before it listens: build it here, outside the
  // readiness deadline, once for every gateway the test starts.
  ensureWebBuild();
  const port = await freePort();
  const dataDir = mkdtempSync(join(tmpdir(), 'gantry-proc-'));
  const child = spawn(process.execPath, [join(ROOT, 'bin/gantry.js'), 'serve', ...(options.args ?? [])], {
    cwd: ROOT,
    env: {
      PATH: process.env.PATH ?? '',
      HOME: process.env.HOME ?? '',
      PORT: String(port),
      HOST: '127.0.0.1',
      DATA_DIR: dataDir,
      JWT_SECRET: SHARED_JWT_SECRET,
      BASE_URL: SHARED_BASE_URL,
      LOG_LEVEL: 'warn',
      RATE_LIMIT: '1000000',
      CREDENTIAL_GUESSES_PER_TARGET: '1000000',
      CREDENTIAL_GUESSES_PER_ADDRESS: '1000000',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout!.on('data', (chunk) => (output += chunk));
  child.stderr!.on('data', (chunk) => (output += chunk));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((done) => child.once('close', (code, signal) => done({ code, signal })));
  void exited.then(() => rmSync(dataDir, { recursive: true, force: true }));
  const url = `http://127.0.0.1:${port}`;

  const deadline = Date.now() + (options.readyTimeoutMs ?? 60_000);
  let ended = false;
  void exited.then(() => (ended = true));
  for (;;) {
    if (ended) throw new Error(`gateway exited before it was ready:\n${output}`);
    try {
      const r = await fetch(`${url}/healthz`);
      if (r.ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`gateway not ready after ${options.readyTimeoutMs ?? 60_000} ms:\n${output}`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  return {
    url,
    port,
    child,
    output: () => output,
    exited,
    async stop(signal = 'SIGTERM') {
      if (!ended) child.kill(signal);
      const timer = setTimeout(() => child.kill('SIGKILL'), 25_000);
      const result = await exited;
      clearTimeout(timer);
      return result;
    },
  };
}

/** A fresh, empty database on a PostgreSQL server; drop() removes it. */
export async function freshDatabase(serverUrl: string): Promise<{ url: string; drop(): Promise<void> }> {
  const name = `gantry_hardening_${randomBytes(5).toString('hex')}`;
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    async drop() {
      const client = new pg.Client({ connectionString: serverUrl });
      await client.connect();
      await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await client.end();
    },
  };
}
