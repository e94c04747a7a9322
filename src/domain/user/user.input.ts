import { filteredArgs } from '../../graphql/filtered-args.ts';
import { ArgsType, Field, InputType, registerEnumType } from 'type-graphql';
import { GraphQLJSONObject } from 'graphql-scalars';

@InputType()
export class CreateUserInput {
  @Field(() => String, { description: 'Unique nickname: letters, digits, dot, dash or underscore; 3-50 characters.' })
  name!: string;

  @Field(() => String, { nullable: true })
  fullname?: string | null;

  @Field(() => String)
  email!: string;

  @Field(() => String, { description: 'At least 8 characters.' })
  password!: string;

  @Field(() => String, { nullable: true })
  locale?: string | null;

  @Field(() => Boolean, { nullable: true, description: 'Administrators only.' })
  admin?: boolean | null;
}

@InputType()
export class UpdateUserInput {
  @Field(() => String, { nullable: true })
  name?: string | null;

  @Field(() => String, { nullable: true })
  fullname?: string | null;

  @Field(() => String, { nullable: true })
  email?: string | null;

  @Field(() => String, { nullable: true })
  locale?: string | null;

  @Field(() => Boolean, { nullable: true })
  privacyMode?: boolean | null;

  @Field(() => GraphQLJSONObject, { nullable: true })
  info?: Record<string, unknown> | null;

  @Field(() => String, { nullable: true, description: 'A new password (at least 8 characters); revokes issued tokens.' })
  password?: string | null;

  @Field(() => String, { nullable: true, description: 'Your current password, required to change your own password.' })
  currentPassword?: string | null;

  @Field(() => Boolean, { nullable: true, description: 'Administrators only.' })
  admin?: boolean | null;

  @Field(() => Boolean, { nullable: true, description: 'Administrators only: hide this user from everyone else.' })
  restrict?: boolean | null;

  @Field(() => Boolean, { nullable: true, description: 'Administrators only: an inactive user cannot sign in.' })
  active?: boolean | null;
}

@InputType()
export class UserFilter {
  @Field(() => String, { nullable: true })
  name?: string;

  @Field(() => String, { nullable: true })
  fullname?: string;

  @Field(() => String, { nullable: true })
  locale?: string;

  @Field(() => Boolean, { nullable: true })
  admin?: boolean;

  @Field(() => Boolean, { nullable: true })
  privacyMode?: boolean;
}

export enum UserOrderField {
  id = 'id',
  name = 'name',
  created = 'created',
  locale = 'locale',
}
registerEnumType(UserOrderField, { name: 'UserOrderField' });

const { FilteredListArgs, FilteredConnectionArgs } = filteredArgs(UserFilter, UserOrderField);

@ArgsType()
export class UserListArgs extends FilteredListArgs {}

@ArgsType()
export class UserConnectionArgs extends FilteredConnectionArgs {}
