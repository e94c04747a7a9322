import { Field, Int, ObjectType } from 'type-graphql';
import { DateTimeISOResolver, GraphQLJSON } from 'graphql-scalars';

@ObjectType({ description: "One volunteer's answer to a task." })
export class TaskRun {
  @Field(() => Int)
  id!: number;

  @Field(() => DateTimeISOResolver, { description: 'When the task was served to the volunteer.' })
  created!: Date;

  @Field(() => DateTimeISOResolver, { name: 'finishTime', description: 'When the answer arrived.' })
  finish_time!: Date;

  @Field(() => Int, { name: 'projectId' })
  project_id!: number;

  @Field(() => Int, { name: 'taskId' })
  task_id!: number;

  @Field(() => Int, { name: 'userId', nullable: true })
  user_id!: number | null;

  // userIp: a field resolver (task-run.resolver.ts) shows it to the project's owners and administrators only.
  user_ip!: string | null;

  @Field(() => String, { name: 'externalUid', nullable: true })
  external_uid!: string | null;

  @Field(() => Int, { nullable: true })
  timeout!: number | null;

  @Field(() => Int, { nullable: true })
  calibration!: number | null;

  @Field(() => String, { name: 'mediaUrl', nullable: true })
  media_url!: string | null;

  @Field(() => GraphQLJSON, { nullable: true, description: 'The answer: any JSON.' })
  info!: unknown;
}
