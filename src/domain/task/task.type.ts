import { Field, Float, Int, ObjectType } from 'type-graphql';
import { DateTimeISOResolver, GraphQLJSON } from 'graphql-scalars';

@ObjectType({ description: 'One item for volunteers to answer. It is completed once it has nAnswers task runs.' })
export class Task {
  @Field(() => Int)
  id!: number;

  @Field(() => DateTimeISOResolver)
  created!: Date;

  @Field(() => Int, { name: 'projectId' })
  project_id!: number;

  @Field(() => String, { description: 'ongoing or completed.' })
  state!: string;

  @Field(() => Int)
  quorum!: number;

  @Field(() => Int)
  calibration!: number;

  @Field(() => Float, { name: 'priority0', description: 'From 0 to 1.' })
  priority_0!: number;

  @Field(() => GraphQLJSON, { description: 'What the volunteer sees: any JSON.' })
  info!: unknown;

  @Field(() => Int, { name: 'nAnswers', description: 'Task runs needed to complete the task.' })
  n_answers!: number;

  @Field(() => Int, { name: 'nTaskRuns', description: 'Task runs received so far.' })
  n_task_runs!: number;

  @Field(() => [Int], { name: 'favUserIds', nullable: true })
  fav_user_ids!: number[] | null;

  @Field(() => Float, { nullable: true, description: 'Full-text rank (only in full-text searches).' })
  rank?: number | null;

  @Field(() => String, { nullable: true, description: 'Matching text with the hits marked (only in full-text searches).' })
  headline?: string | null;
}
