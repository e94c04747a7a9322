// Runs the numbered migrations of migrations/ (a static list, so no filesystem scan at run time).
// Kysely's migrator takes a lock and wraps the pending migrations in a transaction; re-running is a no-op.
import { Migrator, type Kysely, type Migration, type MigrationResultSet } from 'kysely';
import * as m0001 from '../../migrations/0001_initial.ts';
import * as m0002 from '../../migrations/0002_credentials.ts';
import * as m0003 from '../../migrations/0003_session_key.ts';
import * as m0004 from '../../migrations/0004_competition_changes.ts';

const migrations: Record<string, Migration> = {
  '0001_initial': m0001,
  '0002_credentials': m0002,
  '0003_session_key': m0003,
  '0004_competition_changes': m0004,
};

/**
 * `schema`: where the bookkeeping tables live when the connection's search_path is not `public`
 * (tests give each file its own schema; without it Kysely would find another schema's lock table).
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- the migrator works on any schema
export async function migrateToLatest(db: Kysely<any>, schema?: string): Promise<MigrationResultSet> {
  const migrator = new Migrator({
    db,
    ...(schema ? { migrationTableSchema: schema } : {}),
    provider: { getMigrations: async () => migrations },
    migrationTableName: 'gantry_migrations',
    migrationLockTableName: 'gantry_migrations_lock',
  });
  const result = await migrator.migrateToLatest();
  if (result.error) throw result.error;
  return result;
}
