// Who may create and manage competitions:
//   administrators: everything;
//   members of ADMIN_<IOC>: competitions of that country;
//   a competition's DIRECTOR (its creator): that competition.
// Anonymous callers are refused with 401, everyone else with 403.
import DataLoader from 'dataloader';
import { sql } from 'kysely';
import type { GantryContext } from '../../graphql/context.ts';
import type { Viewer } from '../../auth/viewer.ts';
import type { DB } from '../../db/index.ts';
import { refuse } from '../../auth/policies.ts';
import { countriesAdministered, countryAdminGroup } from './country-groups.ts';

export const DIRECTOR = 'DIRECTOR';

export interface Rights {
  userId: number | null;
  admin: boolean;
  /** Countries the viewer administers through ADMIN_<IOC> groups. */
  countries: Set<string>;
}

// Per request: keyed by the request's viewer object.
const rightsCache = new WeakMap<Viewer, Promise<Rights>>();
const rolesCache = new WeakMap<Viewer, DataLoader<string, string | null>>();

export function rightsOf(ctx: GantryContext): Promise<Rights> {
  let rights = rightsCache.get(ctx.viewer);
  if (!rights) {
    const user = ctx.viewer.user;
    rights = !user
      ? Promise.resolve({ userId: null, admin: false, countries: new Set<string>() })
      : countriesAdministered(ctx.db, [user.id]).then((map) => ({ userId: user.id, admin: user.admin, countries: new Set(map.get(user.id)) }));
    rightsCache.set(ctx.viewer, rights);
  }
  return rights;
}

export const mayCreateIn = (rights: Rights, country: string): boolean => rights.admin || rights.countries.has(country);

/** The viewer's role in each competition (DIRECTOR, ...), batched per request. */
export function viewerRoles(ctx: GantryContext): DataLoader<string, string | null> {
  let loader = rolesCache.get(ctx.viewer);
  if (!loader) {
    const userId = ctx.viewer.user?.id;
    loader = new DataLoader<string, string | null>(async (ids) => {
      if (userId === undefined) return ids.map(() => null);
      const { rows } = await sql<{ competition_id: string; role: string }>`
        SELECT competition_id, role FROM competition_roles
        WHERE user_id = ${userId} AND competition_id = ANY(${[...ids]}::uuid[])
        ORDER BY (role = ${DIRECTOR}) DESC, role`.execute(ctx.db);
      const found = new Map<string, string>();
      for (const row of rows) if (!found.has(row.competition_id)) found.set(row.competition_id, row.role);
      return ids.map((id) => found.get(id) ?? null);
    });
    rolesCache.set(ctx.viewer, loader);
  }
  return loader;
}

export async function mayManage(ctx: GantryContext, competition: { id: string; country_id: string }): Promise<boolean> {
  const rights = await rightsOf(ctx);
  if (!rights.userId) return false;
  if (mayCreateIn(rights, competition.country_id)) return true;
  return (await viewerRoles(ctx).load(competition.id)) === DIRECTOR;
}

export async function requireCreateIn(ctx: GantryContext, country: string): Promise<void> {
  if (!ctx.viewer.user) refuse(ctx.viewer, 'Sign in to create competitions.');
  if (!mayCreateIn(await rightsOf(ctx), country)) {
    refuse(
      ctx.viewer,
      `You may not create competitions in ${country}: ask an administrator to add you to the group ${countryAdminGroup(country)}.`,
      'not_country_admin',
    );
  }
}

export async function requireManage(ctx: GantryContext, competition: { id: string; country_id: string }): Promise<void> {
  if (!ctx.viewer.user) refuse(ctx.viewer, 'Sign in to change competitions.');
  if (!(await mayManage(ctx, competition))) {
    refuse(
      ctx.viewer,
      `You may not change this competition: only administrators, members of ${countryAdminGroup(competition.country_id)} and the competition's director may.`,
      'not_competition_manager',
    );
  }
}

export async function grantRole(db: DB, competitionId: string, userId: number, role: string): Promise<void> {
  await db.insertInto('competition_roles').values({ competition_id: competitionId, user_id: userId, role }).onConflict((oc) => oc.doNothing()).execute();
}
