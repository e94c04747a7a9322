import { Arg, Args, Ctx, FieldResolver, ID, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import { LocalDateResolver } from 'graphql-scalars';
import type { GantryContext } from '../../graphql/context.ts';
import type { CompetitionRow } from '../../db/tables.ts';
import { Competition, CompetitionDraft } from './competition.type.ts';
import { CompetitionInput, CompetitionListArgs, CompetitionPatch } from './competition.input.ts';
import { competitionValues, isUuid, normaliseName, type CompetitionValues } from './competition.rules.ts';
import {
  competitionForUpdate,
  countriesWithCompetitions,
  deleteCompetitionRow,
  insertCompetition,
  listCompetitions,
  MAX_PAGE,
  DEFAULT_PAGE,
  updateCompetitionRow,
  valuesOf,
  type CompetitionWithRole,
} from './competition.repository.ts';
import {
  checkOverrideToken,
  competitionsWithNameAndDate,
  lockNameAndDate,
  OVERRIDE_PROBLEMS,
  signOverrideToken,
} from './competition.duplicates.ts';
import { DIRECTOR, grantRole, mayManage, requireCreateIn, requireManage, viewerRoles } from './competition.permissions.ts';
import { requireUser } from '../../auth/policies.ts';
import { badInput, conflict, notFound } from '../../graphql/errors.ts';
import { storedJson } from '../../graphql/response-budget.ts';

function checkedId(id: string, field = 'id'): string {
  if (!isUuid(id)) throw badInput(`${field} must be a UUID (got "${id}").`, [{ field, message: 'not a UUID' }]);
  return id.toLowerCase();
}

function pageOf(limit: number | null | undefined, offset: number | null | undefined): { limit: number; offset: number } {
  if (limit !== null && limit !== undefined && (!Number.isInteger(limit) || limit < 0)) {
    throw badInput(`limit must be a whole number from 0 to ${MAX_PAGE}.`, [{ field: 'limit', message: 'must not be negative' }]);
  }
  if (offset !== null && offset !== undefined && (!Number.isInteger(offset) || offset < 0)) {
    throw badInput('offset must be a whole number, 0 or more.', [{ field: 'offset', message: 'must not be negative' }]);
  }
  return { limit: Math.min(limit ?? DEFAULT_PAGE, MAX_PAGE), offset: offset ?? 0 };
}

/**
 * The duplicate rule, for create and for an update that changes the name or the start date: with
 * the (name, date) lock held, another competition with that name and date refuses the write with
 * CONFLICT, the matches and a fresh override token, unless a valid override token was sent.
 */
async function refuseDuplicate(
  trx: GantryContext['db'],
  ctx: GantryContext,
  values: CompetitionValues,
  overrideToken: string | null | undefined,
  except?: string,
): Promise<void> {
  await lockNameAndDate(trx, values.full_name, values.date);
  const override = overrideToken ? checkOverrideToken(ctx.config, overrideToken, values.full_name, values.date) : null;
  if (override === 'valid') return;
  const matches = await competitionsWithNameAndDate(trx, values.full_name, values.date, except);
  if (!matches.length) return;
  throw conflict('A competition with the same name and date exists', {
    reason: 'duplicate_competition',
    details: {
      overrideToken: signOverrideToken(ctx.config, values.full_name, values.date),
      matchingCompetitionIds: matches.map((m) => m.id),
      ...(override ? { overrideTokenProblem: OVERRIDE_PROBLEMS[override] } : {}),
    },
  });
}

@Resolver(() => Competition)
export class CompetitionResolver {
  @Query(() => Competition, { nullable: true, description: 'A competition by id, or null.' })
  async competition(@Arg('id', () => ID) id: string, @Ctx() ctx: GantryContext): Promise<CompetitionRow | null> {
    if (!isUuid(id)) return null;
    return ctx.loaders.byId<CompetitionRow>('competitions').load(id.toLowerCase());
  }

  @Query(() => [Competition], { description: 'The calendar: competitions by start date, filtered. Dates are inclusive.' })
  competitions(@Args(() => CompetitionListArgs) args: CompetitionListArgs, @Ctx() ctx: GantryContext): Promise<CompetitionRow[]> {
    if (args.organiserId) checkedId(args.organiserId, 'organiserId');
    for (const id of args.ids ?? []) checkedId(id, 'ids');
    return listCompetitions(ctx.db, {
      countries: args.countries?.map((c) => c.trim().toUpperCase()),
      fromDate: args.fromDate ?? undefined,
      toDate: args.toDate ?? undefined,
      slug: args.slug ?? undefined,
      organiserId: args.organiserId?.toLowerCase(),
      updatedSince: args.updatedSince ?? undefined,
      ids: args.ids?.map((id) => id.toLowerCase()),
      ...pageOf(args.limit, args.offset),
    });
  }

  @Query(() => [Competition], { description: 'Competitions where you hold a role (DIRECTOR, ...), newest first.' })
  myCompetitions(
    @Arg('toDate', () => LocalDateResolver, { nullable: true, description: 'Starting on or before this day.' }) toDate: string | null,
    @Arg('limit', () => Int, { nullable: true }) limit: number | null,
    @Arg('offset', () => Int, { nullable: true }) offset: number | null,
    @Ctx() ctx: GantryContext,
  ): Promise<CompetitionWithRole[]> {
    const user = requireUser(ctx.viewer, 'Sign in to see your competitions.');
    return listCompetitions(ctx.db, { roleOf: user.id, toDate: toDate ?? undefined, newestFirst: true, ...pageOf(limit, offset) });
  }

  @Query(() => [String], { description: 'Countries with competitions starting between the two days (inclusive).' })
  competitionCountries(
    @Arg('fromDate', () => LocalDateResolver) fromDate: string,
    @Arg('toDate', () => LocalDateResolver) toDate: string,
    @Ctx() ctx: GantryContext,
  ): Promise<string[]> {
    return countriesWithCompetitions(ctx.db, fromDate, toDate);
  }

  @FieldResolver(() => String, { description: 'Page path: /x/<year>/<COUNTRY>/<slug>/.' })
  path(@Root() competition: CompetitionRow): string {
    return `/x/${competition.year}/${competition.country_id}/${competition.slug}/`;
  }

  @FieldResolver(() => String, { nullable: true, description: 'Your role in this competition (DIRECTOR), if any.' })
  viewerRole(@Root() competition: CompetitionWithRole, @Ctx() ctx: GantryContext): Promise<string | null> | string {
    if (competition.role) return competition.role;
    return viewerRoles(ctx).load(competition.id);
  }

  @FieldResolver(() => Boolean, { description: 'May you change or delete this competition?' })
  viewerCanManage(@Root() competition: CompetitionRow, @Ctx() ctx: GantryContext): Promise<boolean> {
    return mayManage(ctx, competition);
  }

  @Mutation(() => CompetitionDraft, {
    description: 'Checks a competition as create would (fields, dates, events) and returns it as it would be stored, without saving anything.',
  })
  validateCompetition(@Arg('input', () => CompetitionInput) input: CompetitionInput, @Ctx() ctx: GantryContext): CompetitionDraft {
    const values = competitionValues(input);
    storedJson(ctx.config, 'events', values.events);
    // id is read-only (the server assigns it): a draft has none.
    return { ...values, id: null } as unknown as CompetitionDraft;
  }

  @Mutation(() => Competition, {
    description:
      'Creates a competition; you become its DIRECTOR. If one with the same name and start date exists, fails with CONFLICT ' +
      '(reason duplicate_competition) carrying overrideToken and matchingCompetitionIds: pass overrideToken to create it anyway.',
  })
  async createCompetition(
    @Arg('input', () => CompetitionInput) input: CompetitionInput,
    @Arg('overrideToken', () => String, { nullable: true, description: 'From a previous duplicate answer; valid 3 days.' }) overrideToken: string | null,
    @Ctx() ctx: GantryContext,
  ): Promise<CompetitionRow> {
    const user = requireUser(ctx.viewer, 'Sign in to create competitions.');
    const values = competitionValues(input);
    storedJson(ctx.config, 'events', values.events);
    await requireCreateIn(ctx, values.country_id);
    const created = await ctx.db.transaction().execute(async (trx) => {
      await refuseDuplicate(trx, ctx, values, overrideToken);
      // input.id is read-only and ignored: the database assigns the id.
      const row = await insertCompetition(trx, values, user.id);
      await grantRole(trx, row.id, user.id, DIRECTOR);
      return row;
    });
    return { ...created, role: DIRECTOR } as CompetitionWithRole;
  }

  @Mutation(() => Competition, {
    description:
      'Changes the given fields of a competition; events, when given, replace all events. Every create rule holds for the result: ' +
      'renaming it (or moving its date) onto another competition with the same name and start date fails with CONFLICT ' +
      '(reason duplicate_competition) carrying overrideToken, as createCompetition does.',
  })
  async updateCompetition(
    @Arg('id', () => ID) id: string,
    @Arg('input', () => CompetitionPatch) input: CompetitionPatch,
    @Arg('overrideToken', () => String, { nullable: true, description: 'From a previous duplicate answer; valid 3 days.' }) overrideToken: string | null | undefined,
    @Ctx() ctx: GantryContext,
  ): Promise<CompetitionRow> {
    requireUser(ctx.viewer, 'Sign in to change competitions.');
    if (!isUuid(id)) throw notFound('Competition');
    const current = await ctx.loaders.byId<CompetitionRow>('competitions').load(id.toLowerCase());
    if (!current) throw notFound('Competition');
    await requireManage(ctx, current);
    const values = competitionValues(input, valuesOf(current));
    storedJson(ctx.config, 'events', values.events);
    // Moving a competition to another country needs the right to create there.
    if (values.country_id !== current.country_id) await requireCreateIn(ctx, values.country_id);
    return ctx.db.transaction().execute(async (trx) => {
      const locked = await competitionForUpdate(trx, current.id);
      if (!locked) throw notFound('Competition');
      // Re-merge onto the locked row, so a concurrent change of other fields is kept; if the row
      // moved country meanwhile, the rights are checked again against what is stored now (the
      // rights and roles are cached for the request, so this costs no statement).
      const merged = competitionValues(input, valuesOf(locked));
      if (locked.country_id !== current.country_id) await requireManage(ctx, locked);
      if (merged.country_id !== locked.country_id) await requireCreateIn(ctx, merged.country_id);
      if (normaliseName(merged.full_name) !== normaliseName(locked.full_name) || merged.date !== locked.date) {
        await refuseDuplicate(trx, ctx, merged, overrideToken, locked.id);
      }
      return updateCompetitionRow(trx, current.id, merged);
    });
  }

  @Mutation(() => Boolean, { description: 'Deletes a competition with its roles.' })
  async deleteCompetition(@Arg('id', () => ID) id: string, @Ctx() ctx: GantryContext): Promise<boolean> {
    requireUser(ctx.viewer, 'Sign in to delete competitions.');
    if (!isUuid(id)) throw notFound('Competition');
    const current = await ctx.loaders.byId<CompetitionRow>('competitions').load(id.toLowerCase());
    if (!current) throw notFound('Competition');
    await requireManage(ctx, current);
    // One statement: the roles go with it (ON DELETE CASCADE).
    const deleted = await deleteCompetitionRow(ctx.db, current.id);
    if (!deleted) throw notFound('Competition');
    return true;
  }
}
