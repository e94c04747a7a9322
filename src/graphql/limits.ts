// Depth and cost of an operation, checked before it runs. Cost counts the objects a query may touch:
// each field costs 1, and a list multiplies what is below it by its page size (limit/first, or the
// default page size when not given). Introspection is not counted.
import {
  getNamedType,
  getNullableType,
  isListType,
  isObjectType,
  isInterfaceType,
  Kind,
  valueFromASTUntyped,
  type FragmentDefinitionNode,
  type GraphQLField,
  type GraphQLNamedType,
  type GraphQLSchema,
  type OperationDefinitionNode,
  type SelectionSetNode,
} from 'graphql';
import { GantryError } from './errors.ts';
import { DEFAULT_LIMIT, MAX_LIMIT } from './list.ts';

export interface OperationMeasure {
  depth: number;
  cost: number;
}

export function measureOperation(
  schema: GraphQLSchema,
  operation: OperationDefinitionNode,
  fragments: Record<string, FragmentDefinitionNode>,
  variables: Record<string, unknown> = {},
): OperationMeasure {
  const root =
    operation.operation === 'mutation' ? schema.getMutationType() : operation.operation === 'subscription' ? schema.getSubscriptionType() : schema.getQueryType();
  if (!root) return { depth: 0, cost: 0 };

  const pageSizeOf = (args: readonly { name: { value: string }; value: import('graphql').ValueNode }[]): number | undefined => {
    const arg = args.find((a) => a.name.value === 'limit' || a.name.value === 'first');
    if (!arg) return undefined;
    const value = valueFromASTUntyped(arg.value, variables);
    return typeof value === 'number' && value >= 0 ? Math.min(value, MAX_LIMIT) : DEFAULT_LIMIT;
  };

  const walk = (type: GraphQLNamedType, selectionSet: SelectionSetNode, depth: number, seen: Set<string>): OperationMeasure => {
    let maxDepth = depth;
    let cost = 0;
    for (const selection of selectionSet.selections) {
      if (selection.kind === Kind.FIELD) {
        const name = selection.name.value;
        if (name.startsWith('__')) continue;
        const fields = isObjectType(type) || isInterfaceType(type) ? type.getFields() : {};
        const field = fields[name] as GraphQLField<unknown, unknown> | undefined;
        if (!field) continue;
        const fieldType = getNullableType(field.type);
        let multiplier = 1;
        const page = pageSizeOf(selection.arguments ?? []);
        if (page !== undefined) multiplier = Math.max(page, 1);
        else if (isListType(fieldType) && name !== 'edges' && selection.selectionSet) multiplier = DEFAULT_LIMIT;
        let below = { depth: depth + 1, cost: 0 };
        if (selection.selectionSet) below = walk(getNamedType(field.type), selection.selectionSet, depth + 1, seen);
        maxDepth = Math.max(maxDepth, below.depth);
        cost += 1 + multiplier * below.cost;
      } else if (selection.kind === Kind.INLINE_FRAGMENT) {
        const target = selection.typeCondition ? (schema.getType(selection.typeCondition.name.value) ?? type) : type;
        const inner = walk(target, selection.selectionSet, depth, seen);
        maxDepth = Math.max(maxDepth, inner.depth);
        cost += inner.cost;
      } else {
        const name = selection.name.value;
        const fragment = fragments[name];
        if (!fragment || seen.has(name)) continue;
        const inner = walk(schema.getType(fragment.typeCondition.name.value) ?? type, fragment.selectionSet, depth, new Set([...seen, name]));
        maxDepth = Math.max(maxDepth, inner.depth);
        cost += inner.cost;
      }
    }
    return { depth: maxDepth, cost };
  };
  return walk(root, operation.selectionSet, 0, new Set());
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
