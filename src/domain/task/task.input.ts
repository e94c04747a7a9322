import { filteredArgs } from '../../graphql/filtered-args.ts';
import { ArgsType, Field, Float, InputType, Int, registerEnumType } from 'type-graphql';
import { GraphQLJSON } from 'graphql-scalars';

@InputType()
export class CreateTaskInput {
  @Field(() => Int)
  projectId!: number;

  @Field(() => GraphQLJSON, { nullable: true, description: 'What the volunteer sees: any JSON (default {}).' })
  info?: unknown;

  @Field(() => Int, { nullable: true, description: 'Task runs needed to complete it: 1 to 10000, default 30.' })
  nAnswers?: number | null;

  @Field(() => Int, { nullable: true })
  quorum?: number | null;

  @Field(() => Int, { nullable: true })
  calibration?: number | null;

  @Field(() => Float, { nullable: true, description: 'From 0 to 1; higher is served first by priority schedulers.' })
  priority0?: number | null;
}

@InputType()
export class UpdateTaskInput {
  @Field(() => GraphQLJSON, { nullable: true })
  info?: unknown;

  @Field(() => Int, { nullable: true, description: 'Raising it above the number of task runs reopens a completed task.' })
  nAnswers?: number | null;

  @Field(() => Int, { nullable: true })
  quorum?: number | null;

  @Field(() => Int, { nullable: true })
  calibration?: number | null;

  @Field(() => Float, { nullable: true })
  priority0?: number | null;
}

@InputType()
export class TaskFilter {
  @Field(() => Int, { nullable: true })
  id?: number;

  @Field(() => Int, { nullable: true })
  projectId?: number;

  @Field(() => String, { nullable: true })
  state?: string;

  @Field(() => Int, { nullable: true })
  quorum?: number;

  @Field(() => Int, { nullable: true })
  calibration?: number;

  @Field(() => Float, { nullable: true })
  priority0?: number;

  @Field(() => Int, { nullable: true })
  nAnswers?: number;
}

export enum TaskOrderField {
  id = 'id',
  created = 'created',
  projectId = 'projectId',
  state = 'state',
  priority0 = 'priority0',
  nAnswers = 'nAnswers',
  quorum = 'quorum',
  calibration = 'calibration',
  favUserIds = 'favUserIds',
}
registerEnumType(TaskOrderField, { name: 'TaskOrderField' });

const { FilteredListArgs, FilteredConnectionArgs } = filteredArgs(TaskFilter, TaskOrderField);

@ArgsType()
export class TaskListArgs extends FilteredListArgs {
  @Field(() => [Int], { nullable: true, description: 'Tasks of any of these projects.' })
  projectIds?: number[] | null;

  @Field(() => Boolean, { nullable: true, description: 'Leave out tasks the caller (or externalUid) already answered.' })
  participated?: boolean | null;

  @Field(() => String, { nullable: true })
  externalUid?: string | null;
}

@ArgsType()
export class TaskConnectionArgs extends FilteredConnectionArgs {
  @Field(() => [Int], { nullable: true })
  projectIds?: number[] | null;
}

export enum SchedulerOrderField {
  id = 'id',
  created = 'created',
  priority0 = 'priority0',
}
registerEnumType(SchedulerOrderField, { name: 'SchedulerOrderField' });

@ArgsType()
export class NewTaskArgs {
  @Field(() => Int)
  projectId!: number;

  @Field(() => String, { nullable: true, description: "A partner app's user id; needs the project's token as `Authorization: Bearer <jwt>`." })
  externalUid?: string | null;

  @Field(() => Int, { nullable: true, description: 'Skip this many available tasks.' })
  offset?: number | null;
}

@ArgsType()
export class NewTasksArgs extends NewTaskArgs {
  @Field(() => Int, { nullable: true, description: 'Default 1, at most 100.' })
  limit?: number | null;

  @Field(() => SchedulerOrderField, { nullable: true })
  orderBy?: SchedulerOrderField | null;

  @Field(() => Boolean, { nullable: true })
  desc?: boolean | null;
}
