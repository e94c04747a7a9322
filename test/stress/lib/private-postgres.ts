// A private PostgreSQL server for fault tests: initdb into a temporary directory, then pg_ctl start,
// stop and start again at will. The shared server on 127.0.0.1:5432 is never touched. As root the
// server runs as the `postgres` OS user (PostgreSQL refuses to run as root).
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync, chownSync, statSync } from 'node:fs';
import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { freePort } from './ports.ts';

const run = promisify(execFile);

/** The directory holding initdb and pg_ctl, or null when PostgreSQL's server binaries are missing. */
export function postgresBinaries(): string | null {
  const root = '/usr/lib/postgresql';
  if (existsSync(root)) {
    const versions = readdirSync(root).filter((v) => existsSync(join(root, v, 'bin', 'initdb'))).sort((a, b) => Number(b) - Number(a));
    if (versions.length) return join(root, versions[0]!, 'bin');
  }
  return null;
}

/** Why the private-server tests cannot run here, or null when they can. Under CI they must run. */
export function privatePostgresUnavailable(): string | null {
  if (!postgresBinaries()) return 'PostgreSQL server binaries (initdb, pg_ctl) were not found under /usr/lib/postgresql/*/bin';
  if (userInfo().uid === 0) {
    try {
      statSync('/usr/sbin/runuser');
    } catch {
      return 'running as root without runuser to start PostgreSQL as the postgres user';
    }
  }
  return null;
}

export interface PrivatePostgres {
  port: number;
  url: string;
  dataDir: string;
  start(): Promise<void>;
  /** fast: connections are terminated; immediate: the server dies as in a crash. */
  stop(mode?: 'fast' | 'immediate'): Promise<void>;
  destroy(): Promise<void>;
}

export async function startPrivatePostgres(): Promise<PrivatePostgres> {
  const bin = postgresBinaries();
  if (!bin) throw new Error('PostgreSQL server binaries not found');
  const asRoot = userInfo().uid === 0;
  const dir = mkdtempSync(join(tmpdir(), 'gantry-pg-'));
  const dataDir = join(dir, 'data');
  if (asRoot) {
    const { stdout } = await run('id', ['-u', 'postgres']);
    const { stdout: gid } = await run('id', ['-g', 'postgres']);
    chownSync(dir, Number(stdout.trim()), Number(gid.trim()));
  }
  const as = async (command: string, args: string[]) =>
    asRoot ? run('/usr/sbin/runuser', ['-u', 'postgres', '--', join(bin, command), ...args], { cwd: dir }) : run(join(bin, command), args, { cwd: dir });

  await as('initdb', ['-D', dataDir, '-A', 'trust', '-U', 'postgres', '--no-sync', '-E', 'UTF8']);
  const port = await freePort();
  const options = `-p ${port} -k /tmp -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=200`;
  const server: PrivatePostgres = {
    port,
    url: `postgres://postgres@127.0.0.1:${port}/postgres`,
    dataDir,
    async start() {
      await as('pg_ctl', ['-D', dataDir, '-o', options, '-l', join(dir, 'server.log'), '-w', '-t', '30', 'start']);
    },
    async stop(mode = 'fast') {
      await as('pg_ctl', ['-D', dataDir, '-m', mode, '-w', '-t', '30', 'stop']);
    },
    async destroy() {
      try {
        await server.stop('immediate');
      } catch {
        // already stopped
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
  await server.start();
  return server;
}
