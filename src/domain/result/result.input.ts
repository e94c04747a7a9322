import { filteredArgs } from '../../graphql/filtered-args.ts';
import { ArgsType, Field, InputType, Int, registerEnumType } from 'type-graphql';

@InputType()
export class ResultFilter {
  @Field(() => Int, { nullable: true })
  id?: number;

  @Field(() => Int, { nullable: true })
  projectId?: number;

  @Field(() => Int, { nullable: true })
  taskId?: number;

  @Field(() => Boolean, { nullable: true, description: 'Default true; pass allVersions to see every version.' })
  lastVersion?: boolean;
}

export enum ResultOrderField {
  id = 'id',
  created = 'created',
  projectId = 'projectId',
  taskId = 'taskId',
}
registerEnumType(ResultOrderField, { name: 'ResultOrderField' });

const { FilteredListArgs, FilteredConnectionArgs } = filteredArgs(ResultFilter, ResultOrderField);

@ArgsType()
export class ResultListArgs extends FilteredListArgs {
  @Field(() => [Int], { nullable: true })
  projectIds?: number[] | null;

  @Field(() => Boolean, { nullable: true, description: 'Include earlier versions (by default only last versions are listed).' })
  allVersions?: boolean | null;
}

@ArgsType()
export class ResultConnectionArgs extends FilteredConnectionArgs {
  @Field(() => [Int], { nullable: true })
  projectIds?: number[] | null;

  @Field(() => Boolean, { nullable: true })
  allVersions?: boolean | null;
}
