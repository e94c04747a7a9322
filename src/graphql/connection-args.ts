import { ArgsType, Field, Int } from 'type-graphql';
import { InfoPair } from './list.ts';

@ArgsType()
export class ConnectionArgs {
  @Field(() => Int, { nullable: true, description: 'Page size: default 20, at most 100.' })
  first?: number | null;

  @Field(() => String, { nullable: true, description: 'endCursor of the previous page.' })
  after?: string | null;

  @Field(() => Boolean, { nullable: true })
  desc?: boolean | null;

  @Field(() => [InfoPair], { nullable: true })
  info?: InfoPair[] | null;

  @Field(() => String, { nullable: true, description: 'Created in this year, month or day (YYYY, YYYY-MM, YYYY-MM-DD).' })
  created?: string | null;

  @Field(() => Boolean, { nullable: true, description: 'Signed-in callers see only their own objects unless all is true.' })
  all?: boolean | null;
}
