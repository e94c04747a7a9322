import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import type { DB } from '../../db/index.ts';
import type { UserRow, UserUpdate } from '../../db/tables.ts';
import type { ListSpec } from '../../db/list-query.ts';
import { hashPassword } from '../../auth/passwords.ts';
import { isUniqueViolation, rethrowUniqueAsConflict } from '../../db/errors.ts';

export const userListSpec = (conditions: { privateFilter: boolean }): ListSpec => ({
  table: 'users',
  filters: { name: 'name', fullname: 'fullname', locale: 'locale', admin: 'admin', privacyMode: 'privacy_mode' },
  order: { id: 'id', name: 'name', created: 'created', locale: 'locale' },
  hasInfo: true,
  // Restricted users never appear in lists; filtering by a private field only finds public profiles.
  visible: () =>
    conditions.privateFilter ? sql<boolean>`users.restrict = false AND users.privacy_mode = false` : sql<boolean>`users.restrict = false`,
});

/**
 * Signing in by name, one rule for every route (GraphQL login, JSend and OpenTrack tokens). Names are
 * unique as written, so `Zed` and `zed` may both exist: the exact name wins; without one, a name that
 * matches ignoring case is taken only when exactly one user has it (Submitty clients send user ids in
 * any case, and a lone `alice` still answers to `Alice`); two candidates are never picked between.
 * The race server keeps its exact, case-sensitive lookup, as the original does.
 */
export async function findUserByName(db: DB, name: string): Promise<UserRow | undefined> {
  const value = name.trim();
  // (A NUL cannot be in any name, and PostgreSQL refuses it as a parameter.)
  if (!value || value.includes('\0')) return undefined;
  const rows = await db
    .selectFrom('users')
    .selectAll()
    .where((eb) => eb(eb.fn('lower', ['name']), '=', value.toLowerCase()))
    .orderBy('id')
    .execute();
  return rows.find((row) => row.name === value) ?? (rows.length === 1 ? rows[0] : undefined);
}

/** A name (the rule above) or else an email, which matches ignoring case when exactly one user has it. */
export async function findUserByNameOrEmail(db: DB, nameOrEmail: string): Promise<UserRow | undefined> {
  const byName = await findUserByName(db, nameOrEmail);
  if (byName) return byName;
  const value = nameOrEmail.trim();
  if (!value.includes('@') || value.includes('\0')) return undefined;
  const rows = await db.selectFrom('users').selectAll().where((eb) => eb(eb.fn('lower', ['email_addr']), '=', value.toLowerCase())).limit(2).execute();
  return rows.length === 1 ? rows[0] : undefined;
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

/**
 * Self-registration: as insertUser, except that an email some account already has (in any case) is
 * not set on the new account, which is made without one. The answer is then the same as with a new
 * email, in one statement and with the password hashed either way, so registration does not tell
 * whether an email is registered. A taken name is still a CONFLICT: names are public.
 */
export async function registerUser(
  db: DB,
  input: { name: string; fullname: string; email: string; password: string; locale: string },
): Promise<UserRow> {
  const passwdHash = await hashPassword(input.password);
  const insert = (email: ReturnType<typeof sql<string | null>>) =>
    db
      .insertInto('users')
      .values({
        name: input.name,
        fullname: input.fullname,
        email_addr: email,
        passwd_hash: passwdHash,
        api_key: randomUUID(),
        locale: input.locale,
        admin: false,
        info: '{}',
      })
      .returningAll()
      .executeTakeFirstOrThrow();
  try {
    try {
      return await insert(sql<string | null>`CASE WHEN EXISTS (SELECT 1 FROM users WHERE lower(email_addr) = lower(${input.email})) THEN NULL ELSE ${input.email} END`);
    } catch (error) {
      // Registered by a concurrent request between the check and the insert: the same answer.
      if (isUniqueViolation(error, 'users_email_addr_key')) return await insert(sql<string | null>`NULL`);
      throw error;
    }
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
