// One Kysely instance over either a pg Pool (DATABASE_URL) or embedded PGlite (DATA_DIR).
import { Kysely, PostgresDialect, sql } from 'kysely';
import pg from 'pg';
import { join } from 'node:path';
import { secureDataDir } from '../config.ts';
import type { Database } from './tables.ts';
import { pgTypes } from './pg-types.ts';
import { prepareRepeatedStatements } from './prepared.ts';
import { budgetAware } from '../graphql/response-budget.ts';

export type DB = Kysely<Database>;

export interface DatabaseHandle {
  db: DB;
  kind: 'postgres' | 'pglite';
  /** The schema named in DatabaseOptions.schema, if any. */
  schema?: string;
  /** The pg pool (PostgreSQL mode), for stores that speak pg directly (shared rate-limit counters). */
  pgPool?: pg.Pool;
  /** Answers when the database does (readiness). */
  ping(): Promise<void>;
  close(): Promise<void>;
  /** Embedded only: the data directory as a tarball, to start other databases from (tests). */
  dumpSnapshot?(): Promise<Blob>;
}

export interface DatabaseOptions {
  databaseUrl?: string;
  /** Embedded mode: a directory to persist to, or undefined for an in-memory database. */
  dataDir?: string;
  /** PostgreSQL only: a schema to use as search_path (tests isolate files this way). */
  schema?: string;
  poolSize?: number;
  /** Embedded, in-memory only: start from this data directory tarball (tests start from a migrated one). */
  pgliteSnapshot?: Blob;
  /** PostgreSQL only: the server stops any statement running longer (ms); default 15 s. */
  statementTimeoutMs?: number;
}

/** No request may hold a connection longer than this with one statement (waiting on locks included). */
export const DEFAULT_STATEMENT_TIMEOUT_MS = 15_000;

export async function openDatabase(options: DatabaseOptions): Promise<DatabaseHandle> {
  if (options.databaseUrl) {
    const pool = new pg.Pool({
      connectionString: options.databaseUrl,
      max: options.poolSize ?? 10,
      connectionTimeoutMillis: 3000,
      types: pgTypes,
      options: options.schema ? `-c search_path=${options.schema}` : undefined,
      statement_timeout: options.statementTimeoutMs ?? DEFAULT_STATEMENT_TIMEOUT_MS,
    });
    // An idle client that loses its connection must not crash the process.
    pool.on('error', () => {});
    // Nor one that is checked out (inside a transaction, between statements) when the server goes
    // away: pg-pool listens only to idle clients. The broken client fails its next query (answered
    // 503) and is dropped from the pool on release.
    pool.on('connect', (client) => {
      client.on('error', () => {});
      prepareRepeatedStatements(client);
    });
    const db = new Kysely<Database>({ dialect: budgetAware(new PostgresDialect({ pool })) });
    return {
      db,
      kind: 'postgres',
      pgPool: pool,
      schema: options.schema,
      ping: async () => {
        await sql`select 1`.execute(db);
      },
      close: () => db.destroy(),
    };
  }
  let dataDir: string | undefined;
  if (options.dataDir) {
    secureDataDir(options.dataDir);
    // Files the database creates from now on (WAL segments, new relations) get no group or other
    // access: the process keeps this umask while the embedded database is open.
    process.umask(0o077);
    dataDir = join(options.dataDir, 'pglite');
  }
  // Loaded only in embedded mode: the WebAssembly build costs ~40 MB of memory a server does not need.
  const { PGlitePool } = await import('./pglite-pool.ts');
  const pool = await PGlitePool.open(dataDir, options.pgliteSnapshot);
  // A new database is unpacked from PGlite's template with the template's modes (0666), whatever
  // the umask: make what it wrote private too.
  if (options.dataDir) secureDataDir(options.dataDir);
  const db = new Kysely<Database>({ dialect: budgetAware(new PostgresDialect({ pool: pool as unknown as pg.Pool })) });
  return {
    db,
    kind: 'pglite',
    dumpSnapshot: () => pool.pglite.dumpDataDir('none'),
    ping: async () => {
      await sql`select 1`.execute(db);
    },
    close: () => db.destroy(),
  };
}
