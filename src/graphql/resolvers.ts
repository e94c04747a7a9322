// Every resolver class of the schema. Each domain folder adds its resolvers here.
import type { NonEmptyArray } from 'type-graphql';
import { SystemResolver } from './system.resolver.ts';
import { UserResolver } from '../domain/user/user.resolver.ts';
import { CategoryResolver } from '../domain/category/category.resolver.ts';
import { ProjectResolver } from '../domain/project/project.resolver.ts';
import { ProjectStatsResolver } from '../domain/project/project-stats.ts';
import { ProjectSecretResolver } from '../domain/project/project-secret.ts';
import { TaskResolver } from '../domain/task/task.resolver.ts';
import { TaskRunResolver } from '../domain/task-run/task-run.resolver.ts';
import { ResultResolver } from '../domain/result/result.resolver.ts';
import { StatsResolver } from '../domain/stats/stats.resolver.ts';
import { credentialsResolvers } from '../domain/credentials/credentials.resolver.ts';
import { buggyResolvers } from '../domain/buggy/buggy.resolver.ts';
import { competitionResolvers } from '../domain/competition/resolvers.ts';

// eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
export const resolvers: NonEmptyArray<Function> = [
  SystemResolver,
  UserResolver,
  CategoryResolver,
  ProjectResolver,
  ProjectStatsResolver,
  ProjectSecretResolver,
  TaskResolver,
  TaskRunResolver,
  ResultResolver,
  StatsResolver,
  ...credentialsResolvers,
  ...buggyResolvers,
  ...competitionResolvers,
];
