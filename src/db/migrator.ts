// Runs the numbered migrations of migrations/ (a static list, so no filesystem scan at run time).
// Kysely's migrator takes a lock and wraps the pending migrations in a transaction; re-running is a no-op.
import { Migrator, type Kysely, type Migration, type MigrationResultSet } from 'kysely';
import * as m0001 from '../../migrations/0001_initial.ts';

const migrations: Record<string, Migration> = {
  '0001_initial': m0001,
};

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- the migrator works on any schema
export async function migrateToLatest(db: Kysely<any>): Promise<MigrationResultSet> {
  const migrator = new Migrator({
    db,
    provider: { getMigrations: async () => migrations },
    migrationTableName: 'gantry_migrations',
    migrationLockTableName: 'gantry_migrations_lock',
  });
  const result = await migrator.migrateToLatest();
  if (result.error) throw result.error;
  return result;
}
