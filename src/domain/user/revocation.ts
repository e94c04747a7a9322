// Revokes every credential derived from a user's password, in every gateway process at once (the
// checks read the database on each request): JSend tokens (token_key), GraphQL session and OpenTrack
// v1 tokens (session_key), and the older OpenTrack API's static tokens (deleted). The PYBOSSA API key
// is not derived from the password and stays; its owner rotates it with rotateApiKey.
import { randomUUID } from 'node:crypto';
import type { DB } from '../../db/index.ts';
import type { UserUpdate } from '../../db/tables.ts';

/** The columns to set, with a change of the user row, so that every derived credential dies. */
export const revokedKeys = (): Pick<UserUpdate, 'token_key' | 'session_key'> => ({ token_key: randomUUID(), session_key: randomUUID() });

/** Static tokens live in their own table: delete them in the same transaction as the row change. */
export async function deleteStaticTokens(trx: DB, userId: number): Promise<void> {
  await trx.deleteFrom('auth_tokens').where('user_id', '=', userId).execute();
}

export async function revokeDerivedCredentials(trx: DB, userId: number): Promise<void> {
  await trx.updateTable('users').set(revokedKeys()).where('id', '=', userId).execute();
  await deleteStaticTokens(trx, userId);
}
