import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { startTestApp, type TestApp } from '../helpers/app.ts';
import { seedAndSignIn, type DemoSession } from '../helpers/demo.ts';

let t: TestApp;
let s: DemoSession;
let projectId: number;
type Task = { id: number; state: string; info: Record<string, unknown>; rank?: number; headline?: string };

beforeAll(async () => {
  t = await startTestApp();
  s = await seedAndSignIn(t);
  const r = await t.gql<{ projects: { id: number }[] }>('{ projects(filter: { shortName: "galaxyzoo" }) { id } }');
  projectId = r.data!.projects[0]!.id;
  // Dated tasks to filter by created.
  await sql`UPDATE tasks SET created = '2015-01-01T14:37:30Z' WHERE id IN (SELECT id FROM tasks WHERE project_id = ${projectId} ORDER BY id LIMIT 2)`.execute(t.database.db);
  await sql`UPDATE tasks SET created = '2015-02-10T10:00:00Z' WHERE id IN (SELECT id FROM tasks WHERE project_id = ${projectId} ORDER BY id OFFSET 2 LIMIT 1)`.execute(t.database.db);
});
afterAll(async () => t?.close());

const tasks = async (args: string, headers: Record<string, string> = {}) => {
  const r = await t.gql<{ tasks: Task[] }>(`{ tasks${args ? `(${args})` : ""} { id state info rank headline } }`, {}, headers);
  if (r.errors) throw new Error(JSON.stringify(r.errors));
  return r.data!.tasks;
};

describe('list filters', () => {
  it('filters by equality on documented fields and by several projects at once', async () => {
    const completed = await tasks(`filter: { state: "completed" }`);
    expect(completed.length).toBe(9);
    expect(completed.every((task) => task.state === 'completed')).toBe(true);
    const two = await tasks(`projectIds: [${projectId}, ${projectId + 1}], limit: 100`);
    expect(two.length).toBe(20);
    expect(await tasks(`filter: { state: "nothing-like-this" }`)).toEqual([]);
  });

  it('matches info key/value pairs (AND) by text, numbers included', async () => {
    const galaxy = await tasks(`info: [{ key: "kind", value: "galaxy" }], limit: 100`);
    expect(galaxy.length).toBe(10);
    const one = await tasks(`info: [{ key: "kind", value: "galaxy" }, { key: "number", value: "3" }]`);
    expect(one.map((task) => task.info.number)).toEqual([3]);
    expect(await tasks(`info: [{ key: "kind", value: "galaxy" }, { key: "number", value: "99" }]`)).toEqual([]);
  });

  it('searches info in full text, ranked, with a headline', async () => {
    const hits = await tasks(`info: [{ key: "description", value: "logbook" }], fullText: true, limit: 100`);
    expect(hits.length).toBe(10);
    expect(hits[0]!.rank).toBeGreaterThan(0);
    expect(hits[0]!.headline).toContain('<b>logbook</b>');
    const none = await tasks(`info: [{ key: "kind", value: "galaxy" }]`);
    expect(none[0]!.rank).toBeNull();
  });

  it('filters created by year, month or day and refuses other shapes', async () => {
    expect((await tasks(`created: "2015"`)).length).toBe(3);
    expect((await tasks(`created: "2015-01"`)).length).toBe(2);
    expect((await tasks(`created: "2015-01-01"`)).length).toBe(2);
    expect((await tasks(`created: "2015-01-02"`)).length).toBe(0);
    const bad = await t.gql('{ tasks(created: "2015-13") { id } }');
    expect(bad.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(bad.errors?.[0]?.message).toMatch(/YYYY|year/);
  });

  it('orders by a whitelisted field, descending on request', async () => {
    const asc = await t.gql<{ tasks: { priority0: number }[] }>('{ tasks(orderBy: priority0, limit: 100) { priority0 } }');
    const values = asc.data!.tasks.map((task) => task.priority0);
    expect(values).toEqual([...values].sort((a, b) => a - b));
    const desc = await tasks('desc: true, limit: 3');
    expect(desc.map((task) => task.id)).toEqual([...desc.map((task) => task.id)].sort((a, b) => b - a));
    const bad = await t.gql('{ tasks(orderBy: secret) { id } }');
    expect(bad.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });

  it('pages with limit (default 20, capped at 100), offset and lastId', async () => {
    expect((await tasks('')).length).toBe(20);
    expect((await tasks('limit: 1000')).length).toBe(30);
    const all = await tasks('limit: 100');
    const byOffset = await tasks('limit: 5, offset: 5');
    expect(byOffset.map((task) => task.id)).toEqual(all.slice(5, 10).map((task) => task.id));
    const byKeyset = await tasks(`limit: 5, lastId: ${all[4]!.id}, desc: true`);
    expect(byKeyset.map((task) => task.id)).toEqual(all.slice(5, 10).map((task) => task.id));
    const negative = await t.gql('{ tasks(limit: -1) { id } }');
    expect(negative.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });

  it('scopes lists to the caller’s own projects unless all is true', async () => {
    expect((await tasks('limit: 100', s.as('bob'))).length).toBe(0);
    expect((await tasks('limit: 100, all: true', s.as('bob'))).length).toBe(30);
    expect((await tasks('limit: 100', s.as('alice'))).length).toBe(30);
    const runs = await t.gql<{ taskRuns: unknown[] }>('{ taskRuns(limit: 100) { id } }', {}, s.as('bob'));
    expect(runs.data!.taskRuns).toEqual([]);
  });

  it('lists only last-version results unless asked', async () => {
    const r = await t.gql<{ results: { lastVersion: boolean; taskRuns: { id: number }[] }[] }>('{ results(limit: 100) { lastVersion taskRuns { id } } }');
    expect(r.data!.results.length).toBe(9);
    expect(r.data!.results.every((x) => x.lastVersion && x.taskRuns.length === 2)).toBe(true);
  });
});

describe('connections', () => {
  const page = async (after?: string) => {
    const r = await t.gql<{ tasksConnection: { edges: { node: { id: number }; cursor: string }[]; pageInfo: { hasNextPage: boolean; endCursor: string } } }>(
      'query($after: String) { tasksConnection(first: 4, after: $after, orderBy: created) { edges { node { id } cursor } pageInfo { hasNextPage endCursor } } }',
      { after },
    );
    if (r.errors) throw new Error(JSON.stringify(r.errors));
    return r.data!.tasksConnection;
  };

  it('pages with opaque keyset cursors, stable when rows are added between pages', async () => {
    const first = await page();
    expect(first.edges.length).toBe(4);
    expect(first.pageInfo.hasNextPage).toBe(true);
    // A new task created now sorts last by created: it must not shift the next page.
    await t.gql(`mutation { createTask(input: { projectId: ${projectId}, info: { late: true } }) { id } }`, {}, s.as('alice'));
    const second = await page(first.pageInfo.endCursor);
    const firstIds = first.edges.map((e) => e.node.id);
    const secondIds = second.edges.map((e) => e.node.id);
    expect(secondIds.some((id) => firstIds.includes(id))).toBe(false);
    const all = await t.gql<{ tasks: { id: number }[] }>('{ tasks(orderBy: created, limit: 8) { id } }');
    expect([...firstIds, ...secondIds]).toEqual(all.data!.tasks.map((x) => x.id));
  });

  it('counts totalCount only when asked, and refuses a forged cursor', async () => {
    const counted = await t.gql<{ projectsConnection: { totalCount: number } }>('{ projectsConnection(first: 1) { totalCount } }');
    expect(counted.data!.projectsConnection.totalCount).toBe(3);
    const plain = await t.gql('{ projectsConnection(first: 1) { edges { node { id } } } }');
    const withCount = await t.gql('{ projectsConnection(first: 1) { totalCount edges { node { id } } } }');
    expect(withCount.statements).toBe(plain.statements + 1);
    const forged = await t.gql('{ tasksConnection(after: "not-a-cursor") { edges { cursor } } }');
    expect(forged.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });

  it('searches projects in full text for single-page apps', async () => {
    const r = await t.gql<{ projectsConnection: { edges: { node: { shortName: string } }[] } }>('{ projectsConnection(search: "weather ship") { edges { node { shortName } } } }');
    expect(r.data!.projectsConnection.edges.map((e) => e.node.shortName)).toEqual(['oldweather']);
  });
});
