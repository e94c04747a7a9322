// GraphQL query limits end to end: fragment chains answered quickly without stalling other requests,
// the depth limit's boundary, and the cost limit measured with the values execution will use.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../helpers/app.ts';
import { fragmentChain } from '../helpers/fragment-chain.ts';

const LEVELS = 30;
let t: TestApp;
beforeAll(async () => {
  t = await startTestApp({ MAX_QUERY_DEPTH: '6' });
});
afterAll(async () => t?.close());

describe('fragment chains', () => {
  it('answers a 1 KB query of 30 fragments each spreading the next twice, with /healthz answering meanwhile, in well under a second', async () => {
    const query = fragmentChain(LEVELS);
    expect(query.length).toBeLessThan(1400);
    const started = Date.now();
    let healthyAfter = 0;
    const [answer, health] = await Promise.all([
      t.gql<{ me: null }>(query),
      t.app.inject({ url: '/healthz' }).then((r) => ((healthyAfter = Date.now() - started), r)),
    ]);
    const total = Date.now() - started;
    expect(health.statusCode).toBe(200);
    expect(answer.errors).toBeUndefined();
    expect(answer.data).toEqual({ me: null });
    expect(healthyAfter).toBeLessThan(2000);
    expect(total).toBeLessThan(2000);
    // The same document again runs compiled (src/graphql/executor.ts): just as quick.
    const again = Date.now();
    expect((await t.gql(query)).data).toEqual({ me: null });
    expect(Date.now() - again).toBeLessThan(2000);
  });

  it('refuses a chain of twin fragments (2^30 paths execution does not merge) as too costly, quickly', async () => {
    const started = Date.now();
    const r = await t.gql(fragmentChain(LEVELS, { twins: true }));
    expect(Date.now() - started).toBeLessThan(2000);
    expect(r.status).toBe(400);
    expect(r.errors![0]!.extensions).toMatchObject({ code: 'QUERY_TOO_COMPLEX', maxCost: 250000 });
  });
});

describe('depth limit boundary', () => {
  const nested = (levels: number) => {
    // projects { tasks { project { tasks ... { id } } } }: `levels` nested fields counting the leaf.
    const names = ['projects'];
    while (names.length < levels - 1) names.push(names.length % 2 ? 'tasks' : 'project');
    return `{ ${names.map((n) => `${n}(limit: 1) {`).join(' ').replaceAll('project(limit: 1)', 'project')} id ${'}'.repeat(names.length)} }`;
  };

  it('runs a query exactly at MAX_QUERY_DEPTH and refuses one a level deeper', async () => {
    const at = await t.gql(nested(6));
    expect(at.errors).toBeUndefined();
    const over = await t.gql(nested(7));
    expect(over.status).toBe(400);
    expect(over.errors![0]!.extensions).toMatchObject({ code: 'QUERY_TOO_COMPLEX', depth: 7, maxDepth: 6 });
    expect(over.statements).toBe(0);
  });
});

describe('cost limit with variables', () => {
  const shape = (l: string) => `projects(all: true, limit: ${l}) { tasks(limit: ${l}) { taskRuns(limit: ${l}) { id user { id } } } }`;

  it('refuses the costly query alike whether its page sizes are literal, given, or variable defaults', async () => {
    const cases = {
      literal: await t.gql(`{ ${shape('100')} }`),
      given: await t.gql(`query($l: Int) { ${shape('$l')} }`, { l: 100 }),
      variableDefault: await t.gql(`query($l: Int = 100) { ${shape('$l')} }`),
      defaultOverridden: await t.gql(`query($l: Int = 1) { ${shape('$l')} }`, { l: 100 }),
    };
    for (const [name, r] of Object.entries(cases)) {
      expect(r.status, name).toBe(400);
      expect(r.errors?.[0]?.extensions, name).toMatchObject({ code: 'QUERY_TOO_COMPLEX', maxCost: 250000 });
      expect(r.statements, name).toBe(0);
    }
    const costs = Object.values(cases).map((r) => r.errors![0]!.extensions!.cost);
    expect(new Set(costs).size).toBe(1);
    // The same query with small pages runs.
    expect((await t.gql(`query($l: Int = 2) { ${shape('$l')} }`)).errors).toBeUndefined();
  });
});
