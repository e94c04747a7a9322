import { Extensions, Field, Int, ObjectType } from 'type-graphql';
import { GraphQLJSON } from 'graphql-scalars';
import type { UserRow } from '../../db/tables.ts';

/**
 * A person using Gantry. Private fields (email, API key, info, ...) are null unless the viewer is
 * the user or an administrator; in privacy mode (the default) others see only name and locale.
 * Field resolvers for those live in user.resolver.ts.
 */
@ObjectType()
// Whatever a query selects, loaders read `restrict`: relations check it (user.visibility.ts).
@Extensions({ reads: ['restrict'] })
export class User {
  @Field(() => Int)
  id!: number;

  @Field(() => String, { description: 'Unique nickname.' })
  name!: string;

  @Field(() => String)
  locale!: string;

  // Filled by field resolvers (privacy rules); the row's columns sit under the same names.
  created?: Date;
  fullname?: string;
  email_addr?: string | null;
  api_key?: string;
  admin?: boolean;
  privacy_mode?: boolean;
  restrict?: boolean;
  info?: unknown;
}

export type UserSource = UserRow;

@ObjectType()
export class LoginPayload {
  @Field(() => String, { description: 'Send as `Authorization: Bearer <token>`.' })
  token!: string;

  @Field(() => User)
  user!: UserRow;
}

export const USER_INFO_JSON = GraphQLJSON;
