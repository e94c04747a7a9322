// A version number for the competitions table, bumped in the same transaction as any insert, update,
// delete or truncate of it (a statement-level trigger, so set-based seeds bump it once). Caches of
// things built from competitions (the .ics feeds) key on it: one indexed read tells every gateway
// process whether what it built is still current, and a change becomes visible exactly when the
// rows it changed do (a sequence or max(updated) would not: they move before, or out of, commit order).
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`CREATE TABLE change_counters (name text PRIMARY KEY, version bigint NOT NULL DEFAULT 0)`.execute(db);
  await sql`INSERT INTO change_counters (name, version) VALUES ('competitions', 1)`.execute(db);
  await sql`
    CREATE FUNCTION bump_competitions_version() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      UPDATE change_counters SET version = version + 1 WHERE name = 'competitions';
      RETURN NULL;
    END $$`.execute(db);
  await sql`
    CREATE TRIGGER competitions_version AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON competitions
    FOR EACH STATEMENT EXECUTE FUNCTION bump_competitions_version()`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`DROP TRIGGER IF EXISTS competitions_version ON competitions`.execute(db);
  await sql`DROP FUNCTION IF EXISTS bump_competitions_version()`.execute(db);
  await sql`DROP TABLE IF EXISTS change_counters`.execute(db);
}
