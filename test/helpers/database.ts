// Each test file gets its own database: an in-memory PGlite, or a fresh schema on the PostgreSQL
// server named by TEST_DATABASE_URL, so files run in parallel without seeing each other's rows.
import { createHash, randomBytes } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { openDatabase, type DatabaseHandle } from '../../src/db/index.ts';
import { migrateToLatest } from '../../src/db/migrator.ts';

export const backend = process.env.GANTRY_TEST_BACKEND === 'postgres' ? 'postgres' : 'pglite';

export async function openTestDatabase(): Promise<DatabaseHandle> {
  if (backend === 'pglite') return openMigratedPglite();
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

/**
 * A new in-memory PGlite costs an initdb plus the migrations (about 6 s here, most of a short test
 * file's time). The first file to need one migrates it and leaves its data directory as a tarball in
 * the temporary directory, named by a hash of the migrations and the PGlite version; every later file
 * (in this run and the next, until a migration changes) starts from that tarball in about 1 s.
 */
async function openMigratedPglite(): Promise<DatabaseHandle> {
  const path = snapshotPath();
  if (existsSync(path)) {
    try {
      const database = await openDatabase({ pgliteSnapshot: new Blob([readFileSync(path)]) });
      await migrateToLatest(database.db); // a no-op unless the snapshot is stale
      return database;
    } catch {
      // A damaged snapshot: fall through and make a new one.
    }
  }
  const database = await openDatabase({});
  await migrateToLatest(database.db);
  const snapshot = await database.dumpSnapshot!();
  const partial = `${path}.${process.pid}.${randomBytes(4).toString('hex')}`;
  writeFileSync(partial, Buffer.from(await snapshot.arrayBuffer()));
  renameSync(partial, path); // atomic: a concurrent reader sees the whole file or none
  return database;
}

let snapshotPathMemo: string | undefined;
function snapshotPath(): string {
  if (snapshotPathMemo) return snapshotPathMemo;
  const root = join(import.meta.dirname, '..', '..');
  const hash = createHash('sha256');
  const migrations = join(root, 'migrations');
  for (const file of readdirSync(migrations).sort()) hash.update(file).update(readFileSync(join(migrations, file)));
  hash.update(readFileSync(join(root, 'src', 'db', 'migrator.ts')));
  hash.update(readFileSync(join(root, 'node_modules', '@electric-sql', 'pglite', 'package.json')));
  snapshotPathMemo = join(tmpdir(), `gantry-test-pglite-${hash.digest('hex').slice(0, 16)}.tar`);
  return snapshotPathMemo;
}
