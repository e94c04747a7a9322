// competitionsVersion: a cheap cache key for anything built from the competitions (calendar feeds).
import { Ctx, Query, Resolver } from 'type-graphql';
import type { GantryContext } from '../../graphql/context.ts';
import { competitionsVersion } from './competition.repository.ts';

@Resolver()
export class CompetitionVersionResolver {
  @Query(() => String, {
    description:
      'Changes whenever a competition is created, changed or deleted, by any gateway process: key a cache of competition data on it ' +
      '(one indexed read, no competition is loaded).',
  })
  competitionsVersion(@Ctx() ctx: GantryContext): Promise<string> {
    return competitionsVersion(ctx.db);
  }
}
