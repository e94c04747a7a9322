// The filter and orderBy arguments every entity list and connection takes, made per entity by one
// factory; entities extend the classes with their own extras (projectIds, participated, ...).
import { ArgsType, Field, type ClassType } from 'type-graphql';
import { ListArgs } from './list.ts';
import { ConnectionArgs } from './connection-args.ts';

export function filteredArgs<Filter extends object, Order extends string>(filter: ClassType<Filter>, order: Record<string, Order>) {
  @ArgsType()
  class FilteredListArgs extends ListArgs {
    @Field(() => filter, { nullable: true })
    filter?: Filter | null;

    @Field(() => order, { nullable: true })
    orderBy?: Order | null;
  }

  @ArgsType()
  class FilteredConnectionArgs extends ConnectionArgs {
    @Field(() => filter, { nullable: true })
    filter?: Filter | null;

    @Field(() => order, { nullable: true })
    orderBy?: Order | null;
  }

  return { FilteredListArgs, FilteredConnectionArgs };
}
