// Builds the executable schema once per process from the type-graphql resolvers of src/domain/.
import 'reflect-metadata';
import { buildSchema } from 'type-graphql';
import { GraphQLSchema, lexicographicSortSchema, printSchema } from 'graphql';
import { resolvers } from './resolvers.ts';

let cached: GraphQLSchema | undefined;

export async function getSchema(): Promise<GraphQLSchema> {
  cached ??= await buildSchema({
    resolvers,
    validate: false,
    emitSchemaFile: false,
  });
  return cached;
}

/** The SDL checked in at schema/schema.graphql. */
export async function schemaSdl(): Promise<string> {
  return printSchema(lexicographicSortSchema(await getSchema())) + '\n';
}
