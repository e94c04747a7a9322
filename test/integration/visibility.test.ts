// Each entity's visibility rule holds on every path: item, list, connection, nested relation,
// filter, full-text search, ordering, cursor, scheduler, statistics, GraphQL and PYBOSSA alike.
//  - tasks, task runs and results of an unpublished project: its owners and administrators only;
//  - a restricted user: only themself;
//  - values a caller may not read (owner-only project info and settings, users' private fields,
//    anonymous contributors' hashed addresses) can be neither read, filtered, searched, ordered by
//    nor recovered from a cursor.
import 'reflect-metadata';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../helpers/app.ts';
import { seedAndSignIn, type DemoSession } from '../helpers/demo.ts';

let t: TestApp;
let s: DemoSession;
let draft: { id: number; shortName: string; taskId: number; runId: number; resultId: number };
let dora: { id: number; headers: Record<string, string>; projectId: number; runId: number };
/** An anonymous volunteer's task run in alice's published project 1, and its stored address. */
let anonymousRun: { id: number; taskId: number; userIp: string };

type Headers = Record<string, string>;
const anon: Headers = {};

async function gqlOk<T = Record<string, any>>(query: string, variables: Record<string, unknown> = {}, headers: Headers = anon): Promise<T> {
  const r = await t.gql<T>(query, variables, headers);
  if (r.errors) throw new Error(`${query}: ${JSON.stringify(r.errors)}`);
  return r.data!;
}

async function serveAndAnswer(projectId: number, headers: Headers, answer: unknown = { a: 1 }) {
  const served = await gqlOk<{ newTask: { id: number } }>('query($p: Int!) { newTask(projectId: $p) { id } }', { p: projectId }, headers);
  const run = await gqlOk<{ submitTaskRun: { id: number; userIp: string | null } }>(
    'mutation($i: SubmitTaskRunInput!) { submitTaskRun(input: $i) { id userIp } }',
    { i: { projectId, taskId: served.newTask.id, info: answer } },
    headers,
  );
  return { taskId: served.newTask.id, ...run.submitTaskRun };
}

beforeAll(async () => {
  t = await startTestApp();
  s = await seedAndSignIn(t);
  const alice = s.as('alice');
  // alice's draft, with one task that her own answer completes (a task run and a result).
  const created = await gqlOk<{ createProject: { id: number; shortName: string } }>(
    'mutation { createProject(input: { name: "Secret Draft", shortName: "secretdraft", description: "Not yet", info: { internal_note: "hunter2" } }) { id shortName } }',
    {},
    alice,
  );
  const task = await gqlOk<{ createTask: { id: number } }>(
    'mutation($p: Int!) { createTask(input: { projectId: $p, nAnswers: 1, info: { question: "draft question" } }) { id } }',
    { p: created.createProject.id },
    alice,
  );
  const run = await serveAndAnswer(created.createProject.id, alice);
  const result = await t.database.db.selectFrom('results').select('id').where('task_id', '=', task.createTask.id).executeTakeFirstOrThrow();
  draft = { id: created.createProject.id, shortName: created.createProject.shortName, taskId: task.createTask.id, runId: run.id, resultId: result.id };

  // alice's published project 1 keeps a private note and refuses anonymous volunteers in project 2.
  await gqlOk('mutation { updateProject(id: 1, input: { info: { task_presenter: "<div/>", sched: "default", internal_note: "hunter2 lives here" } }) { id } }', {}, alice);

  // An anonymous volunteer answers a task of project 1.
  const anonymous = await serveAndAnswer(1, anon);
  anonymousRun = { id: anonymous.id, taskId: anonymous.taskId, userIp: anonymous.userIp! };

  // dora: a restricted user who owns a published project and answered a task in project 1.
  await gqlOk('mutation { createUser(input: { name: "dora", email: "dora@example.com", password: "dora-password" }) { id } }');
  const login = await gqlOk<{ login: { token: string; user: { id: number } } }>('mutation { login(nameOrEmail: "dora", password: "dora-password") { token user { id } } }');
  const doraHeaders = { authorization: `Bearer ${login.login.token}` };
  const doraProject = await gqlOk<{ createProject: { id: number } }>('mutation { createProject(input: { name: "Dora Project", shortName: "dora", description: "d" }) { id } }', {}, doraHeaders);
  await gqlOk('mutation($p: Int!) { createTask(input: { projectId: $p, info: { q: 1 } }) { id } }', { p: doraProject.createProject.id }, doraHeaders);
  await gqlOk('mutation($p: Int!) { publishProject(id: $p) { id } }', { p: doraProject.createProject.id }, doraHeaders);
  const doraRun = await serveAndAnswer(1, doraHeaders);
  await gqlOk('mutation($id: Int!) { updateUser(id: $id, input: { restrict: true }) { id } }', { id: login.login.user.id }, s.as('admin'));
  dora = { id: login.login.user.id, headers: doraHeaders, projectId: doraProject.createProject.id, runId: doraRun.id };

  // The administrator leaves privacy mode (a private setting of theirs).
  await gqlOk('mutation($id: Int!) { updateUser(id: $id, input: { privacyMode: false }) { id } }', { id: s.ids.admin }, s.as('admin'));
  // carol keeps a private value in her profile info.
  await gqlOk('mutation($id: Int!) { updateUser(id: $id, input: { info: { ssn: "078-05-1120" } }) { id } }', { id: s.ids.carol }, s.as('carol'));
});
afterAll(async () => t?.close());

const viewers = (): [string, Headers][] => [
  ['anonymous', anon],
  ['bob', s.as('bob')],
];
const apiKey = (name: string) => (name === 'anonymous' ? '' : `&api_key=${s.apiKeys[name]}`);
/** The URL as this viewer calls it (PYBOSSA's api_key in the query string). */
const as = (url: string, name: string) => (name === 'anonymous' ? url : `${url}${url.includes('?') ? '&' : '?'}api_key=${s.apiKeys[name]}`);

describe("a draft project's tasks, task runs and results", () => {
  it('are refused by id to anyone but its owners and administrators, in GraphQL and PYBOSSA', async () => {
    for (const [name, headers] of viewers()) {
      for (const [field, id] of [['task', draft.taskId], ['taskRun', draft.runId], ['result', draft.resultId]] as const) {
        const r = await t.gql(`query($id: Int!) { ${field}(id: $id) { id project { name description owner { name } } } }`, { id }, headers);
        expect(r.data?.[field] ?? null, `${name} ${field}`).toBeNull();
        expect(r.errors?.[0]?.extensions?.code, `${name} ${field}`).toBe(name === 'anonymous' ? 'UNAUTHENTICATED' : 'FORBIDDEN');
        expect(JSON.stringify(r)).not.toContain('Secret Draft');
      }
      for (const [object, id] of [['task', draft.taskId], ['taskrun', draft.runId], ['result', draft.resultId]] as const) {
        const r = await t.app.inject({ url: `/api/${object}/${id}?related=True${apiKey(name)}` });
        expect(r.statusCode, `${name} /api/${object}/${id}`).toBe(name === 'anonymous' ? 401 : 403);
        expect(r.json()).toMatchObject({ status: 'failed', target: object });
      }
    }
    for (const who of ['alice', 'admin']) {
      const r = await gqlOk(`query($t: Int!, $r: Int!, $x: Int!) { task(id: $t) { id project { name } } taskRun(id: $r) { id } result(id: $x) { id } }`, { t: draft.taskId, r: draft.runId, x: draft.resultId }, s.as(who));
      expect(r.task.project.name).toBe('Secret Draft');
      expect(r.taskRun.id).toBe(draft.runId);
      expect(r.result.id).toBe(draft.resultId);
      expect((await t.app.inject({ url: `/api/task/${draft.taskId}?api_key=${s.apiKeys[who]}` })).statusCode).toBe(200);
    }
  });

  it('never appear in lists or connections, whatever the filter, for anyone but its owners and administrators', async () => {
    const query = `query($p: [Int!]) {
      tasks(all: true, projectIds: $p) { id } taskRuns(all: true, projectIds: $p) { id } results(all: true, projectIds: $p) { id }
      tasksConnection(all: true, first: 100) { totalCount edges { node { projectId } } }
      taskRunsConnection(all: true, first: 100) { totalCount edges { node { projectId } } }
      resultsConnection(all: true, first: 100) { totalCount edges { node { projectId } } }
      search: tasks(all: true, info: [{ key: "question", value: "draft" }], fullText: true) { id headline } }`;
    for (const [name, headers] of viewers()) {
      const r = await gqlOk(query, { p: [draft.id] }, headers);
      expect(r.tasks, name).toEqual([]);
      expect(r.taskRuns, name).toEqual([]);
      expect(r.results, name).toEqual([]);
      expect(r.search, name).toEqual([]);
      for (const c of ['tasksConnection', 'taskRunsConnection', 'resultsConnection']) {
        expect(r[c].edges.map((e: { node: { projectId: number } }) => e.node.projectId), `${name} ${c}`).not.toContain(draft.id);
      }
      for (const object of ['task', 'taskrun', 'result']) {
        const list = await t.app.inject({ url: `/api/${object}?project_id=${draft.id}&all=1${apiKey(name)}` });
        expect(list.json(), `${name} /api/${object}`).toEqual([]);
      }
    }
    for (const who of ['alice', 'admin']) {
      const r = await gqlOk(query, { p: [draft.id] }, s.as(who));
      expect(r.tasks).toEqual([{ id: draft.taskId }]);
      expect(r.taskRuns).toEqual([{ id: draft.runId }]);
      expect(r.search).toHaveLength(1);
      // A legacy client owning the project lists it in its owner context, as before.
      const own = await t.app.inject({ url: `/api/task?project_id=${draft.id}&api_key=${s.apiKeys.alice}` });
      expect(own.json().map((task: { id: number }) => task.id)).toEqual([draft.taskId]);
    }
  });

  it('are not served, answered or counted for anyone but its owners (scheduler, submission, progress)', async () => {
    for (const [name, headers] of viewers()) {
      const served = await t.gql('query($p: Int!) { newTask(projectId: $p) { id info } newTasks(projectId: $p, limit: 5) { id } }', { p: draft.id }, headers);
      expect(served.errors?.[0]?.extensions?.code, name).toBe(name === 'anonymous' ? 'UNAUTHENTICATED' : 'FORBIDDEN');
      expect(JSON.stringify(served)).not.toContain('draft question');
      const rest = await t.app.inject({ url: as(`/api/project/${draft.id}/newtask`, name) });
      expect(rest.statusCode, name).toBe(name === 'anonymous' ? 401 : 403);
      expect(rest.body).not.toContain('draft question');
      const submit = await t.gql(
        'mutation($i: SubmitTaskRunInput!) { submitTaskRun(input: $i) { id } }',
        { i: { projectId: draft.id, taskId: draft.taskId, info: { a: 1 } } },
        headers,
      );
      expect(submit.errors?.[0]?.extensions?.code, name).toBe(name === 'anonymous' ? 'UNAUTHENTICATED' : 'FORBIDDEN');
      const progress = await t.app.inject({ url: as(`/api/project/${draft.shortName}/userprogress`, name) });
      expect(progress.statusCode, name).toBe(name === 'anonymous' ? 401 : 403);
      const byId = await t.gql('query($p: Int!) { userProgress(projectId: $p) { done total } }', { p: draft.id }, headers);
      expect(byId.data?.userProgress ?? null, name).toBeNull();
    }
    const own = await t.app.inject({ url: `/api/project/${draft.shortName}/userprogress?api_key=${s.apiKeys.alice}` });
    expect(own.json()).toEqual({ done: 1, total: 1 });
  });
});

describe('a restricted user', () => {
  it('is hidden from others as a nested owner or task-run author too, and visible to themself', async () => {
    const query = `query($p: Int!, $r: Int!, $u: Int!) {
      project(id: $p) { name owner { id name } }
      taskRun(id: $r) { id user { id name } }
      projects(all: true, limit: 100) { id owner { name } }
      taskRuns(all: true, limit: 100) { id user { name } }
      users(limit: 100) { name }
      user(id: $u) { name } }`;
    for (const [name, headers] of [...viewers(), ['admin', s.as('admin')] as [string, Headers]]) {
      const r = await t.gql<Record<string, any>>(query, { p: dora.projectId, r: dora.runId, u: dora.id }, headers);
      expect(r.data!.project.name).toBe('Dora Project');
      expect(r.data!.project.owner, name).toBeNull();
      expect(r.data!.taskRun.user, name).toBeNull();
      expect(r.data!.user, name).toBeNull();
      expect(JSON.stringify(r.data), name).not.toContain('dora');
    }
    const self = await gqlOk(query, { p: dora.projectId, r: dora.runId, u: dora.id }, dora.headers);
    expect(self.project.owner.name).toBe('dora');
    expect(self.taskRun.user.name).toBe('dora');
    expect(self.user.name).toBe('dora');
  });
});

describe('values a caller may not read cannot be filtered, searched, ordered by or read from a cursor', () => {
  /** [what, GraphQL query (all its fields must come back empty), PYBOSSA URLs (must answer [])]. */
  const hidden = (): [string, string, string[]][] => [
    ['project info key (equality)', '{ x: projects(all: true, info: [{ key: "internal_note", value: "hunter2 lives here" }]) { id } }', ['/api/project?all=1&info=internal_note::hunter2 lives here']],
    ['project info key (full text)', '{ x: projects(all: true, info: [{ key: "internal_note", value: "hunter2" }], fullText: true) { id headline } }', ['/api/project?all=1&info=internal_note::hunter2&fulltextsearch=1']],
    ['project info key (containment)', '{ x: projects(all: true, infoContains: { internal_note: "hunter2 lives here" }) { id } }', ['/api/project?all=1&info={"internal_note":"hunter2 lives here"}']],
    ['project info key (connection)', '{ x: projectsConnection(all: true, info: [{ key: "internal_note", value: "hunter2 lives here" }]) { edges { node { id } } } }', []],
    ['project setting', '{ x: projects(all: true, filter: { allowAnonymousContributors: true }) { id } }', ['/api/project?all=1&allow_anonymous_contributors=true']],
    ['user info key', '{ x: users(info: [{ key: "ssn", value: "078-05-1120" }]) { name } y: users(info: [{ key: "ssn", value: "078" }], fullText: true) { name } z: users(infoContains: { ssn: "078-05-1120" }) { name } }', ['/api/user?info=ssn::078-05-1120', '/api/user?info=ssn::078&fulltextsearch=1']],
    ['user admin flag', '{ x: users(filter: { admin: true }) { name } y: usersConnection(filter: { admin: true }) { edges { node { name } } } }', ['/api/user?admin=true']],
    ['user privacy mode', '{ x: users(filter: { privacyMode: false }) { name } }', ['/api/user?privacy_mode=false']],
    ['task-run address', `{ x: taskRuns(all: true, filter: { userIp: "${anonymousRun.userIp}" }) { id } }`, [`/api/taskrun?all=1&user_ip=${anonymousRun.userIp}`]],
  ];

  const empty = (value: unknown): boolean =>
    Array.isArray(value) ? value.length === 0 : typeof value === 'object' && value !== null && 'edges' in value ? (value as { edges: unknown[] }).edges.length === 0 : false;

  it('for anonymous callers and ordinary users, in GraphQL and PYBOSSA', async () => {
    for (const [name, headers] of viewers()) {
      for (const [what, query, urls] of hidden()) {
        const r = await gqlOk(query, {}, headers);
        for (const [field, value] of Object.entries(r)) expect(empty(value), `${name}: ${what} (${field}) ${JSON.stringify(value)}`).toBe(true);
        for (const url of urls) {
          const response = await t.app.inject({ url: as(encodeURI(url), name) });
          expect(response.json(), `${name}: ${what} ${url}`).toEqual([]);
        }
      }
    }
  });

  it('while those who may read the value still filter by it', async () => {
    const r = await gqlOk(
      `{ a: projects(all: true, info: [{ key: "internal_note", value: "hunter2" }], fullText: true) { id headline }
         b: projects(all: true, info: [{ key: "sched", value: "default" }]) { id }
         c: taskRuns(all: true, filter: { userIp: "${anonymousRun.userIp}" }) { id userIp } }`,
      {},
      s.as('alice'),
    );
    expect(r.a.map((p: { id: number }) => p.id).sort()).toEqual([1, draft.id]);
    expect(r.a[0].headline).toContain('hunter2');
    expect(r.b.length).toBeGreaterThan(0);
    expect(r.c).toEqual([{ id: anonymousRun.id, userIp: anonymousRun.userIp }]);
    // Public info keys stay searchable by everyone.
    expect((await gqlOk('{ projects(all: true, info: [{ key: "sched", value: "default" }]) { id } }')).projects.length).toBeGreaterThan(0);
    const mine = await gqlOk('{ x: users(info: [{ key: "ssn", value: "078-05-1120" }]) { name } y: users(filter: { admin: true }) { name } }', {}, s.as('carol'));
    expect(mine.x).toEqual([{ name: 'carol' }]);
    expect(mine.y).toEqual([]);
    const admin = await gqlOk('{ x: users(info: [{ key: "ssn", value: "078-05-1120" }]) { name } y: users(filter: { admin: true }) { name } }', {}, s.as('admin'));
    expect(admin.x).toEqual([{ name: 'carol' }]);
    expect(admin.y).toEqual([{ name: 'admin' }]);
  });

  it('cursors carry no hidden value, and a forged cursor reveals none', async () => {
    const page = await gqlOk<{ usersConnection: { edges: { cursor: string; node: { id: number; created: string | null } }[] } }>(
      '{ usersConnection(first: 100, orderBy: created) { edges { cursor node { id created } } } }',
    );
    const created = await t.database.db.selectFrom('users').select(['id', 'created']).execute();
    const hiddenEdges = page.usersConnection.edges.filter((edge) => edge.node.created === null);
    expect(hiddenEdges.length).toBeGreaterThan(2);
    for (const edge of hiddenEdges) {
      const decoded = Buffer.from(edge.cursor, 'base64url').toString('utf8');
      const real = created.find((u) => u.id === edge.node.id)!.created;
      expect(decoded).not.toContain(real.toISOString().slice(0, 16));
    }
    const hiddenIds = new Set(hiddenEdges.map((edge) => edge.node.id));
    // Probing: the users after a forged cursor must not depend on the forged (hidden) date.
    const after = async (date: string) => {
      const cursor = Buffer.from(JSON.stringify([date, 0])).toString('base64url');
      const r = await gqlOk<{ usersConnection: { edges: { node: { id: number } }[] } }>(
        'query($c: String!) { usersConnection(first: 100, orderBy: created, after: $c) { edges { node { id } } } }',
        { c: cursor },
      );
      return r.usersConnection.edges.map((e) => e.node.id).filter((id) => hiddenIds.has(id)).sort();
    };
    expect(await after('2000-01-01 00:00:00+00')).toEqual(await after('2999-01-01 00:00:00+00'));
    // A cursor holding anything but a value is refused as bad input, not a server error.
    const forged = Buffer.from(JSON.stringify([{ created: 1 }, 0])).toString('base64url');
    const refused = await t.gql('query($c: String!) { usersConnection(orderBy: created, after: $c) { edges { cursor } } }', { c: forged });
    expect(refused.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    // Ordering by a hidden value orders as if it were unknown (by id), for lists and PYBOSSA too.
    const ordered = await gqlOk<{ users: { id: number }[] }>('{ users(orderBy: created, desc: true, limit: 100) { id } }');
    const byId = await gqlOk<{ users: { id: number }[] }>('{ users(desc: true, limit: 100) { id } }');
    const hiddenOnly = (users: { id: number }[]) => users.map((u) => u.id).filter((id) => hiddenIds.has(id));
    expect(hiddenOnly(ordered.users)).toEqual(hiddenOnly(byId.users));
  });
});

describe("anonymous contributors' hashed addresses", () => {
  it("are shown only to the project's owners and administrators, in every path and dialect", async () => {
    const query = `query($r: Int!, $t: Int!) {
      taskRuns(all: true, limit: 100) { id userIp }
      taskRunsConnection(all: true, first: 100) { edges { node { id userIp } } }
      taskRun(id: $r) { userIp }
      task(id: $t) { taskRuns { id userIp } }
      projects(all: true) { tasks(limit: 100) { taskRuns(limit: 100) { userIp } result { taskRuns { userIp } } } } }`;
    for (const [name, headers] of viewers()) {
      const r = await t.gql(query, { r: anonymousRun.id, t: anonymousRun.taskId }, headers);
      expect(r.errors, name).toBeUndefined();
      expect(JSON.stringify(r.data), name).not.toContain(anonymousRun.userIp);
      expect((r.data as any).taskRuns.some((run: { id: number }) => run.id === anonymousRun.id), name).toBe(true);
      for (const url of ['/api/taskrun?all=1&limit=100', `/api/taskrun/${anonymousRun.id}`, `/api/task/${anonymousRun.taskId}?related=1`, '/api/task?all=1&related=1&limit=100']) {
        const body = (await t.app.inject({ url: as(url, name) })).body;
        expect(body, `${name} ${url}`).not.toContain(anonymousRun.userIp);
      }
    }
    for (const who of ['alice', 'admin']) {
      const r = await gqlOk(query, { r: anonymousRun.id, t: anonymousRun.taskId }, s.as(who));
      expect(r.taskRun.userIp).toBe(anonymousRun.userIp);
      const one = await t.app.inject({ url: `/api/taskrun/${anonymousRun.id}?api_key=${s.apiKeys[who]}` });
      expect(one.json().user_ip).toBe(anonymousRun.userIp);
    }
    // Still null (not absent) for others, so PYBOSSA's object keeps its keys.
    expect((await t.app.inject({ url: `/api/taskrun/${anonymousRun.id}` })).json()).toHaveProperty('user_ip', null);
  });
});
