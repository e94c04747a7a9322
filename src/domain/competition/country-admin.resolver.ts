// Federation admins (ADMIN_<IOC> groups): managed by administrators, visible on the User type.
import { Arg, Ctx, FieldResolver, Mutation, Resolver, Root } from 'type-graphql';
import DataLoader from 'dataloader';
import type { GantryContext } from '../../graphql/context.ts';
import type { UserRow } from '../../db/tables.ts';
import type { Viewer } from '../../auth/viewer.ts';
import { User } from '../user/user.type.ts';
import { findUserByNameOrEmail } from '../user/user.repository.ts';
import { isSelfOrAdmin, requireAdmin } from '../../auth/policies.ts';
import { notFound } from '../../graphql/errors.ts';
import { countryArgument } from './competition.rules.ts';
import { countriesAdministered, setCountryAdminMembership } from './country-groups.ts';

const loaders = new WeakMap<Viewer, DataLoader<number, string[]>>();

function countriesLoader(ctx: GantryContext): DataLoader<number, string[]> {
  let loader = loaders.get(ctx.viewer);
  if (!loader) {
    loader = new DataLoader<number, string[]>(async (ids) => {
      const map = await countriesAdministered(ctx.db, ids);
      return ids.map((id) => map.get(id) ?? []);
    });
    loaders.set(ctx.viewer, loader);
  }
  return loader;
}

@Resolver(() => User)
export class CountryAdminResolver {
  @FieldResolver(() => [String], {
    nullable: true,
    description: 'Countries whose competitions this user manages as a federation admin (groups ADMIN_<IOC>). Visible to the user and administrators.',
  })
  countryAdminOf(@Root() user: UserRow, @Ctx() ctx: GantryContext): Promise<string[]> | null {
    return isSelfOrAdmin(ctx.viewer, user.id) ? countriesLoader(ctx).load(user.id) : null;
  }

  @Mutation(() => User, { description: 'Administrators only: add a user to, or remove them from, the federation admins (ADMIN_<IOC>) of a country.' })
  async setCountryAdmin(
    @Arg('username', () => String, { description: 'User name or email.' }) username: string,
    @Arg('country', () => String, { description: 'IOC code, e.g. GBR.' }) country: string,
    @Arg('member', () => Boolean) member: boolean,
    @Ctx() ctx: GantryContext,
  ): Promise<UserRow> {
    requireAdmin(ctx.viewer);
    const code = countryArgument(country, 'country');
    const user = await findUserByNameOrEmail(ctx.db, username);
    if (!user) throw notFound(`User "${username}"`);
    await setCountryAdminMembership(ctx.db, user.id, code, member);
    return user;
  }
}
