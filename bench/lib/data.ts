// Benchmark databases: one per scale (gantry_bench_10k, ...), loaded through the project's own CLI
// (`gantry migrate`, `gantry seed`, `gantry seed --scale N`) and reused while their row counts match.
// The load figures are kept in the database's comment, so a reused database still reports them.
import { spawn } from 'node:child_process';
import pg from 'pg';
import { scaleLabel } from './options.ts';

export const JWT_SECRET = 'gantry-bench-secret-not-for-production';

export interface Dataset {
  scale: number;
  label: string;
  database: string;
  url: string;
  /** Rows in tasks: the scale's tasks plus the demo seed's. */
  tasks: number;
  reused: boolean;
  /** Wall time of migrate + demo seed + scale seed, seconds. */
  loadSeconds: number;
  /** The time `gantry seed --scale N` reported for itself, seconds. */
  seedSeconds: number;
}

export function databaseUrl(adminUrl: string, database: string): string {
  const url = new URL(adminUrl);
  url.pathname = `/${database}`;
  return url.toString();
}

export async function withClient<T>(url: string, work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 5000 });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

/** Runs `node bin/gantry.js ...` against a database; resolves with its stdout. */
export function gantryCli(root: string, url: string, args: string[], echo = true): Promise<string> {
  return new Promise((resolvePromise, reject) => {
    const child = spawn(process.execPath, ['bin/gantry.js', ...args], {
      cwd: root,
      env: { ...process.env, DATABASE_URL: url, JWT_SECRET, LOG_LEVEL: 'warn' },
      stdio: ['ignore', 'pipe', echo ? 'inherit' : 'pipe'],
    });
    let out = '';
    let err = '';
    child.stdout!.on('data', (chunk: Buffer) => (out += chunk.toString()));
    child.stderr?.on('data', (chunk: Buffer) => (err += chunk.toString()));
    child.on('error', reject);
    child.on('exit', (code) => {
      if (code === 0) resolvePromise(out);
      else reject(new Error(`gantry ${args.join(' ')} exited with ${code}\n${out}${err}`));
    });
  });
}

interface Marker {
  scale: number;
  tasks: number;
  loadSeconds: number;
  seedSeconds: number;
}

const MARKER_PREFIX = 'gantry-bench ';

function readMarker(comment: string | null): Marker | null {
  if (!comment?.startsWith(MARKER_PREFIX)) return null;
  try {
    return JSON.parse(comment.slice(MARKER_PREFIX.length)) as Marker;
  } catch {
    return null;
  }
}

const quoteIdent = (name: string) => `"${name.replace(/"/g, '""')}"`;

export async function prepareDataset(
  root: string,
  adminUrl: string,
  scale: number,
  { reload, log }: { reload: boolean; log: (line: string) => void },
): Promise<Dataset> {
  const label = scaleLabel(scale);
  const database = `gantry_bench_${label}`;
  const url = databaseUrl(adminUrl, database);

  const existing = await withClient(adminUrl, async (admin) => {
    const { rows } = await admin.query<{ comment: string | null }>(
      `SELECT shobj_description(oid, 'pg_database') AS comment FROM pg_database WHERE datname = $1`,
      [database],
    );
    return rows[0] ? { marker: readMarker(rows[0].comment) } : null;
  });

  if (existing && existing.marker && existing.marker.scale === scale && !reload) {
    // New migrations (the schema grows while the project does) apply to the loaded data.
    await gantryCli(root, url, ['migrate'], false);
    const tasks = await withClient(url, async (c) => (await c.query<{ n: number }>('SELECT count(*)::int AS n FROM tasks')).rows[0]!.n);
    if (tasks === existing.marker.tasks) {
      log(`${database}: reusing ${tasks.toLocaleString('en')} tasks (loaded earlier in ${existing.marker.loadSeconds.toFixed(1)} s)`);
      return { scale, label, database, url, tasks, reused: true, loadSeconds: existing.marker.loadSeconds, seedSeconds: existing.marker.seedSeconds };
    }
    log(`${database}: ${tasks} tasks where ${existing.marker.tasks} were loaded; reloading`);
  }

  await withClient(adminUrl, async (admin) => {
    if (existing) {
      log(`${database}: dropping${reload ? ' (--reload)' : ' (not a complete benchmark load)'}`);
      await admin.query(`DROP DATABASE ${quoteIdent(database)} WITH (FORCE)`);
    }
    await admin.query(`CREATE DATABASE ${quoteIdent(database)}`);
  });

  log(`${database}: loading ${scale.toLocaleString('en')} tasks through gantry migrate / seed / seed --scale`);
  const started = performance.now();
  await gantryCli(root, url, ['migrate'], false);
  await gantryCli(root, url, ['seed'], false);
  const seedOut = await gantryCli(root, url, ['seed', '--scale', String(scale)]);
  const loadSeconds = (performance.now() - started) / 1000;
  const reported = /in ([\d.]+) s/.exec(seedOut);
  const seedSeconds = reported ? Number(reported[1]) : loadSeconds;
  const tasks = await withClient(url, async (c) => (await c.query<{ n: number }>('SELECT count(*)::int AS n FROM tasks')).rows[0]!.n);
  const marker: Marker = { scale, tasks, loadSeconds, seedSeconds };
  await withClient(adminUrl, (admin) =>
    admin.query(`COMMENT ON DATABASE ${quoteIdent(database)} IS ${pg.escapeLiteral(MARKER_PREFIX + JSON.stringify(marker))}`),
  );
  log(`${database}: loaded ${tasks.toLocaleString('en')} tasks in ${loadSeconds.toFixed(1)} s (seed --scale itself: ${seedSeconds.toFixed(1)} s)`);
  return { scale, label, database, url, tasks, reused: false, loadSeconds, seedSeconds };
}

export interface WriteSnapshot {
  taskRuns: number;
  results: number;
  at: Date;
}

/** Remembers where the data stood before write scenarios, so they can be undone and the load reused. */
export async function snapshotWrites(client: pg.Client): Promise<WriteSnapshot> {
  const { rows } = await client.query<{ runs: number; results: number; at: Date }>(
    `SELECT (SELECT coalesce(max(id), 0) FROM task_runs)::int AS runs,
            (SELECT coalesce(max(id), 0) FROM results)::int AS results, now() AS at`,
  );
  return { taskRuns: rows[0]!.runs, results: rows[0]!.results, at: rows[0]!.at };
}

/** Removes what write scenarios added: task runs, results, scheduler stamps; restores task state. */
export async function revertWrites(client: pg.Client, snapshot: WriteSnapshot): Promise<number> {
  await client.query('BEGIN');
  try {
    const touched = await client.query<{ task_id: number }>('SELECT DISTINCT task_id FROM task_runs WHERE id > $1', [snapshot.taskRuns]);
    const ids = touched.rows.map((r) => r.task_id);
    await client.query('DELETE FROM results WHERE id > $1', [snapshot.results]);
    await client.query('DELETE FROM task_runs WHERE id > $1', [snapshot.taskRuns]);
    await client.query('DELETE FROM task_stamps WHERE created >= $1', [snapshot.at]);
    if (ids.length) {
      await client.query(
        `UPDATE results r SET last_version = true
           WHERE r.task_id = ANY($1::int[]) AND r.id = (SELECT max(id) FROM results x WHERE x.task_id = r.task_id)`,
        [ids],
      );
      await client.query(
        `UPDATE tasks t SET n_task_runs = c.n, state = CASE WHEN c.n >= t.n_answers THEN 'completed' ELSE 'ongoing' END
           FROM (SELECT t2.id, (SELECT count(*) FROM task_runs tr WHERE tr.task_id = t2.id)::int AS n
                   FROM tasks t2 WHERE t2.id = ANY($1::int[])) c
          WHERE t.id = c.id`,
        [ids],
      );
    }
    await client.query('COMMIT');
    return ids.length;
  } catch (error) {
    await client.query('ROLLBACK');
    throw error;
  }
}
