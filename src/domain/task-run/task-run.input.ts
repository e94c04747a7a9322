import { filteredArgs } from '../../graphql/filtered-args.ts';
import { ArgsType, Field, InputType, Int, registerEnumType } from 'type-graphql';
import { GraphQLJSON } from 'graphql-scalars';

@InputType()
export class SubmitTaskRunInput {
  @Field(() => Int)
  projectId!: number;

  @Field(() => Int)
  taskId!: number;

  @Field(() => GraphQLJSON, { nullable: true, description: 'The answer: any JSON.' })
  info?: unknown;

  @Field(() => String, { nullable: true, description: "A partner app's user id; needs the project's token as `Authorization: Bearer <jwt>`." })
  externalUid?: string | null;

  @Field(() => String, { nullable: true })
  mediaUrl?: string | null;

  @Field(() => Int, { nullable: true })
  timeout?: number | null;

  @Field(() => Int, { nullable: true })
  calibration?: number | null;
}

@InputType()
export class UpdateTaskRunInput {
  @Field(() => GraphQLJSON, { nullable: true })
  info?: unknown;

  @Field(() => String, { nullable: true })
  mediaUrl?: string | null;

  @Field(() => Int, { nullable: true })
  timeout?: number | null;

  @Field(() => Int, { nullable: true })
  calibration?: number | null;
}

@InputType()
export class TaskRunFilter {
  @Field(() => Int, { nullable: true })
  id?: number;

  @Field(() => Int, { nullable: true })
  projectId?: number;

  @Field(() => Int, { nullable: true })
  taskId?: number;

  @Field(() => Int, { nullable: true })
  userId?: number;

  @Field(() => String, { nullable: true })
  userIp?: string;

  @Field(() => String, { nullable: true })
  externalUid?: string;

  @Field(() => Int, { nullable: true })
  timeout?: number;

  @Field(() => Int, { nullable: true })
  calibration?: number;

  @Field(() => String, { nullable: true })
  mediaUrl?: string;
}

export enum TaskRunOrderField {
  id = 'id',
  created = 'created',
  finishTime = 'finishTime',
  projectId = 'projectId',
  taskId = 'taskId',
  userId = 'userId',
}
registerEnumType(TaskRunOrderField, { name: 'TaskRunOrderField' });

const { FilteredListArgs, FilteredConnectionArgs } = filteredArgs(TaskRunFilter, TaskRunOrderField);

@ArgsType()
export class TaskRunListArgs extends FilteredListArgs {
  @Field(() => [Int], { nullable: true })
  projectIds?: number[] | null;
}

@ArgsType()
export class TaskRunConnectionArgs extends FilteredConnectionArgs {
  @Field(() => [Int], { nullable: true })
  projectIds?: number[] | null;
}
