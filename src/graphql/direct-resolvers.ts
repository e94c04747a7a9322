// Field resolvers called straight, without type-graphql's per-call wrapper. That wrapper looks the
// resolver instance up, runs the middleware chain (none here), sorts and maps the parameter list and
// converts the arguments through metadata lookups, for every object of every list: a tenth of a
// nested query's CPU (bench/README.md, "What was changed"). Here all of that is worked out once per
// field when the schema is built, and each call only gathers its parameters.
//
// Only what can be done exactly as type-graphql does it is taken over: @Root, @Ctx and @Info as they
// are, @Arg of a scalar or enum, and @Args classes whose fields are all scalars or enums. A field
// resolver with middlewares, roles, validation or anything else keeps type-graphql's own resolver.
import { getMetadataStorage } from 'type-graphql';
import { GraphQLObjectType, GraphQLScalarType, type GraphQLFieldResolver, type GraphQLSchema } from 'graphql';
import { objectClassOf } from './plain-fields.ts';

type Storage = ReturnType<typeof getMetadataStorage>;
type ParamMeta = NonNullable<Storage['fieldResolvers'][number]['params']>[number];
type Getter = (root: unknown, args: Record<string, unknown>, context: unknown, info: unknown) => unknown;
type Constructor = new () => Record<string, unknown>;

/** Replaces the eligible field resolvers of `schema`. */
export function callFieldResolversDirectly(schema: GraphQLSchema): void {
  const storage = getMetadataStorage();
  const instances = new Map<unknown, object>();
  for (const meta of storage.fieldResolvers) {
    if (meta.kind !== 'external' || meta.middlewares?.length || meta.roles?.length) continue;
    const objectType = storage.objectTypes.find((candidate) => candidate.target === objectClassOf(meta));
    const type = objectType && schema.getType(objectType.name);
    if (!(type instanceof GraphQLObjectType)) continue;
    const field = type.getFields()[meta.schemaName];
    const getters = [...(meta.params ?? [])].sort((a, b) => a.index - b.index).map((param) => getterFor(storage, param));
    if (!field || getters.some((getter) => getter === null)) continue;
    const target = meta.target as unknown as Constructor;
    let instance = instances.get(target);
    if (!instance) instances.set(target, (instance = new target()));
    const method = (instance as Record<string, (...params: unknown[]) => unknown>)[meta.methodName];
    if (typeof method === 'function') field.resolve = resolverOf(instance, method, getters as Getter[]);
  }
}

function resolverOf(instance: object, method: (...params: unknown[]) => unknown, getters: Getter[]): GraphQLFieldResolver<unknown, unknown> {
  const [a, b, c, d] = getters;
  // The common arities without building an array per call.
  switch (getters.length) {
    case 0:
      return () => method.call(instance);
    case 1:
      return (root, args, context, info) => method.call(instance, a!(root, args, context, info));
    case 2:
      return (root, args, context, info) => method.call(instance, a!(root, args, context, info), b!(root, args, context, info));
    case 3:
      return (root, args, context, info) => method.call(instance, a!(root, args, context, info), b!(root, args, context, info), c!(root, args, context, info));
    case 4:
      return (root, args, context, info) =>
        method.call(instance, a!(root, args, context, info), b!(root, args, context, info), c!(root, args, context, info), d!(root, args, context, info));
    default:
      return (root, args, context, info) => method.apply(instance, getters.map((getter) => getter(root, args, context, info)));
  }
}

/** How to gather one parameter, or null when only type-graphql itself can do it faithfully. */
function getterFor(storage: Storage, param: ParamMeta): Getter | null {
  if ('validateSettings' in param && param.validateSettings !== undefined) return null;
  if ('validateFn' in param && param.validateFn !== undefined) return null;
  switch (param.kind) {
    case 'root': {
      if (param.getType) return null;
      const property = param.propertyName;
      return property ? (root) => (root as Record<string, unknown>)[property] : (root) => root;
    }
    case 'context': {
      const property = param.propertyName;
      return property ? (_r, _a, context) => (context as Record<string, unknown>)[property] : (_r, _a, context) => context;
    }
    case 'info':
      return (_r, _a, _c, info) => info;
    case 'arg': {
      if (!isPlainValueType(storage, param.getType())) return null;
      const name = param.name;
      return (_r, args) => args[name];
    }
    case 'args':
      return argsInstance(storage, param.getType() as Constructor);
    default:
      return null;
  }
}

/** Scalars and enums: type-graphql passes their values through unchanged. */
function isPlainValueType(storage: Storage, target: unknown): boolean {
  if (target instanceof GraphQLScalarType) return true;
  if (target === String || target === Number || target === Boolean || target === Date) return true;
  return storage.enums.some((enumMeta) => enumMeta.enumObj === target);
}

/**
 * An @Args class instance as type-graphql builds one: a new instance, its own undefined properties
 * dropped unless the argument was given, then the given arguments assigned. Only for classes whose
 * fields (inherited ones too) are all scalars or enums.
 */
function argsInstance(storage: Storage, ArgsClass: Constructor): Getter | null {
  if (!storage.argumentTypes.some((argsType) => argsType.target === ArgsClass)) return null;
  const names: string[] = [];
  for (let target: unknown = ArgsClass; target && (target as { prototype?: unknown }).prototype !== undefined; target = Object.getPrototypeOf(target)) {
    const meta = storage.argumentTypes.find((argsType) => argsType.target === target);
    for (const field of meta?.fields ?? []) {
      if (!isPlainValueType(storage, field.getType())) return null;
      names.push(field.name);
    }
  }
  return (_r, args) => {
    const instance = new ArgsClass();
    for (const key of Object.keys(instance)) {
      if (instance[key] === undefined && !(names.includes(key) && args[key] !== undefined)) delete instance[key];
    }
    for (const name of names) {
      const value = args[name];
      if (value !== undefined) instance[name] = value;
    }
    return instance;
  };
}
