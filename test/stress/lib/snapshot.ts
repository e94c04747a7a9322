// A fingerprint of everything the gateway stores: per table a row count and an md5 over the rows'
// text, in one statement. Two equal fingerprints mean nothing was written in between. Rate-limit
// counters and the migration bookkeeping are left out: counting a refused request is the point of them.
import { sql } from 'kysely';
import type { DB } from '../../../src/db/index.ts';

export type Fingerprint = Record<string, { rows: number; md5: string }>;

const IGNORED = new Set(['rate_limits', 'kysely_migration', 'kysely_migration_lock']);

const tablesCache = new WeakMap<DB, Promise<string[]>>();

function tablesOf(db: DB): Promise<string[]> {
  let tables = tablesCache.get(db);
  if (!tables) {
    tables = sql<{ name: string }>`
      SELECT table_name AS name FROM information_schema.tables
      WHERE table_schema = current_schema() AND table_type = 'BASE TABLE' ORDER BY table_name`
      .execute(db)
      .then(({ rows }) => rows.map((r) => r.name).filter((name) => !IGNORED.has(name) && !name.startsWith('rl_')));
    tablesCache.set(db, tables);
  }
  return tables;
}

export async function fingerprint(db: DB): Promise<Fingerprint> {
  const tables = await tablesOf(db);
  const parts = tables.map(
    (table) =>
      sql`SELECT ${table}::text AS name, count(*)::int AS rows, coalesce(md5(string_agg(t::text, '|' ORDER BY t::text)), '') AS md5 FROM ${sql.table(table)} t`,
  );
  const { rows } = await sql<{ name: string; rows: number; md5: string }>`${sql.join(parts, sql` UNION ALL `)}`.execute(db);
  return Object.fromEntries(rows.map((r) => [r.name, { rows: r.rows, md5: r.md5 }]));
}

/** Tables whose contents differ, with their row counts before and after. */
export function changedTables(before: Fingerprint, after: Fingerprint): string[] {
  const names = new Set([...Object.keys(before), ...Object.keys(after)]);
  return [...names]
    .filter((name) => before[name]?.md5 !== after[name]?.md5 || before[name]?.rows !== after[name]?.rows)
    .map((name) => `${name} (${before[name]?.rows ?? 0} -> ${after[name]?.rows ?? 0} rows)`);
}
