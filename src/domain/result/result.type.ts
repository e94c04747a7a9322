import { Field, Int, ObjectType } from 'type-graphql';
import { DateTimeISOResolver, GraphQLJSON } from 'graphql-scalars';

@ObjectType({ description: 'The aggregate of a completed task: its task runs, and what the owners made of them (info).' })
export class Result {
  @Field(() => Int)
  id!: number;

  @Field(() => DateTimeISOResolver)
  created!: Date;

  @Field(() => Int, { name: 'projectId' })
  project_id!: number;

  @Field(() => Int, { name: 'taskId' })
  task_id!: number;

  @Field(() => [Int], { name: 'taskRunIds' })
  task_run_ids!: number[];

  @Field(() => Boolean, { name: 'lastVersion', description: 'False once the task completed again with more answers.' })
  last_version!: boolean;

  @Field(() => GraphQLJSON, { nullable: true })
  info!: unknown;
}
