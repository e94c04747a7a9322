import { filteredArgs } from '../../graphql/filtered-args.ts';
import { ArgsType, Field, InputType, Int, registerEnumType } from 'type-graphql';
import { GraphQLJSONObject } from 'graphql-scalars';

@InputType()
export class CreateProjectInput {
  @Field(() => String)
  name!: string;

  @Field(() => String, { description: 'Used in URLs: letters, digits, dashes or underscores.' })
  shortName!: string;

  @Field(() => String, { description: 'At most 255 characters.' })
  description!: string;

  @Field(() => String, { nullable: true })
  longDescription?: string | null;

  @Field(() => Int, { nullable: true, description: 'Defaults to the first category.' })
  categoryId?: number | null;

  @Field(() => Boolean, { nullable: true })
  allowAnonymousContributors?: boolean | null;

  @Field(() => String, { nullable: true })
  webhook?: string | null;

  @Field(() => Boolean, { nullable: true })
  zipDownload?: boolean | null;

  @Field(() => GraphQLJSONObject, { nullable: true })
  info?: Record<string, unknown> | null;
}

@InputType()
export class UpdateProjectInput {
  @Field(() => String, { nullable: true })
  name?: string | null;

  @Field(() => String, { nullable: true })
  shortName?: string | null;

  @Field(() => String, { nullable: true })
  description?: string | null;

  @Field(() => String, { nullable: true })
  longDescription?: string | null;

  @Field(() => Int, { nullable: true })
  categoryId?: number | null;

  @Field(() => Boolean, { nullable: true })
  allowAnonymousContributors?: boolean | null;

  @Field(() => String, { nullable: true })
  webhook?: string | null;

  @Field(() => Boolean, { nullable: true })
  zipDownload?: boolean | null;

  @Field(() => Boolean, { nullable: true, description: 'Administrators only.' })
  featured?: boolean | null;

  @Field(() => [Int], { nullable: true, description: 'Co-owners (user ids); the owner always stays one.' })
  ownersIds?: number[] | null;

  @Field(() => GraphQLJSONObject, { nullable: true })
  info?: Record<string, unknown> | null;
}

@InputType()
export class ProjectFilter {
  @Field(() => Int, { nullable: true })
  id?: number;

  @Field(() => String, { nullable: true })
  name?: string;

  @Field(() => String, { nullable: true })
  shortName?: string;

  @Field(() => String, { nullable: true })
  description?: string;

  @Field(() => Int, { nullable: true })
  ownerId?: number;

  @Field(() => Int, { nullable: true })
  categoryId?: number;

  @Field(() => Boolean, { nullable: true })
  published?: boolean;

  @Field(() => Boolean, { nullable: true })
  featured?: boolean;

  @Field(() => Boolean, { nullable: true })
  allowAnonymousContributors?: boolean;
}

export enum ProjectOrderField {
  id = 'id',
  name = 'name',
  shortName = 'shortName',
  created = 'created',
  updated = 'updated',
  ownerId = 'ownerId',
  categoryId = 'categoryId',
  featured = 'featured',
}
registerEnumType(ProjectOrderField, { name: 'ProjectOrderField' });

const { FilteredListArgs, FilteredConnectionArgs } = filteredArgs(ProjectFilter, ProjectOrderField);

@ArgsType()
export class ProjectListArgs extends FilteredListArgs {}

@ArgsType()
export class ProjectConnectionArgs extends FilteredConnectionArgs {
  @Field(() => String, { nullable: true, description: 'Full-text search in name and description.' })
  search?: string | null;
}
