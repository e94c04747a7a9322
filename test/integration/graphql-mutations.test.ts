import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { startTestApp, type TestApp } from '../helpers/app.ts';
import { seedAndSignIn, type DemoSession } from '../helpers/demo.ts';

let t: TestApp;
let s: DemoSession;

beforeAll(async () => {
  t = await startTestApp();
  s = await seedAndSignIn(t);
});
afterAll(async () => t?.close());

type Who = 'anonymous' | 'alice' | 'bob' | 'admin';
const headersOf = (who: Who) => (who === 'anonymous' ? {} : s.as(who));
const code = (r: { errors?: { extensions?: Record<string, unknown> }[] }) => r.errors?.[0]?.extensions?.code ?? 'OK';

async function counts() {
  const { rows } = await sql<Record<string, number>>`SELECT
    (SELECT count(*)::int FROM users) AS users, (SELECT count(*)::int FROM categories) AS categories,
    (SELECT count(*)::int FROM projects) AS projects, (SELECT count(*)::int FROM tasks) AS tasks,
    (SELECT count(*)::int FROM task_runs) AS task_runs, (SELECT count(*)::int FROM results) AS results`.execute(t.database.db);
  return rows[0]!;
}

async function newProject(owner: Who, shortName: string): Promise<number> {
  const r = await t.gql<{ createProject: { id: number } }>(
    `mutation($i: CreateProjectInput!) { createProject(input: $i) { id } }`,
    { i: { name: `Project ${shortName}`, shortName, description: 'A test project' } },
    headersOf(owner),
  );
  if (r.errors) throw new Error(JSON.stringify(r.errors));
  return r.data!.createProject.id;
}

describe('CRUD of every entity', () => {
  it('categories: admins create, update and delete', async () => {
    const created = await t.gql<{ createCategory: { id: number; shortName: string } }>(
      'mutation { createCategory(input: { name: "Space", shortName: "space", description: "Stars" }) { id shortName } }',
      {},
      s.as('admin'),
    );
    const id = created.data!.createCategory.id;
    expect(created.data!.createCategory.shortName).toBe('space');
    const updated = await t.gql(`mutation { updateCategory(id: ${id}, input: { description: "Stars and planets" }) { description } }`, {}, s.as('admin'));
    expect(updated.data).toEqual({ updateCategory: { description: 'Stars and planets' } });
    expect((await t.gql(`{ category(id: ${id}) { name } }`)).data).toEqual({ category: { name: 'Space' } });
    expect((await t.gql(`mutation { deleteCategory(id: ${id}) }`, {}, s.as('admin'))).data).toEqual({ deleteCategory: true });
    expect((await t.gql(`{ category(id: ${id}) { name } }`)).data).toEqual({ category: null });
  });

  it('projects: a user creates (unpublished, owner = caller), updates, publishes and deletes', async () => {
    const id = await newProject('bob', 'bobs-project');
    const p = await t.gql<{ project: Record<string, unknown> }>(`{ project(id: ${id}) { ownerId ownersIds published secretKey category { shortName } } }`, {}, s.as('bob'));
    expect(p.data!.project).toMatchObject({ ownerId: s.ids.bob, ownersIds: [s.ids.bob], published: false, secretKey: expect.any(String), category: { shortName: 'science' } });
    // Unpublished: invisible to others.
    expect(code(await t.gql(`{ project(id: ${id}) { id } }`))).toBe('UNAUTHENTICATED');
    expect(code(await t.gql(`{ project(id: ${id}) { id } }`, {}, s.as('alice')))).toBe('FORBIDDEN');
    expect(code(await t.gql(`mutation { publishProject(id: ${id}) { id } }`, {}, s.as('bob')))).toBe('BAD_USER_INPUT');
    await t.gql(`mutation { createTask(input: { projectId: ${id}, info: { q: 1 } }) { id } }`, {}, s.as('bob'));
    expect((await t.gql(`mutation { publishProject(id: ${id}) { published } }`, {}, s.as('bob'))).data).toEqual({ publishProject: { published: true } });
    expect((await t.gql(`{ project(id: ${id}) { name secretKey published } }`)).data).toEqual({ project: { name: 'Project bobs-project', secretKey: null, published: null } });
    const up = await t.gql(`mutation { updateProject(id: ${id}, input: { description: "New words", info: { task_presenter: "<p/>", total: 5 } }) { description } }`, {}, s.as('bob'));
    expect(up.data).toEqual({ updateProject: { description: 'New words' } });
    // Non-owners see only the public info keys.
    expect((await t.gql(`{ project(id: ${id}) { info } }`)).data).toEqual({ project: { info: { task_presenter: '<p/>' } } });
    expect((await t.gql(`mutation { deleteProject(id: ${id}) }`, {}, s.as('bob'))).data).toEqual({ deleteProject: true });
  });

  it('deleting a project removes its tasks, task runs and results in one transaction', async () => {
    const before = await counts();
    const galaxy = (await t.gql<{ projects: { id: number }[] }>('{ projects(filter: { shortName: "galaxyzoo" }) { id } }')).data!.projects[0]!.id;
    // The owner may not delete a project that has results; an administrator may.
    expect(code(await t.gql(`mutation { deleteProject(id: ${galaxy}) }`, {}, s.as('alice')))).toBe('FORBIDDEN');
    expect((await t.gql(`mutation { deleteProject(id: ${galaxy}) }`, {}, s.as('admin'))).data).toEqual({ deleteProject: true });
    const after = await counts();
    expect(after).toMatchObject({ projects: before.projects - 1, tasks: before.tasks - 10, task_runs: before.task_runs - 9, results: before.results - 3 });
  });

  it('tasks: owners create, update (state follows nAnswers) and delete', async () => {
    const id = await newProject('alice', 'alice-tasks');
    const task = await t.gql<{ createTask: { id: number; state: string; nAnswers: number } }>(
      `mutation { createTask(input: { projectId: ${id}, info: { image: "a.jpg" }, nAnswers: 1 }) { id state nAnswers } }`,
      {},
      s.as('alice'),
    );
    const taskId = task.data!.createTask.id;
    expect(task.data!.createTask).toMatchObject({ state: 'ongoing', nAnswers: 1 });
    // Bob answers it: completed, with a result.
    await t.gql(`mutation { publishProject(id: ${id}) { id } }`, {}, s.as('alice'));
    await t.gql(`{ newTask(projectId: ${id}) { id } }`, {}, s.as('bob'));
    await t.gql(`mutation { submitTaskRun(input: { projectId: ${id}, taskId: ${taskId}, info: { answer: "yes" } }) { id } }`, {}, s.as('bob'));
    const done = await t.gql<{ task: { state: string; result: { taskRunIds: number[] } } }>(`{ task(id: ${taskId}) { state result { taskRunIds } } }`);
    expect(done.data!.task.state).toBe('completed');
    expect(done.data!.task.result.taskRunIds.length).toBe(1);
    // Raising nAnswers above the count reopens; changing only info does not touch the state.
    const reopened = await t.gql(`mutation { updateTask(id: ${taskId}, input: { nAnswers: 2 }) { state } }`, {}, s.as('alice'));
    expect(reopened.data).toEqual({ updateTask: { state: 'ongoing' } });
    const info = await t.gql(`mutation { updateTask(id: ${taskId}, input: { info: { image: "b.jpg" } }) { state info } }`, {}, s.as('alice'));
    expect(info.data).toEqual({ updateTask: { state: 'ongoing', info: { image: 'b.jpg' } } });
    // The task has a result: the owner may not delete it, an administrator may.
    expect(code(await t.gql(`mutation { deleteTask(id: ${taskId}) }`, {}, s.as('alice')))).toBe('FORBIDDEN');
    expect((await t.gql(`mutation { deleteTask(id: ${taskId}) }`, {}, s.as('admin'))).data).toEqual({ deleteTask: true });
  });

  it('results: owners record info; nothing else changes', async () => {
    const r = await t.gql<{ results: { id: number }[] }>('{ results(limit: 1, all: true) { id } }', {}, s.as('alice'));
    const id = r.data!.results[0]!.id;
    const up = await t.gql(`mutation { updateResult(id: ${id}, info: { answer: "spiral" }) { info lastVersion } }`, {}, s.as('alice'));
    expect(up.data).toEqual({ updateResult: { info: { answer: 'spiral' }, lastVersion: true } });
    expect(code(await t.gql(`mutation { updateResult(id: ${id}, info: {}) { id } }`, {}, s.as('bob')))).toBe('FORBIDDEN');
  });
});

describe('authorization matrix', () => {
  const cases: { mutation: (ids: Record<string, number>) => string; expected: Record<Who, string> }[] = [
    { mutation: () => 'createCategory(input: { name: "M1", shortName: "m1", description: "d" }) { id }', expected: { anonymous: 'UNAUTHENTICATED', alice: 'FORBIDDEN', bob: 'FORBIDDEN', admin: 'OK' } },
    { mutation: (ids) => `updateCategory(id: ${ids.category}, input: { description: "x" }) { id }`, expected: { anonymous: 'UNAUTHENTICATED', alice: 'FORBIDDEN', bob: 'FORBIDDEN', admin: 'OK' } },
    { mutation: () => 'createProject(input: { name: "P", shortName: "p", description: "d" }) { id }', expected: { anonymous: 'UNAUTHENTICATED', alice: 'OK', bob: 'OK', admin: 'OK' } },
    { mutation: (ids) => `updateProject(id: ${ids.project}, input: { description: "x" }) { id }`, expected: { anonymous: 'UNAUTHENTICATED', alice: 'OK', bob: 'FORBIDDEN', admin: 'OK' } },
    { mutation: (ids) => `createTask(input: { projectId: ${ids.project} }) { id }`, expected: { anonymous: 'UNAUTHENTICATED', alice: 'OK', bob: 'FORBIDDEN', admin: 'OK' } },
    { mutation: (ids) => `updateTask(id: ${ids.task}, input: { priority0: 0.5 }) { id }`, expected: { anonymous: 'UNAUTHENTICATED', alice: 'OK', bob: 'FORBIDDEN', admin: 'OK' } },
    { mutation: (ids) => `updateResult(id: ${ids.result}, info: { a: 1 }) { id }`, expected: { anonymous: 'UNAUTHENTICATED', alice: 'OK', bob: 'FORBIDDEN', admin: 'OK' } },
    { mutation: (ids) => `updateUser(id: ${ids.alice}, input: { fullname: "A" }) { id }`, expected: { anonymous: 'UNAUTHENTICATED', alice: 'OK', bob: 'FORBIDDEN', admin: 'OK' } },
    { mutation: (ids) => `updateTaskRun(id: ${ids.openRun}, input: { info: { a: 2 } }) { id }`, expected: { anonymous: 'UNAUTHENTICATED', alice: 'FORBIDDEN', bob: 'OK', admin: 'OK' } },
    { mutation: (ids) => `updateTaskRun(id: ${ids.resultRun}, input: { info: { a: 2 } }) { id }`, expected: { anonymous: 'UNAUTHENTICATED', alice: 'FORBIDDEN', bob: 'FORBIDDEN', admin: 'FORBIDDEN' } },
  ];

  it('answers each mutation for anonymous, owner, other user and admin as the rules say', async () => {
    const oldweather = (await t.gql<{ projects: { id: number; tasks: { id: number; state: string; taskRuns: { id: number; userId: number }[] }[] }[] }>(
      '{ projects(filter: { shortName: "oldweather" }) { id tasks(limit: 100) { id state taskRuns { id userId } } } }',
    )).data!.projects[0]!;
    const openTask = oldweather.tasks.find((task) => task.state === 'ongoing' && task.taskRuns.length === 1)!;
    const doneTask = oldweather.tasks.find((task) => task.state === 'completed')!;
    const result = (await t.gql<{ results: { id: number }[] }>(`{ results(filter: { projectId: ${oldweather.id} }) { id } }`)).data!.results[0]!;
    const category = (await t.gql<{ categories: { id: number }[] }>('{ categories { id } }')).data!.categories[0]!;
    const ids = { ...s.ids, project: oldweather.id, task: openTask.id, result: result.id, category: category.id, openRun: openTask.taskRuns[0]!.id, resultRun: doneTask.taskRuns[0]!.id };
    const seen: Record<string, Record<Who, string>> = {};
    let n = 0;
    for (const c of cases) {
      for (const who of ['anonymous', 'bob', 'alice', 'admin'] as Who[]) {
        const mutation = c.mutation(ids).replace('"m1"', `"m${n}"`).replace('"M1"', `"M${n}"`).replace('shortName: "p"', `shortName: "p${n}"`).replace('name: "P"', `name: "P${n}"`);
        n += 1;
        const r = await t.gql(`mutation { ${mutation} }`, {}, headersOf(who));
        (seen[c.mutation(ids).split('(')[0]! + (c.mutation(ids).includes(String(ids.resultRun)) ? ':inResult' : '')] ??= {} as Record<Who, string>)[who] = code(r) as string;
      }
    }
    expect(seen).toEqual(Object.fromEntries(cases.map((c) => [c.mutation(ids).split('(')[0]! + (c.mutation(ids).includes(String(ids.resultRun)) ? ':inResult' : ''), c.expected])));
  });
});

describe('bad input on every mutation', () => {
  const bad: [string, string][] = [
    ['createUser', 'createUser(input: { name: "a b", email: "x", password: "1" }) { id }'],
    ['updateUser', 'updateUser(id: USER, input: { email: "not-an-email" }) { id }'],
    ['createCategory', 'createCategory(input: { name: "", shortName: "Has Spaces", description: "" }) { id }'],
    ['updateCategory', 'updateCategory(id: CATEGORY, input: { shortName: "No Spaces!" }) { id }'],
    ['createProject', 'createProject(input: { name: "", shortName: "new", description: "" }) { id }'],
    ['createProject reserved', 'createProject(input: { name: "N", shortName: "search", description: "d" }) { id }'],
    ['createProject category', 'createProject(input: { name: "N", shortName: "n-cat", description: "d", categoryId: 999999 }) { id }'],
    ['updateProject', 'updateProject(id: PROJECT, input: { webhook: "ftp://x" }) { id }'],
    ['createTask', 'createTask(input: { projectId: PROJECT, nAnswers: 0, priority0: 2 }) { id }'],
    ['updateTask', 'updateTask(id: TASK, input: { nAnswers: -3 }) { id }'],
    ['submitTaskRun', 'submitTaskRun(input: { projectId: PROJECT, taskId: TASK, timeout: -1 }) { id }'],
    ['createUser type', 'createUser(input: { name: 5, email: "x@y.z", password: "12345678" }) { id }'],
  ];

  it.each(bad)('%s is refused with a coded error and writes nothing', async (_name, mutation) => {
    const project = (await t.gql<{ projects: { id: number; tasks: { id: number }[] }[] }>('{ projects(limit: 1, all: true) { id tasks(limit: 1) { id } } }', {}, s.as('alice'))).data!.projects[0]!;
    const category = (await t.gql<{ categories: { id: number }[] }>('{ categories(limit: 1) { id } }')).data!.categories[0]!;
    const text = mutation.replace('USER', String(s.ids.alice)).replace('CATEGORY', String(category.id)).replace(/PROJECT/g, String(project.id)).replace('TASK', String(project.tasks[0]!.id));
    const before = await counts();
    const { rows: beforeSum } = await sql<{ sum: string }>`SELECT md5(string_agg(t::text, ',' ORDER BY t.id)) AS sum FROM (SELECT id, name, description FROM projects) t`.execute(t.database.db);
    const r = await t.gql(`mutation { ${text} }`, {}, s.as('admin'));
    expect(['BAD_USER_INPUT', 'CONFLICT']).toContain(code(r));
    expect(r.errors![0]!.message.length).toBeGreaterThan(10);
    expect(await counts()).toEqual(before);
    const { rows: afterSum } = await sql<{ sum: string }>`SELECT md5(string_agg(t::text, ',' ORDER BY t.id)) AS sum FROM (SELECT id, name, description FROM projects) t`.execute(t.database.db);
    expect(afterSum).toEqual(beforeSum);
  });
});
