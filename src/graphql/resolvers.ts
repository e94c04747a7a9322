// Every resolver class of the schema. Each domain folder adds its resolvers here.
import type { NonEmptyArray } from 'type-graphql';
import { SystemResolver } from './system.resolver.ts';
import { UserResolver } from '../domain/user/user.resolver.ts';

// eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
export const resolvers: NonEmptyArray<Function> = [
  SystemResolver,
  UserResolver,
];
