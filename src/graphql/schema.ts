// Builds the executable schema once per process from the type-graphql resolvers of src/domain/.
import 'reflect-metadata';
import { buildSchema } from 'type-graphql';
import { GraphQLObjectType, GraphQLScalarType, GraphQLSchema, lexicographicSortSchema, printSchema } from 'graphql';
import { resolvers } from './resolvers.ts';
import { plainFieldsOf } from './plain-fields.ts';
import { callFieldResolversDirectly } from './direct-resolvers.ts';
import { chargeLargeFields } from './response-budget.ts';

let cached: GraphQLSchema | undefined;

export async function getSchema(): Promise<GraphQLSchema> {
  cached ??= trimPerValueWork(
    await buildSchema({
      resolvers,
      validate: false,
      emitSchemaFile: false,
    }),
  );
  return cached;
}

/**
 * Work done once per value, taken off the hot path; the SDL and every answer stay the same
 * (bench/README.md, "What was changed"):
 * - a plain field reads its property directly (no resolver at all when the names match, which
 *   graphql-jit then inlines) instead of through type-graphql's per-call wrapper, which only adds
 *   middlewares, and no plain field has any; a @Lazy field (its value may be a promise) keeps one;
 * - field resolvers are called straight, their parameters worked out once (src/graphql/direct-resolvers.ts);
 * - DateTimeISO prints a valid Date straight away; anything else takes graphql-scalars' checks.
 */
function trimPerValueWork(schema: GraphQLSchema): GraphQLSchema {
  for (const type of Object.values(schema.getTypeMap())) {
    if (!(type instanceof GraphQLObjectType) || type.name.startsWith('__')) continue;
    const plain = plainFieldsOf(type.name);
    if (!plain) continue;
    for (const field of Object.values(type.getFields())) {
      const property = plain.get(field.name);
      if (property === undefined) continue;
      const inline = property === field.name && field.extensions?.lazy !== true;
      field.resolve = inline ? undefined : (source: Record<string, unknown>) => source[property];
    }
  }
  callFieldResolversDirectly(schema);
  // Large values are charged to the request's response budget (MAX_RESPONSE_BYTES).
  chargeLargeFields(schema);
  const dateTime = schema.getType('DateTimeISO');
  if (dateTime instanceof GraphQLScalarType) {
    const checked = dateTime.serialize;
    dateTime.serialize = (value: unknown) => (value instanceof Date && value.getTime() === value.getTime() ? value.toISOString() : checked(value));
  }
  return schema;
}

/** The SDL checked in at schema/schema.graphql. */
export async function schemaSdl(): Promise<string> {
  return printSchema(lexicographicSortSchema(await getSchema())) + '\n';
}
