// Depth and cost of an operation, checked before it runs. Cost counts the objects a query may touch:
// each field costs 1 (a large field, JSON such as info, costs LARGE_FIELD_COST), and a list
// multiplies what is below it by its page size. Introspection is not counted.
//
// Page sizes are the values execution will use: the argument as written, else the variable's value,
// else the variable's default, else the argument's schema default, else the default page size
// (limit/first/last, capped at the field's largest page). A list field with no page argument counts
// the length of its list argument (generateApiKeys(usernames: [...])), else the default page size.
//
// The work is linear in the document: each fragment is measured once and its measure reused at every
// spread (a chain of fragments each spreading the next one twice costs 2^n walks otherwise). A
// fragment spread twice in one selection set counts once, as execution merges it.
import {
  getNamedType,
  getNullableType,
  getVariableValues,
  isListType,
  isObjectType,
  isInterfaceType,
  isScalarType,
  Kind,
  valueFromAST,
  valueFromASTUntyped,
  type FieldNode,
  type FragmentDefinitionNode,
  type GraphQLField,
  type GraphQLNamedType,
  type GraphQLSchema,
  type OperationDefinitionNode,
  type SelectionSetNode,
} from 'graphql';
import { GantryError } from './errors.ts';
import { DEFAULT_LIMIT, MAX_LIMIT } from './list.ts';
import { MAX_PAGE as COMPETITION_MAX_PAGE } from '../domain/competition/competition.repository.ts';
import { isLargeField } from './response-budget.ts';

export interface OperationMeasure {
  depth: number;
  cost: number;
  /** Selections looked at: at most the number of selections in the document. */
  visits: number;
}

/** Arguments that set a list's page size. */
const PAGE_ARGUMENTS = ['limit', 'first', 'last'];
/** A large field (JSON such as info or answers, long texts) may hold far more than a row's other columns. */
export const LARGE_FIELD_COST = 10;
/** Beyond any real limit: costs stay finite numbers. */
const COST_CEILING = Number.MAX_SAFE_INTEGER;

/** The largest page a list of this type serves. */
const maxPageOf = (type: GraphQLNamedType): number => (type.name === 'Competition' ? COMPETITION_MAX_PAGE : MAX_LIMIT);

/** The variables execution will see: given values, else the variables' defaults (raw values when they do not coerce). */
function variableValuesOf(schema: GraphQLSchema, operation: OperationDefinitionNode, given: Record<string, unknown>): Record<string, unknown> {
  const definitions = operation.variableDefinitions ?? [];
  if (!definitions.length) return given;
  const coerced = getVariableValues(schema, definitions, given, { maxErrors: 1 });
  if (coerced.coerced) return coerced.coerced;
  // Execution will refuse these variables; measure what was given, with defaults for the rest.
  const values: Record<string, unknown> = { ...given };
  for (const definition of definitions) {
    const name = definition.variable.name.value;
    if (values[name] === undefined && definition.defaultValue) values[name] = valueFromASTUntyped(definition.defaultValue);
  }
  return values;
}

export function measureOperation(
  schema: GraphQLSchema,
  operation: OperationDefinitionNode,
  fragments: Record<string, FragmentDefinitionNode>,
  variables: Record<string, unknown> = {},
): OperationMeasure {
  const root =
    operation.operation === 'mutation' ? schema.getMutationType() : operation.operation === 'subscription' ? schema.getSubscriptionType() : schema.getQueryType();
  if (!root) return { depth: 0, cost: 0, visits: 0 };
  const values = variableValuesOf(schema, operation, variables);
  let visits = 0;

  /** The value an argument takes at execution: as written or from a variable, else its schema default. */
  const argumentValue = (field: GraphQLField<unknown, unknown>, node: FieldNode, name: string): unknown => {
    const definition = field.args.find((a) => a.name === name);
    const given = node.arguments?.find((a) => a.name.value === name);
    if (given) {
      if (given.value.kind === Kind.VARIABLE && values[given.value.name.value] === undefined) return definition?.defaultValue;
      const value = definition ? valueFromAST(given.value, definition.type, values) : undefined;
      return value !== undefined ? value : valueFromASTUntyped(given.value, values);
    }
    return definition?.defaultValue;
  };

  const multiplierOf = (field: GraphQLField<unknown, unknown>, node: FieldNode): number => {
    const named = getNamedType(field.type);
    const pageArguments = field.args.filter((a) => PAGE_ARGUMENTS.includes(a.name));
    if (pageArguments.length) {
      let page = 0;
      let anyGiven = false;
      for (const argument of pageArguments) {
        const value = argumentValue(field, node, argument.name);
        if (typeof value === 'number' && Number.isFinite(value)) {
          anyGiven = true;
          page = Math.max(page, value < 0 ? DEFAULT_LIMIT : Math.min(value, maxPageOf(named)));
        }
      }
      return Math.max(anyGiven ? page : DEFAULT_LIMIT, 1);
    }
    if (!isListType(getNullableType(field.type)) || node.name.value === 'edges' || !node.selectionSet) return 1;
    // A list sized by a list argument (one object per name given).
    let sized: number | undefined;
    for (const argument of field.args) {
      if (!isListType(getNullableType(argument.type))) continue;
      const value = argumentValue(field, node, argument.name);
      if (Array.isArray(value)) sized = Math.max(sized ?? 0, value.length);
    }
    return Math.max(sized ?? DEFAULT_LIMIT, 1);
  };

  /** Each fragment's measure relative to where it is spread, worked out once. */
  const fragmentMeasures = new Map<string, { depth: number; cost: number }>();
  const inProgress = new Set<string>();

  const walk = (type: GraphQLNamedType, selectionSet: SelectionSetNode, depth: number, spread: Set<string>): { depth: number; cost: number } => {
    let maxDepth = depth;
    let cost = 0;
    for (const selection of selectionSet.selections) {
      visits += 1;
      if (selection.kind === Kind.FIELD) {
        const name = selection.name.value;
        if (name.startsWith('__')) continue;
        const fields = isObjectType(type) || isInterfaceType(type) ? type.getFields() : {};
        const field = fields[name] as GraphQLField<unknown, unknown> | undefined;
        if (!field) continue;
        const named = getNamedType(field.type);
        const own = isScalarType(named) && isLargeField(type.name, name, named.name) ? LARGE_FIELD_COST : 1;
        let below = { depth: depth + 1, cost: 0 };
        if (selection.selectionSet) below = walk(named, selection.selectionSet, depth + 1, new Set());
        maxDepth = Math.max(maxDepth, below.depth);
        const multiplier = multiplierOf(field, selection);
        cost += own + multiplier * below.cost;
      } else if (selection.kind === Kind.INLINE_FRAGMENT) {
        const target = selection.typeCondition ? (schema.getType(selection.typeCondition.name.value) ?? type) : type;
        // Spreads inside an inline fragment belong to the same selection set (merged by execution).
        const inner = walk(target, selection.selectionSet, depth, spread);
        maxDepth = Math.max(maxDepth, inner.depth);
        cost += inner.cost;
      } else {
        const name = selection.name.value;
        // Execution merges a fragment spread again into the same selection set: count it once.
        if (spread.has(name)) continue;
        spread.add(name);
        const inner = measureFragment(name, type);
        if (!inner) continue;
        maxDepth = Math.max(maxDepth, depth + inner.depth);
        cost += inner.cost;
      }
      if (cost > COST_CEILING) cost = COST_CEILING;
    }
    return { depth: maxDepth, cost };
  };

  const measureFragment = (name: string, type: GraphQLNamedType): { depth: number; cost: number } | undefined => {
    const known = fragmentMeasures.get(name);
    if (known) return known;
    const fragment = fragments[name];
    // Unknown or cyclic spreads are refused by validation; here they count nothing.
    if (!fragment || inProgress.has(name)) return undefined;
    inProgress.add(name);
    const measured = walk(schema.getType(fragment.typeCondition.name.value) ?? type, fragment.selectionSet, 0, new Set());
    inProgress.delete(name);
    fragmentMeasures.set(name, measured);
    return measured;
  };

  const measured = walk(root, operation.selectionSet, 0, new Set());
  return { ...measured, visits };
}

export function assertWithinLimits(measure: OperationMeasure, limits: { maxDepth: number; maxCost: number }): void {
  if (measure.depth > limits.maxDepth) {
    throw new GantryError('QUERY_TOO_COMPLEX', `The query is ${measure.depth} levels deep; at most ${limits.maxDepth} are allowed. Ask for fewer nested levels.`, {
      details: { depth: measure.depth, maxDepth: limits.maxDepth },
    });
  }
  if (measure.cost > limits.maxCost) {
    throw new GantryError('QUERY_TOO_COMPLEX', `The query could touch ${measure.cost} objects; at most ${limits.maxCost} are allowed. Ask for smaller pages (limit/first) or fewer nested lists.`, {
      details: { cost: measure.cost, maxCost: limits.maxCost },
    });
  }
}
