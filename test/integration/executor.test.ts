// Repeated documents run compiled (src/graphql/executor.ts): the compiled run must answer exactly as
// the first, interpreted one did (data, errors with their paths and locations, codes, statuses and
// statement counts), and nested relations read only the columns they need without changing answers.
import 'reflect-metadata';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../helpers/app.ts';
import { seedAndSignIn, type DemoSession } from '../helpers/demo.ts';
import { contextFor } from '../../src/http/request-context.ts';
import { tableColumns } from '../../src/db/columns.ts';
import { getSchema } from '../../src/graphql/schema.ts';
import { getNamedType, isLeafType, isNonNullType, isObjectType, type GraphQLObjectType } from 'graphql';
import type { FastifyRequest } from 'fastify';

let t: TestApp;
let demo: DemoSession;

beforeAll(async () => {
  t = await startTestApp();
  demo = await seedAndSignIn(t);
});
afterAll(async () => t?.close());

async function threeTimes(query: string, variables?: Record<string, unknown>, headers?: Record<string, string>) {
  const runs = [];
  for (let i = 0; i < 3; i++) runs.push(await t.gql(query, variables, headers));
  return runs;
}

describe('compiled execution', () => {
  it('answers a nested query the same on every run, with the same statement count', async () => {
    const query = `query Nested($limit: Int) {
      projects(limit: 5, all: true) { id shortName owner { id name fullname } tasks(limit: $limit) {
        id state info created taskRuns { id info created finishTime user { name created } project { id name } }
        ...TaskBits } }
    }
    fragment TaskBits on Task { nAnswers project { shortName info } }`;
    const runs = await threeTimes(query, { limit: 3 }, demo.as('admin'));
    expect(runs[0]!.errors).toBeUndefined();
    expect((runs[0]!.data as { projects: unknown[] }).projects.length).toBeGreaterThan(0);
    for (const run of runs.slice(1)) {
      expect(run.data).toEqual(runs[0]!.data);
      expect(run.statements).toBe(runs[0]!.statements);
    }
    // Relations read partial rows; the same objects asked for by id (whole rows) read the same.
    type Run = { id: number; info: unknown; created: string; finishTime: string; user: unknown };
    type Task = { id: number; state: string; info: unknown; created: string; nAnswers: number; taskRuns: Run[] };
    const tasks = (runs[0]!.data as { projects: { tasks: Task[] }[] }).projects.flatMap((project) => project.tasks);
    const runsWithUser = tasks.flatMap((task) => task.taskRuns).filter((run) => run.user !== null);
    expect(runsWithUser.length).toBeGreaterThan(0);
    for (const task of tasks.slice(0, 5)) {
      const whole = await t.gql(`query($id: Int!) { task(id: $id) { id state info created nAnswers } }`, { id: task.id }, demo.as('admin'));
      const { taskRuns: _, project: __, ...fields } = task as Task & { project: unknown };
      expect(whole.data).toEqual({ task: fields });
    }
    for (const run of runsWithUser.slice(0, 5)) {
      const whole = await t.gql(`query($id: Int!) { taskRun(id: $id) { id info created finishTime user { name created } } }`, { id: run.id }, demo.as('admin'));
      const { project: _, ...fields } = run as Run & { project: unknown };
      expect(whole.data).toEqual({ taskRun: fields });
    }
  });

  it('keeps field errors: message, code, path and locations', async () => {
    const query = `query Bad($key: String!) { ok: tasks(limit: 1) { id } bad: tasks(info: [{ key: $key, value: "x" }]) { id } }`;
    const runs = await threeTimes(query, { key: 'a\u0000b' }, demo.as('admin'));
    expect(runs[0]!.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    for (const run of runs) {
      expect(run.status).toBe(runs[0]!.status);
      expect(run.errors).toEqual(runs[0]!.errors);
      expect(run.data).toEqual(runs[0]!.data);
    }
    expect(JSON.stringify(runs[2]!.errors)).toContain('"locations"');
  });

  it('keeps variable errors: 400 with BAD_USER_INPUT', async () => {
    const runs = await threeTimes('query One($id: Int!) { task(id: $id) { id } }', { id: 'seven' });
    for (const run of runs) {
      expect(run.status).toBe(400);
      expect(run.errors).toEqual(runs[0]!.errors);
      expect(run.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    }
  });

  it('keeps authorization on partial rows: private user fields stay hidden from others', async () => {
    const query = `{ taskRuns(limit: 5, all: true) { id user { id name emailAddr apiKey } } }`;
    const runs = await threeTimes(query, undefined, demo.as('bob'));
    const users = (runs[2]!.data as { taskRuns: { user: { id: number; emailAddr: string | null; apiKey: string | null } | null }[] }).taskRuns
      .map((run) => run.user)
      .filter((user) => user !== null && user.id !== demo.ids.bob);
    expect(users.length).toBeGreaterThan(0);
    for (const user of users) expect([user!.emailAddr, user!.apiKey]).toEqual([null, null]);
    for (const run of runs.slice(1)) expect(run.data).toEqual(runs[0]!.data);
  });
});

describe('field resolvers called directly (src/graphql/direct-resolvers.ts)', () => {
  it('take nested list arguments (limit, offset, desc) and give the rows they ask for, on every run', async () => {
    type Tree = { projects: { id: number; all: { id: number }[]; page: { id: number }[]; none: { id: number }[] }[] };
    const query = `query Args($offset: Int) { projects(limit: 3, all: true) { id
      all: tasks(limit: 100) { id } page: tasks(limit: 3, offset: $offset, desc: true) { id } none: tasks(limit: 2, offset: 1000) { id } } }`;
    const runs = await threeTimes(query, { offset: 2 }, demo.as('admin'));
    expect(runs[0]!.errors).toBeUndefined();
    const projects = (runs[0]!.data as Tree).projects;
    expect(projects.some((project) => project.all.length > 5)).toBe(true);
    for (const project of projects) {
      const ids = project.all.map((task) => task.id);
      expect(ids).toEqual([...ids].sort((a, b) => a - b));
      expect(project.page.map((task) => task.id)).toEqual([...ids].reverse().slice(2, 5));
      expect(project.none).toEqual([]);
    }
    for (const run of runs.slice(1)) expect(run.data).toEqual(runs[0]!.data);
  });
});

describe('compiled execution of every connection', () => {
  // A connection's totalCount is a getter that starts the COUNT when asked for: the compiled run
  // must await it as the interpreted one does (it once printed the promise, "{}", from the second
  // run on, and the console's "load more" broke).
  it('answers totalCount, pageInfo, cursors and every scalar node field alike on every run, first page and next', async () => {
    const schema = await getSchema();
    const connections = Object.values(schema.getQueryType()!.getFields()).filter((field) => field.name.endsWith('Connection'));
    expect(connections.length).toBeGreaterThanOrEqual(6);
    for (const connection of connections) {
      const connectionType = getNamedType(connection.type) as GraphQLObjectType;
      const edge = getNamedType(connectionType.getFields().edges!.type) as GraphQLObjectType;
      const node = getNamedType(edge.getFields().node!.type);
      expect(isObjectType(node)).toBe(true);
      const leaves = Object.values((node as GraphQLObjectType).getFields())
        .filter((field) => isLeafType(getNamedType(field.type)) && !field.args.some((arg) => isNonNullType(arg.type)))
        .map((field) => field.name);
      const all = connection.args.some((arg) => arg.name === 'all') ? ', all: true' : '';
      const query = `query Page($after: String) { page: ${connection.name}(first: 2, after: $after${all}) {
        totalCount pageInfo { endCursor hasNextPage hasPreviousPage startCursor } edges { cursor node { ${leaves.join(' ')} } } } }`;
      type Page = { page: { totalCount: unknown; pageInfo: { endCursor: string | null } } };
      const first = await threeTimes(query, {}, demo.as('admin'));
      expect(first[0]!.errors, connection.name).toBeUndefined();
      const page = (first[0]!.data as Page).page;
      expect(typeof page.totalCount, connection.name).toBe('number');
      for (const run of first.slice(1)) expect(run.data, connection.name).toEqual(first[0]!.data);
      const next = await threeTimes(query, { after: page.pageInfo.endCursor }, demo.as('admin'));
      expect(next[0]!.errors, connection.name).toBeUndefined();
      expect((next[0]!.data as Page).page.totalCount, connection.name).toBe(page.totalCount);
      for (const run of next.slice(1)) expect(run.data, connection.name).toEqual(next[0]!.data);
    }
  });
});

describe('partial rows', () => {
  it("reach the request's own database view, so relation loaders can pick columns", async () => {
    const request = { headers: {}, ip: '127.0.0.1', statementStats: { statements: 0 } } as unknown as FastifyRequest;
    const ctx = await contextFor(request, { db: t.database.db, config: t.config });
    expect(ctx.db).not.toBe(t.database.db);
    expect(tableColumns(ctx.db, 'task_runs')).toContain('user_id');
  });
});
