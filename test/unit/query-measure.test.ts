// The cost and depth measure of src/graphql/limits.ts: linear work on fragment chains, and page sizes
// taken from the values execution will use.
import 'reflect-metadata';
import { buildSchema, Kind, parse, type FragmentDefinitionNode, type GraphQLSchema, type OperationDefinitionNode } from 'graphql';
import { beforeAll, describe, expect, it } from 'vitest';
import { getSchema } from '../../src/graphql/schema.ts';
import { measureOperation } from '../../src/graphql/limits.ts';
import { fragmentChain } from '../helpers/fragment-chain.ts';

let schema: GraphQLSchema;
beforeAll(async () => {
  schema = await getSchema();
});

function measure(source: string, variables: Record<string, unknown> = {}, on: GraphQLSchema = schema) {
  const document = parse(source);
  const fragments: Record<string, FragmentDefinitionNode> = {};
  for (const definition of document.definitions) if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments[definition.name.value] = definition;
  const operation = document.definitions.find((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION)!;
  return measureOperation(on, operation, fragments, variables);
}

describe('measuring fragments', () => {
  it('measures each fragment once: a 30-level chain of double spreads is a few dozen visits, not 2^30', () => {
    const started = performance.now();
    const chained = measure(fragmentChain(30));
    expect(performance.now() - started).toBeLessThan(500);
    // One visit per selection in the document: 2 per chain fragment, 2 in the last, 1 in the operation.
    expect(chained.visits).toBeLessThanOrEqual(2 * 30 + 2 + 1);
    // Execution merges the repeated spread: what runs is `{ me { id } }`.
    expect(chained).toMatchObject({ depth: 2, cost: measure('{ me { id } }').cost });
  });

  it('counts twin fragments (not merged by execution) as their full cost, still in linear work', () => {
    const twins = measure(fragmentChain(30, { twins: true }));
    expect(twins.visits).toBeLessThanOrEqual(4 * 30 + 4 + 1);
    expect(twins.cost).toBeGreaterThanOrEqual(2 ** 30);
  });

  it('measures depth through fragments relative to where they are spread', () => {
    const viaFragment = measure('{ projects { ...P } } fragment P on Project { tasks { ...T } } fragment T on Task { project { id } }');
    const inline = measure('{ projects { tasks { project { id } } } }');
    expect(viaFragment).toMatchObject({ depth: inline.depth, cost: inline.cost });
    expect(inline.depth).toBe(4);
  });
});

describe('page sizes are the values execution will use', () => {
  const shape = (limit: string) => `projects(all: true, limit: ${limit}) { tasks(limit: ${limit}) { taskRuns(limit: ${limit}) { id user { id } } } }`;

  it('agrees for a literal, a given variable, a variable default and an absent variable with a default', () => {
    const literal = measure(`{ ${shape('100')} }`);
    const given = measure(`query($l: Int) { ${shape('$l')} }`, { l: 100 });
    const variableDefault = measure(`query($l: Int = 100) { ${shape('$l')} }`);
    const overridden = measure(`query($l: Int = 1) { ${shape('$l')} }`, { l: 100 });
    expect(literal.cost).toBeGreaterThan(1_000_000);
    expect([given.cost, variableDefault.cost, overridden.cost]).toEqual([literal.cost, literal.cost, literal.cost]);
    // An explicit null is the default page, as in execution.
    expect(measure(`query($l: Int = 100) { ${shape('$l')} }`, { l: null }).cost).toBe(measure(`{ ${shape('20')} }`).cost);
  });

  it("takes the argument's schema default when neither argument nor variable gives one", () => {
    const small = buildSchema('type Item { id: Int, items(limit: Int = 100): [Item] } type Query { items(limit: Int = 100): [Item], first(first: Int): [Item] }');
    const literal = measure('{ items(limit: 100) { items(limit: 100) { id } } }', {}, small);
    const schemaDefault = measure('{ items { items { id } } }', {}, small);
    const absentVariable = measure('query($l: Int) { items(limit: $l) { items(limit: $l) { id } } }', {}, small);
    const variableDefault = measure('query($l: Int = 100) { items(limit: $l) { items(limit: $l) { id } } }', {}, small);
    expect([schemaDefault.cost, absentVariable.cost, variableDefault.cost]).toEqual([literal.cost, literal.cost, literal.cost]);
  });

  it('counts first on connections, with or without it given, and list arguments', () => {
    const connection = (first: string) => `projectsConnection(all: true${first}) { edges { node { tasks(limit: 100) { id } } } }`;
    const literal = measure(`{ ${connection(', first: 100')} }`);
    expect(measure(`query($f: Int = 100) { ${connection(', first: $f')} }`).cost).toBe(literal.cost);
    // No first: the default page of 20, not one node.
    expect(measure(`{ ${connection('')} }`).cost).toBe(measure(`{ ${connection(', first: 20')} }`).cost);
    expect(measure(`{ ${connection('')} }`).cost).toBeGreaterThan(20 * 100);
    // One user per name given.
    const names = Array.from({ length: 500 }, (_, i) => `"u${i}"`).join(', ');
    expect(measure(`mutation { generateApiKeys(usernames: [${names}]) { id } }`).cost).toBeGreaterThanOrEqual(500);
    expect(measure(`mutation($u: [String!]!) { generateApiKeys(usernames: $u) { id } }`, { u: Array(500).fill('x') }).cost).toBeGreaterThanOrEqual(500);
  });

  it('caps competition pages at their own largest page', () => {
    expect(measure('{ competitions(limit: 1000) { id } }').cost).toBeGreaterThanOrEqual(1000);
  });

  it('weighs large fields (JSON) above plain ones', () => {
    expect(measure('{ tasks(limit: 20) { info } }').cost).toBeGreaterThan(measure('{ tasks(limit: 20) { id } }').cost * 5);
  });
});
