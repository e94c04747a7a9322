// Presents one embedded PGlite instance as the small part of pg's Pool interface that Kysely's
// PostgresDialect uses, so both backends share one dialect, one query compiler and one migrator.
// PGlite is a single connection: clients are handed out one at a time (a FIFO mutex), which keeps
// a transaction's statements together exactly as a pooled connection would.
// The package is imported when a pool opens, not with this module: the server bundle
// (scripts/server-bundle.mjs) inlines this file, and PGlite costs ~40 MB a server never uses.
import type { PGlite } from '@electric-sql/pglite';
import { parseJsonSized } from './json-sizes.ts';

interface PoolClientLike {
  query(sql: string, parameters?: readonly unknown[]): Promise<{ rows: unknown[]; rowCount: number; command: string }>;
  release(): void;
}


export class PGlitePool {
  private queue: Promise<void> = Promise.resolve();
  private closed = false;

  private constructor(readonly pglite: PGlite) {}

  /** `snapshot`: a data directory tarball (PGlite's dumpDataDir) to start from instead of initdb. */
  static async open(dataDir: string | undefined, snapshot?: Blob): Promise<PGlitePool> {
    const { PGlite, types } = await import('@electric-sql/pglite');
    /** Same value shapes as the pg pool (see pg-types.ts): dates as 'YYYY-MM-DD', int8 and numeric as numbers. */
    const parsers = {
      [types.DATE]: (value: string) => value,
      [types.INT8]: (value: string) => Number(value),
      [types.NUMERIC]: (value: string) => Number(value),
      // Sizes of JSON values, for the response budget.
      [types.JSON]: parseJsonSized,
      [types.JSONB]: parseJsonSized,
    };
    const pglite = await PGlite.create({ ...(dataDir ? { dataDir } : {}), ...(snapshot ? { loadDataDir: snapshot } : {}), parsers });
    return new PGlitePool(pglite);
  }

  async connect(): Promise<PoolClientLike> {
    if (this.closed) throw new Error('database pool is closed');
    let release!: () => void;
    const next = new Promise<void>((resolve) => (release = resolve));
    const previous = this.queue;
    this.queue = previous.then(() => next);
    await previous;
    const pglite = this.pglite;
    let released = false;
    return {
      async query(sql, parameters) {
        const result = await pglite.query(sql, parameters as unknown[] | undefined, { rowMode: 'object' });
        const command = /^\s*(\w+)/.exec(sql)?.[1]?.toUpperCase() ?? '';
        return { rows: result.rows, rowCount: result.affectedRows ?? result.rows.length, command };
      },
      release() {
        if (!released) {
          released = true;
          release();
        }
      },
    };
  }

  async end(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.queue;
    await this.pglite.close();
  }
}
