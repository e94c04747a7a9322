import { Arg, Ctx, FieldResolver, Mutation, Query, Resolver, Root } from 'type-graphql';
import { DateTimeISOResolver, GraphQLJSONObject } from 'graphql-scalars';
import type { GantryContext } from '../../graphql/context.ts';
import type { BuggyRow, UserRow } from '../../db/tables.ts';
import { isSelfOrAdmin, requireUser } from '../../auth/policies.ts';
import { User } from '../user/user.type.ts';
import { now } from '../credentials/clock.ts';
import { Buggy, BuggyUploadResult } from './buggy.type.ts';
import { uploadBuggyText, type UploadOutcome } from './upload.ts';
import { ALGO_TYPES, ARMOUR_TYPES, ATTACK_TYPES, BUGGY_DEFAULTS, FLAG_PATTERNS, POWER_TYPES, SPECIAL_ITEMS, TYRE_TYPES } from './game-data.ts';

/** The race server's game data, as its specs page offers it for download. */
const GAME_DATA = {
  power_type: POWER_TYPES,
  tyres: TYRE_TYPES,
  armour: ARMOUR_TYPES,
  attack: ATTACK_TYPES,
  algo: ALGO_TYPES,
  flag_pattern: FLAG_PATTERNS,
  special: SPECIAL_ITEMS,
  defaults: BUGGY_DEFAULTS,
};

@Resolver()
export class BuggyResolver {
  @Mutation(() => BuggyUploadResult, {
    description:
      'Upload your buggy as the race server\'s JSON (the same forgiving rules as POST /api/upload): it replaces your whole buggy; settings left out get their defaults.',
  })
  uploadBuggy(@Arg('json', () => String) json: string, @Ctx() ctx: GantryContext): Promise<UploadOutcome> {
    const user = requireUser(ctx.viewer);
    return ctx.db.transaction().execute((trx) => uploadBuggyText(trx, user.id, json, now(), ctx.config.maxInfoBytes));
  }

  @Query(() => GraphQLJSONObject, { description: 'Valid buggy settings with their cost and mass, and the defaults of an upload.' })
  buggyGameData(): Record<string, unknown> {
    return GAME_DATA;
  }
}

/** Buggy fields of User; visible to the user and administrators. */
@Resolver(() => User)
export class UserBuggyResolver {
  @FieldResolver(() => Buggy, { nullable: true, description: "The user's race buggy; visible to the user and administrators." })
  async buggy(@Root() user: UserRow, @Ctx() ctx: GantryContext): Promise<BuggyRow | null> {
    if (!isSelfOrAdmin(ctx.viewer, user.id)) return null;
    return ctx.loaders.byId<BuggyRow>('buggies', 'user_id').load(user.id);
  }

  @FieldResolver(() => String, { nullable: true, description: 'Raw text of the last buggy upload attempt, even one that failed; user and administrators only.' })
  latestBuggyJson(@Root() user: UserRow, @Ctx() ctx: GantryContext): string | null {
    return isSelfOrAdmin(ctx.viewer, user.id) ? user.latest_json : null;
  }

  @FieldResolver(() => DateTimeISOResolver, { nullable: true, description: 'When the last buggy upload was attempted; user and administrators only.' })
  buggyUploadedAt(@Root() user: UserRow, @Ctx() ctx: GantryContext): Date | null {
    return isSelfOrAdmin(ctx.viewer, user.id) ? user.uploaded_at : null;
  }
}

export const buggyResolvers = [BuggyResolver, UserBuggyResolver] as const;
