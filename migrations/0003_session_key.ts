// users.session_key: a random key that session tokens (GraphQL) and OpenTrack v1 bearer tokens are
// bound to (src/auth/session-key.ts). Rotating it, with token_key and the static tokens, revokes every
// credential derived from the password: a password change or reset, a deactivation, JSend's invalidate.
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`ALTER TABLE users ADD COLUMN session_key text NOT NULL DEFAULT md5(random()::text || clock_timestamp()::text)`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`ALTER TABLE users DROP COLUMN IF EXISTS session_key`.execute(db);
}
