// The change feed of the calendar (competitionChanges) and deleted competitions (deletedCompetitions).
// Visible to whoever may list competitions (the competitions query needs no sign-in).
import { Arg, Args, ArgsType, Ctx, Field, Int, Query, Resolver } from 'type-graphql';
import { DateTimeISOResolver } from 'graphql-scalars';
import type { GantryContext } from '../../graphql/context.ts';
import type { CompetitionRow } from '../../db/tables.ts';
import { badInput } from '../../graphql/errors.ts';
import { countryArgument, isUuid } from './competition.rules.ts';
import { CompetitionFilterArgs } from './competition.input.ts';
import { DEFAULT_PAGE, MAX_PAGE } from './competition.repository.ts';
import {
  competitionsByIds,
  decodeCursor,
  encodeCursor,
  isBeforeHorizon,
  listTombstones,
  readChanges,
  START,
  tombstonesByIds,
  type TombstoneRow,
} from './competition-changes.repository.ts';
import { CompetitionChange, CompetitionChangeKind, CompetitionChangePage, CompetitionTombstone } from './competition-changes.type.ts';

function pageSize(value: number | null | undefined, field: string): number {
  if (value === null || value === undefined) return DEFAULT_PAGE;
  if (!Number.isInteger(value) || value < 1 || value > MAX_PAGE) {
    throw badInput(`${field} must be a whole number from 1 to ${MAX_PAGE}.`, [{ field, message: `must be from 1 to ${MAX_PAGE}` }]);
  }
  return value;
}

@ArgsType()
export class DeletedCompetitionArgs extends CompetitionFilterArgs {
  @Field(() => DateTimeISOResolver, { nullable: true, description: 'Deleted at or after this instant.' })
  deletedSince?: Date | null;
}

@Resolver()
export class CompetitionChangesResolver {
  @Query(() => CompetitionChangePage, {
    description:
      'The calendar as a change feed, for keeping a copy in sync: start without `after`, then pass each endCursor back. ' +
      'A change appears only once every transaction that began before it has finished, so no change is ever skipped. ' +
      'Deleted competitions appear as DELETED while their tombstone is kept (COMPETITION_TOMBSTONE_DAYS); an older cursor fails with reason cursor_expired.',
  })
  async competitionChanges(
    @Arg('after', () => String, { nullable: true, description: 'The endCursor of the previous page; absent: from the start.' }) after: string | undefined,
    @Arg('first', () => Int, { nullable: true, description: 'Page size: default 100, at most 1000.' }) first: number | undefined,
    @Arg('country', () => String, { nullable: true, description: 'Only this country (IOC code, any case). A competition moved away is DELETED here.' })
    country: string | undefined,
    @Ctx() ctx: GantryContext,
  ): Promise<CompetitionChangePage> {
    const size = pageSize(first, 'first');
    const code = (country === null || country === undefined ? undefined : countryArgument(country, 'country'));
    const position = after === null || after === undefined ? START : decodeCursor(after);
    if (after !== null && after !== undefined && (await isBeforeHorizon(ctx.db, position))) {
      throw badInput('This cursor is older than the deletions kept: sync again from the start (without after).', [
        { field: 'after', message: 'expired' },
      ], 'cursor_expired');
    }
    const { rows, watermark } = await readChanges(ctx.db, position, size, code);
    const page = rows.slice(0, size);
    const hasNextPage = rows.length > size;
    // Read after the changes: the state is at least as new as every change on the page.
    const ids = [...new Set(page.map((row) => row.competition_id))];
    const [competitions, tombstones] = await Promise.all([competitionsByIds(ctx.db, ids), tombstonesByIds(ctx.db, ids)]);
    const current = new Map<string, CompetitionRow>(competitions.map((row) => [row.id, row]));
    const buried = new Map<string, TombstoneRow>(tombstones.map((row) => [row.id, row]));
    // The latest entry of each competition, in the order of its last change on the page.
    const latest = new Map<string, (typeof page)[number]>();
    for (const row of page) {
      latest.delete(row.competition_id);
      latest.set(row.competition_id, row);
    }
    const changes: CompetitionChange[] = [];
    for (const [id, row] of latest) {
      const competition = current.get(id);
      if (competition && (!code || competition.country_id.trim() === code)) {
        changes.push({ kind: row.kind === 'UPDATED' ? CompetitionChangeKind.UPDATED : CompetitionChangeKind.CREATED, id, competition, tombstone: null });
      } else {
        const tombstone = competition ? undefined : buried.get(id);
        changes.push({ kind: CompetitionChangeKind.DELETED, id, competition: null, tombstone: (tombstone as CompetitionTombstone | undefined) ?? null });
      }
    }
    // Caught up: every change of a transaction below the watermark has been handed out, and every
    // later change sorts after (watermark, 0), so the cursor may move there (it then keeps moving
    // for a country with no changes, and stays ahead of pruning).
    const last = page.length ? page[page.length - 1]! : position;
    const end = hasNextPage || BigInt(last.xid) >= BigInt(watermark) ? last : { xid: watermark, seq: '0' };
    return { changes, endCursor: encodeCursor({ xid: end.xid, seq: end.seq }), hasNextPage };
  }

  @Query(() => [CompetitionTombstone], {
    description: 'Competitions deleted within the retention window (COMPETITION_TOMBSTONE_DAYS), by deletion time.',
  })
  deletedCompetitions(@Args(() => DeletedCompetitionArgs) args: DeletedCompetitionArgs, @Ctx() ctx: GantryContext): Promise<TombstoneRow[]> {
    if (args.organiserId && !isUuid(args.organiserId)) {
      throw badInput(`organiserId must be a UUID (got "${args.organiserId}").`, [{ field: 'organiserId', message: 'not a UUID' }]);
    }
    const limit = args.limit ?? DEFAULT_PAGE;
    const offset = args.offset ?? 0;
    if (!Number.isInteger(limit) || limit < 0) throw badInput(`limit must be a whole number from 0 to ${MAX_PAGE}.`, [{ field: 'limit', message: 'must not be negative' }]);
    if (!Number.isInteger(offset) || offset < 0) throw badInput('offset must be a whole number, 0 or more.', [{ field: 'offset', message: 'must not be negative' }]);
    return listTombstones(ctx.db, {
      countries: args.countries?.map((c) => c.trim().toUpperCase()),
      fromDate: args.fromDate ?? undefined,
      toDate: args.toDate ?? undefined,
      slug: args.slug ?? undefined,
      organiserId: args.organiserId?.toLowerCase(),
      deletedSince: args.deletedSince ?? undefined,
      limit: Math.min(limit, MAX_PAGE),
      offset,
    });
  }
}
