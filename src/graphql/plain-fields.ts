// Plain @Field properties of the object types: fields with no @FieldResolver, which just read a
// property of the object (a row column, mostly). Loaders use this to pick columns; the schema uses
// it to resolve such fields without type-graphql's per-call wrapper (src/graphql/schema.ts).
import { Extensions, getMetadataStorage } from 'type-graphql';

/**
 * Marks a plain field whose property may hold a promise (a getter that starts work only when the
 * field is asked for). It keeps a resolver: graphql-jit reads a field without one inline and would
 * print the promise itself, where graphql-js awaits it.
 */
export const Lazy = () => Extensions({ lazy: true });

type FieldResolverMeta = ReturnType<typeof getMetadataStorage>['fieldResolvers'][number];

/** The class of the object type a @FieldResolver belongs to. */
export function objectClassOf(resolver: FieldResolverMeta): unknown {
  return resolver.getObjectType?.() ?? resolver.resolverClassMetadata?.getObjectType();
}

/** GraphQL type name -> field name -> the property a plain field reads. */
let plainFields: Map<string, Map<string, string>> | undefined;

export function plainFieldsOf(typeName: string): Map<string, string> | undefined {
  if (!plainFields) {
    const storage = getMetadataStorage();
    plainFields = new Map();
    for (const objectType of storage.objectTypes) {
      const resolved = new Set(
        storage.fieldResolvers
          .filter((resolver) => objectClassOf(resolver) === objectType.target)
          .map((resolver) => resolver.schemaName),
      );
      const fields = new Map<string, string>();
      for (const field of objectType.fields ?? []) {
        if (!resolved.has(field.schemaName) && !field.middlewares?.length && !field.roles?.length) fields.set(field.schemaName, field.name);
      }
      plainFields.set(objectType.name, fields);
    }
  }
  return plainFields.get(typeName);
}
