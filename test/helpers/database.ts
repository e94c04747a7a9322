// Each test file gets its own database: an in-memory PGlite, or a fresh schema on the PostgreSQL
// server named by TEST_DATABASE_URL, so files run in parallel without seeing each other's rows.
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { openDatabase, type DatabaseHandle } from '../../src/db/index.ts';
import { migrateToLatest } from '../../src/db/migrator.ts';

export const backend = process.env.GANTRY_TEST_BACKEND === 'postgres' ? 'postgres' : 'pglite';

export async function openTestDatabase(): Promise<DatabaseHandle> {
  if (backend === 'pglite') {
    const database = await openDatabase({});
    await migrateToLatest(database.db);
    return database;
  }
  const url = process.env.TEST_DATABASE_URL;
  if (!url) throw new Error('GANTRY_TEST_BACKEND=postgres needs TEST_DATABASE_URL');
  const schema = `gantry_test_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  await admin.query(`CREATE SCHEMA ${schema}`);
  await admin.end();
  const database = await openDatabase({ databaseUrl: url, schema, poolSize: 5 });
  await migrateToLatest(database.db, schema);
  return {
    ...database,
    close: async () => {
      await database.close();
      const cleanup = new pg.Client({ connectionString: url });
      await cleanup.connect();
      await cleanup.query(`DROP SCHEMA ${schema} CASCADE`);
      await cleanup.end();
    },
  };
}
