// exportCalendars: an administrator refreshes the static calendar files now.
import { Arg, Ctx, Field, Int, Mutation, ObjectType, Resolver } from 'type-graphql';
import type { GantryContext } from '../graphql/context.ts';
import { requireAdmin } from '../auth/policies.ts';
import { badInput } from '../graphql/errors.ts';

@ObjectType()
export class CalendarFile {
  @Field(() => String)
  name!: string;

  @Field(() => String, { description: 'Where it is served.' })
  url!: string;

  @Field(() => Int)
  competitions!: number;

  @Field(() => Int)
  bytes!: number;

  @Field(() => String, { description: 'The ETag it is served with.' })
  etag!: string;
}

@ObjectType({ description: 'What a calendar export wrote.' })
export class CalendarExport {
  @Field(() => [Int])
  years!: number[];

  @Field(() => [CalendarFile])
  files!: CalendarFile[];

  @Field(() => [String], { description: 'Calendar files of other years that were removed.' })
  removed!: string[];
}

@Resolver()
export class CalendarResolver {
  @Mutation(() => CalendarExport, {
    description:
      'Administrators only: rewrite the static calendar files (served under /files/live/euroath/) now, for the current and the ' +
      'following year, or for one year.',
  })
  async exportCalendars(
    @Arg('year', () => Int, { nullable: true, description: 'Only this year (its files are kept until the nightly run).' }) year: number | null | undefined,
    @Ctx() ctx: GantryContext,
  ): Promise<CalendarExport> {
    requireAdmin(ctx.viewer);
    // An absent argument is undefined, an explicit one null: both mean "no year".
    if (year !== null && year !== undefined && (year < 1900 || year > 2999)) throw badInput(`year must be from 1900 to 2999 (got ${year}).`, [{ field: 'year', message: 'out of range' }]);
    // Loaded on use: the exporter runs GraphQL operations, whose schema includes this resolver.
    const { exportCalendars } = await import('./export.ts');
    const { CALENDAR_ROUTE_PREFIX } = await import('./files.ts');
    const summary = await exportCalendars(ctx.db, ctx.config, year === null || year === undefined ? {} : { years: [year] });
    return {
      years: summary.years,
      removed: summary.removed,
      files: summary.files.map((file) => ({ ...file, url: `${ctx.config.baseUrl}${CALENDAR_ROUTE_PREFIX}/${file.name}` })),
    };
  }
}
