// Credentials dialects (JSend tokens, race server): what 0001 did not hold.
//  - users.latest_json / users.uploaded_at: the race server keeps the raw text of every upload
//    attempt (even one that fails to parse) on the user, apart from the buggy it may produce.
//  - users (lower(name)): JSend logins look user ids up lower-cased, as Submitty does.
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`ALTER TABLE users ADD COLUMN latest_json text, ADD COLUMN uploaded_at timestamptz`.execute(db);
  await sql`CREATE INDEX users_lower_name_idx ON users (lower(name))`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`DROP INDEX IF EXISTS users_lower_name_idx`.execute(db);
  await sql`ALTER TABLE users DROP COLUMN IF EXISTS latest_json, DROP COLUMN IF EXISTS uploaded_at`.execute(db);
}
