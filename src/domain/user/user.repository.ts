import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import type { DB } from '../../db/index.ts';
import type { UserRow, UserUpdate } from '../../db/tables.ts';
import type { ListSpec } from '../../db/list-query.ts';
import { hashPassword } from '../../auth/passwords.ts';
import { rethrowUniqueAsConflict } from '../../db/errors.ts';

export const userListSpec = (conditions: { privateFilter: boolean }): ListSpec => ({
  table: 'users',
  filters: { name: 'name', fullname: 'fullname', locale: 'locale', admin: 'admin', privacyMode: 'privacy_mode' },
  order: { id: 'id', name: 'name', created: 'created', locale: 'locale' },
  hasInfo: true,
  // Restricted users never appear in lists; filtering by a private field only finds public profiles.
  visible: () =>
    conditions.privateFilter ? sql<boolean>`users.restrict = false AND users.privacy_mode = false` : sql<boolean>`users.restrict = false`,
});

export function findUserByNameOrEmail(db: DB, nameOrEmail: string): Promise<UserRow | undefined> {
  const value = nameOrEmail.trim();
  return db
    .selectFrom('users')
    .selectAll()
    .where((eb) => eb.or([eb('name', '=', value), eb(eb.fn('lower', ['email_addr']), '=', value.toLowerCase())]))
    .orderBy(sql`name = ${value}`, 'desc')
    .executeTakeFirst();
}

function rethrowUnique(error: unknown): never {
  return rethrowUniqueAsConflict(error, 'user', [['email', 'email'], ['name', 'name']]);
}

export async function insertUser(
  db: DB,
  input: { name: string; fullname: string; email: string; password: string; locale: string; admin: boolean },
): Promise<UserRow> {
  try {
    return await db
      .insertInto('users')
      .values({
        name: input.name,
        fullname: input.fullname,
        email_addr: input.email,
        passwd_hash: await hashPassword(input.password),
        api_key: randomUUID(),
        locale: input.locale,
        admin: input.admin,
        info: '{}',
      })
      .returningAll()
      .executeTakeFirstOrThrow();
  } catch (error) {
    rethrowUnique(error);
  }
}

export async function updateUserRow(db: DB, id: number, changes: UserUpdate): Promise<UserRow | undefined> {
  try {
    return await db
      .updateTable('users')
      .set({ ...changes, updated: new Date() })
      .where('id', '=', id)
      .returningAll()
      .executeTakeFirst();
  } catch (error) {
    rethrowUnique(error);
  }
}
