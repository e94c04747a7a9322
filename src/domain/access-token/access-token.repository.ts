// Static tokens (auth_tokens): one per user, created on first request and then returned again,
// as Django REST framework's token login does.
import { randomBytes } from 'node:crypto';
import type { DB } from '../../db/index.ts';

export async function staticTokenFor(db: DB, userId: number): Promise<string> {
  // Insert-or-keep in one statement, so concurrent logins of one user agree on a single key.
  await db
    .insertInto('auth_tokens')
    .values({ key: randomBytes(20).toString('hex'), user_id: userId })
    .onConflict((oc) => oc.column('user_id').doNothing())
    .execute();
  const row = await db.selectFrom('auth_tokens').select('key').where('user_id', '=', userId).executeTakeFirstOrThrow();
  return row.key;
}

export async function revokeStaticToken(db: DB, userId: number): Promise<boolean> {
  const result = await db.deleteFrom('auth_tokens').where('user_id', '=', userId).executeTakeFirst();
  return Number(result.numDeletedRows) > 0;
}
