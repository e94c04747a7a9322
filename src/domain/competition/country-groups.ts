// Federation admins: membership of the user group ADMIN_<IOC> (e.g. ADMIN_GBR) lets a user create
// and manage the competitions of that country.
import { sql } from 'kysely';
import type { DB } from '../../db/index.ts';
import { COUNTRY } from './competition.rules.ts';

const PREFIX = 'ADMIN_';

export const countryAdminGroup = (country: string): string => `${PREFIX}${country}`;

/** The country of an ADMIN_<IOC> group name, or null for any other group. */
export function countryOfGroup(group: string): string | null {
  if (!group.startsWith(PREFIX)) return null;
  const country = group.slice(PREFIX.length);
  return COUNTRY.test(country) ? country : null;
}

/** Countries each user administers, for many users in one statement. */
export async function countriesAdministered(db: DB, userIds: readonly number[]): Promise<Map<number, string[]>> {
  const result = new Map<number, string[]>(userIds.map((id) => [id, []]));
  if (userIds.length === 0) return result;
  const { rows } = await sql<{ user_id: number; name: string }>`
    SELECT user_id, name FROM user_groups
    WHERE user_id = ANY(${[...userIds]}::int[]) AND name LIKE ${PREFIX.replace('_', '\\_') + '%'}
    ORDER BY name`.execute(db);
  for (const row of rows) {
    const country = countryOfGroup(row.name);
    if (country) result.get(row.user_id)?.push(country);
  }
  return result;
}

export async function setCountryAdminMembership(db: DB, userId: number, country: string, member: boolean): Promise<void> {
  const name = countryAdminGroup(country);
  if (member) {
    await db.insertInto('user_groups').values({ user_id: userId, name }).onConflict((oc) => oc.doNothing()).execute();
  } else {
    await db.deleteFrom('user_groups').where('user_id', '=', userId).where('name', '=', name).execute();
  }
}
