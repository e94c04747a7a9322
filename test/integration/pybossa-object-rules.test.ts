// PYBOSSA object rules: ?stats= on projects, required names on updates (every object and GraphQL),
// and the user list's ignored `restrict` key.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../helpers/app.ts';
import { seedAndSignIn, type DemoSession } from '../helpers/demo.ts';

let t: TestApp;
let s: DemoSession;
let galaxy: number;

type Res = { status: number; body: any; headers: Record<string, unknown> };
async function api(method: string, url: string, options: { key?: string; body?: unknown } = {}): Promise<Res> {
  const sep = url.includes('?') ? '&' : '?';
  const response = await t.app.inject({
    method: method as 'GET',
    url: options.key ? `${url}${sep}api_key=${options.key}` : url,
    headers: { 'content-type': 'application/json' },
    payload: options.body === undefined ? undefined : JSON.stringify(options.body),
  });
  return { status: response.statusCode, body: response.body ? JSON.parse(response.body) : undefined, headers: response.headers };
}
const code = (r: { errors?: { extensions?: Record<string, unknown> }[] }) => r.errors?.[0]?.extensions?.code ?? 'OK';

beforeAll(async () => {
  t = await startTestApp();
  s = await seedAndSignIn(t);
  galaxy = (await api('GET', '/api/project?short_name=galaxyzoo')).body[0].id;
});
afterAll(async () => t?.close());

describe('?stats= on projects', () => {
  it("embeds the project's statistics on the item when stats is non-empty, and not otherwise", async () => {
    const tasks = (await api('GET', `/api/task?project_id=${galaxy}&limit=100`)).body as { state: string }[];
    const runs = (await api('GET', `/api/taskrun?project_id=${galaxy}&limit=100`)).body as { finish_time: string; user_id: number | null; user_ip: string | null; external_uid: string | null }[];
    const results = (await api('GET', `/api/result?project_id=${galaxy}&limit=100`)).body as unknown[];
    const completed = tasks.filter((task) => task.state === 'completed').length;
    expect(tasks.length).toBeGreaterThan(0);
    expect(runs.length).toBeGreaterThan(0);

    const r = await api('GET', `/api/project/${galaxy}?stats=true`);
    expect(r.status).toBe(200);
    expect(r.body.stats).toEqual({
      project_id: galaxy,
      n_tasks: tasks.length,
      n_task_runs: runs.length,
      n_results: results.length,
      n_completed_tasks: completed,
      n_volunteers: new Set(runs.map((run) => `${run.user_id}/${run.external_uid}/${run.user_ip}`)).size,
      overall_progress: Math.floor((completed * 100) / tasks.length),
      last_activity: runs.map((run) => run.finish_time).sort().at(-1),
      info: {},
    });
    expect(r.body.stats.last_activity).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}$/);
    for (const value of ['1', 'True', 'yes']) expect((await api('GET', `/api/project/${galaxy}?stats=${value}`)).body.stats).toEqual(r.body.stats);
    expect(await api('GET', `/api/project/${galaxy}`)).not.toHaveProperty('body.stats');
    expect(await api('GET', `/api/project/${galaxy}?stats=`)).not.toHaveProperty('body.stats');
  });

  it('embeds stats in every item of a list, in a fixed number of statements whatever the page size', async () => {
    const one = await api('GET', '/api/project?stats=1&limit=1');
    const all = await api('GET', '/api/project?stats=1&limit=100');
    expect(all.body.length).toBeGreaterThan(1);
    for (const project of all.body) expect(project.stats).toMatchObject({ project_id: project.id, n_tasks: expect.any(Number), n_task_runs: expect.any(Number) });
    expect(all.headers['x-sql-statements']).toBe(one.headers['x-sql-statements']);
    expect((await api('GET', '/api/project?limit=100')).body.every((p: object) => !('stats' in p))).toBe(true);
  });

  it('a project with nothing to count has zero statistics; owners get them on their unpublished project', async () => {
    const created = await api('POST', '/api/project', { key: s.apiKeys.bob, body: { name: 'Empty Stats', short_name: 'emptystats', description: 'Nothing yet' } });
    expect(created.status).toBe(200);
    const r = await api('GET', `/api/project/${created.body.id}?stats=1`, { key: s.apiKeys.bob });
    expect(r.body.stats).toEqual({ project_id: created.body.id, n_tasks: 0, n_task_runs: 0, n_results: 0, n_completed_tasks: 0, n_volunteers: 0, overall_progress: 0, last_activity: null, info: {} });
    // Unpublished: others still get PYBOSSA's refusal, stats or not.
    expect((await api('GET', `/api/project/${created.body.id}?stats=1`)).status).toBe(401);
  });

  it('GraphQL clients read the same statistics from Project.stats', async () => {
    const r = await t.gql<{ project: { stats: Record<string, unknown> } }>(
      `{ project(id: ${galaxy}) { stats { projectId nTasks nTaskRuns nResults nCompletedTasks nVolunteers overallProgress lastActivity } } }`,
    );
    const rest = (await api('GET', `/api/project/${galaxy}?stats=1`)).body.stats;
    expect(r.data!.project.stats).toMatchObject({ projectId: galaxy, nTasks: rest.n_tasks, nTaskRuns: rest.n_task_runs, nResults: rest.n_results, overallProgress: rest.overall_progress });
  });
});

describe('required names cannot be emptied by an update', () => {
  const integrity = (action: string, target: string) => ({ status: 'failed', status_code: 415, exception_cls: 'DBIntegrityError', action, target, exception_msg: expect.any(String) });

  it('PUT /api/project: name, short_name or description null or "" answers 415 DBIntegrityError and changes nothing', async () => {
    const before = (await api('GET', `/api/project/${galaxy}`, { key: s.apiKeys.alice })).body;
    for (const field of ['name', 'short_name', 'description']) {
      for (const value of [null, '', '   ']) {
        const r = await api('PUT', `/api/project/${galaxy}`, { key: s.apiKeys.alice, body: { [field]: value, long_description: 'changed?' } });
        expect([r.status, r.body], `${field}=${JSON.stringify(value)}`).toEqual([415, integrity('PUT', 'project')]);
      }
    }
    const after = (await api('GET', `/api/project/${galaxy}`, { key: s.apiKeys.alice })).body;
    expect(after).toEqual(before);
    // Authorization still comes first: another user is refused as such.
    expect((await api('PUT', `/api/project/${galaxy}`, { key: s.apiKeys.bob, body: { name: null } })).status).toBe(403);
  });

  it('PUT /api/category: the same rule', async () => {
    const category = (await api('GET', '/api/category')).body[0];
    for (const field of ['name', 'short_name', 'description']) {
      for (const value of [null, '']) {
        const r = await api('PUT', `/api/category/${category.id}`, { key: s.apiKeys.admin, body: { [field]: value } });
        expect([r.status, r.body], `${field}=${JSON.stringify(value)}`).toEqual([415, integrity('PUT', 'category')]);
      }
    }
    expect((await api('GET', `/api/category/${category.id}`)).body).toEqual(category);
  });

  it('PUT /api/user: name and email_addr null or "", fullname null, answer 415 DBIntegrityError', async () => {
    const id = s.ids.bob;
    const before = (await api('GET', `/api/user/${id}`, { key: s.apiKeys.bob })).body;
    for (const [field, value] of [['name', null], ['name', ''], ['email_addr', null], ['email_addr', ''], ['fullname', null]] as const) {
      const r = await api('PUT', `/api/user/${id}`, { key: s.apiKeys.bob, body: { [field]: value } });
      expect([r.status, r.body], `${field}=${JSON.stringify(value)}`).toEqual([415, integrity('PUT', 'user')]);
    }
    expect((await api('GET', `/api/user/${id}`, { key: s.apiKeys.bob })).body).toEqual(before);
  });

  it('GraphQL updateProject, updateCategory and updateUser refuse the same with BAD_USER_INPUT naming the field', async () => {
    const category = (await api('GET', '/api/category')).body[0];
    const cases: [string, string, string][] = [
      [`mutation { updateProject(id: ${galaxy}, input: { name: null }) { id } }`, 'alice', 'name'],
      [`mutation { updateProject(id: ${galaxy}, input: { shortName: "" }) { id } }`, 'alice', 'shortName'],
      [`mutation { updateProject(id: ${galaxy}, input: { description: null }) { id } }`, 'alice', 'description'],
      [`mutation { updateCategory(id: ${category.id}, input: { name: null }) { id } }`, 'admin', 'name'],
      [`mutation { updateCategory(id: ${category.id}, input: { description: "" }) { id } }`, 'admin', 'description'],
      [`mutation { updateUser(id: ${s.ids.bob}, input: { name: null }) { id } }`, 'bob', 'name'],
      [`mutation { updateUser(id: ${s.ids.bob}, input: { email: null }) { id } }`, 'bob', 'email'],
    ];
    for (const [mutation, who, field] of cases) {
      const r = await t.gql(mutation, {}, s.as(who));
      expect(code(r), mutation).toBe('BAD_USER_INPUT');
      expect(r.errors![0]!.extensions!.fields, mutation).toEqual([{ field, message: expect.any(String) }]);
    }
    // Leaving a field out still leaves it alone.
    const name = (await api('GET', `/api/project/${galaxy}`)).body.name;
    const kept = await t.gql<{ updateProject: { name: string } }>(`mutation { updateProject(id: ${galaxy}, input: { longDescription: "ok" }) { name } }`, {}, s.as('alice'));
    expect(kept.data!.updateProject.name).toBe(name);
  });
});

describe('/api/user and restrict', () => {
  it('accepts restrict in the query and ignores it: restricted users are never listed', async () => {
    const made = await t.gql<{ createUser: { id: number } }>(
      'mutation { createUser(input: { name: "hidden_one", email: "hidden@example.org", password: "hidden-password" }) { id } }',
    );
    const id = made.data!.createUser.id;
    expect(code(await t.gql(`mutation { updateUser(id: ${id}, input: { restrict: true }) { id } }`, {}, s.as('admin')))).toBe('OK');
    const plain = await api('GET', '/api/user?limit=100', { key: s.apiKeys.admin });
    expect(plain.status).toBe(200);
    expect(plain.body.map((u: { name: string }) => u.name)).not.toContain('hidden_one');
    for (const value of ['true', 'false', '1', 'whatever', '']) {
      const r = await api('GET', `/api/user?limit=100&restrict=${value}`, { key: s.apiKeys.admin });
      expect([r.status, r.body], `restrict=${value}`).toEqual([200, plain.body]);
    }
    expect((await api('GET', '/api/user?restrict=true&name=hidden_one')).body).toEqual([]);
  });
});
