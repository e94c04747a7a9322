import { ArgsType, Field, Int } from 'type-graphql';
import { pageOffset, pageSize } from './list.ts';
import type { ChildrenOptions } from './loaders.ts';

/** Paging of a list nested in an object (project.tasks, task.taskRuns, ...), batched per request. */
@ArgsType()
export class NestedListArgs {
  @Field(() => Int, { nullable: true, description: 'Default 20, at most 100.' })
  limit?: number | null;

  @Field(() => Int, { nullable: true })
  offset?: number | null;

  @Field(() => Boolean, { nullable: true, description: 'Newest first.' })
  desc?: boolean | null;
}

export function nestedOptions(args: NestedListArgs): ChildrenOptions {
  return { limit: pageSize(args.limit), offset: pageOffset(args.offset), desc: args.desc === true };
}
