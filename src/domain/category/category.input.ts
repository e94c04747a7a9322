import { filteredArgs } from '../../graphql/filtered-args.ts';
import { ArgsType, Field, InputType, Int, registerEnumType } from 'type-graphql';
import { GraphQLJSONObject } from 'graphql-scalars';

@InputType()
export class CreateCategoryInput {
  @Field(() => String)
  name!: string;

  @Field(() => String, { description: 'Lower-case letters, digits, dashes or underscores.' })
  shortName!: string;

  @Field(() => String)
  description!: string;

  @Field(() => GraphQLJSONObject, { nullable: true })
  info?: Record<string, unknown> | null;
}

@InputType()
export class UpdateCategoryInput {
  @Field(() => String, { nullable: true })
  name?: string | null;

  @Field(() => String, { nullable: true })
  shortName?: string | null;

  @Field(() => String, { nullable: true })
  description?: string | null;

  @Field(() => GraphQLJSONObject, { nullable: true })
  info?: Record<string, unknown> | null;
}

@InputType()
export class CategoryFilter {
  @Field(() => Int, { nullable: true })
  id?: number;

  @Field(() => String, { nullable: true })
  name?: string;

  @Field(() => String, { nullable: true })
  shortName?: string;

  @Field(() => String, { nullable: true })
  description?: string;
}

export enum CategoryOrderField {
  id = 'id',
  name = 'name',
  shortName = 'shortName',
  created = 'created',
}
registerEnumType(CategoryOrderField, { name: 'CategoryOrderField' });

const { FilteredListArgs, FilteredConnectionArgs } = filteredArgs(CategoryFilter, CategoryOrderField);

@ArgsType()
export class CategoryListArgs extends FilteredListArgs {}

@ArgsType()
export class CategoryConnectionArgs extends FilteredConnectionArgs {}
