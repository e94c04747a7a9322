import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { startTestApp, type TestApp } from '../helpers/app.ts';
import { seedAndSignIn, type DemoSession } from '../helpers/demo.ts';
import { signProjectToken } from '../../src/auth/tokens.ts';

let t: TestApp;
let s: DemoSession;
let projectId: number;
let secretKey: string;
const code = (r: { errors?: { extensions?: Record<string, unknown> }[] }) => r.errors?.[0]?.extensions?.code ?? 'OK';

beforeAll(async () => {
  t = await startTestApp();
  s = await seedAndSignIn(t);
  const created = await t.gql<{ createProject: { id: number; secretKey: string } }>(
    'mutation { createProject(input: { name: "Sched", shortName: "sched", description: "Scheduler tests" }) { id secretKey } }',
    {},
    s.as('alice'),
  );
  projectId = created.data!.createProject.id;
  secretKey = created.data!.createProject.secretKey;
  for (let i = 1; i <= 3; i++) {
    await t.gql(`mutation { createTask(input: { projectId: ${projectId}, nAnswers: 2, info: { n: ${i} } }) { id } }`, {}, s.as('alice'));
  }
  await publish(projectId);
});

/** Volunteers other than the owners are served published projects only (visibility.test.ts covers drafts). */
async function publish(id: number) {
  const r = await t.gql(`mutation { publishProject(id: ${id}) { id } }`, {}, s.as('alice'));
  expect(r.errors).toBeUndefined();
}
afterAll(async () => t?.close());

const newTask = (headers: Record<string, string> = {}, extra = '') =>
  t.gql<{ newTask: { id: number; info: { n: number } } | null }>(`{ newTask(projectId: ${projectId}${extra}) { id info } }`, {}, headers);
const submit = (taskId: number, headers: Record<string, string> = {}, extra = '') =>
  t.gql<{ submitTaskRun: { id: number; userId: number | null; userIp: string | null; externalUid: string | null; created: string; finishTime: string } }>(
    `mutation { submitTaskRun(input: { projectId: ${projectId}, taskId: ${taskId}, info: { answer: "x" }${extra} }) { id userId userIp externalUid created finishTime } }`,
    {},
    headers,
  );

describe('newTask', () => {
  it('serves the first unanswered task in id order, offset skips, null when none is left', async () => {
    const first = await newTask(s.as('bob'));
    expect(first.data!.newTask!.info.n).toBe(1);
    expect((await newTask(s.as('bob'), ', offset: 1')).data!.newTask!.info.n).toBe(2);
    expect((await newTask(s.as('bob'), ', offset: 3')).data!.newTask).toBeNull();
    const many = await t.gql<{ newTasks: { id: number }[] }>(`{ newTasks(projectId: ${projectId}, limit: 5) { id } }`, {}, s.as('bob'));
    expect(many.data!.newTasks.length).toBe(3);
  });

  it('answers an unknown project with NOT_FOUND', async () => {
    expect(code(await t.gql('{ newTask(projectId: 999999) { id } }'))).toBe('NOT_FOUND');
  });
});

describe('submitTaskRun', () => {
  it('needs a task served first, fills in who and when, and accepts one answer per identity', async () => {
    const task = (await newTask(s.as('carol'))).data!.newTask!;
    const ok = await submit(task.id, s.as('carol'));
    expect(ok.data!.submitTaskRun).toMatchObject({ userId: s.ids.carol, userIp: null, externalUid: null });
    expect(new Date(ok.data!.submitTaskRun.created).getTime()).toBeLessThanOrEqual(new Date(ok.data!.submitTaskRun.finishTime).getTime());
    // The stamp is spent: a second submission without a new newTask is refused.
    const again = await submit(task.id, s.as('carol'));
    expect(code(again)).toBe('FORBIDDEN');
    expect(again.errors![0]!.message).toBe('You must request a task first!');
    // The next task for carol is the next one: answered tasks are excluded.
    expect((await newTask(s.as('carol'))).data!.newTask!.id).not.toBe(task.id);
  });

  it('refuses a task never served, a wrong project and an unknown task', async () => {
    const neverServed = await submit((await newTask(s.as('admin'))).data!.newTask!.id + 1, s.as('admin'));
    expect(neverServed.errors![0]!.message).toBe('You must request a task first!');
    const wrongProject = await t.gql(`mutation { submitTaskRun(input: { projectId: 1, taskId: ${(await newTask(s.as('admin'))).data!.newTask!.id} }) { id } }`, {}, s.as('admin'));
    expect(wrongProject.errors![0]!.message).toBe('Invalid project_id');
    const unknown = await submit(999999, s.as('admin'));
    expect(unknown.errors![0]!.message).toBe('Invalid task_id');
  });

  it('counts anonymous volunteers by their anonymised address', async () => {
    const task = (await newTask()).data!.newTask!;
    const ok = await submit(task.id);
    expect(ok.data!.submitTaskRun).toMatchObject({ userId: null, userIp: expect.stringMatching(/^\d+\.\d+\.\d+\.\d+$/) });
    expect(ok.data!.submitTaskRun.userIp).not.toBe('127.0.0.1');
  });

  it('completes a task at nAnswers, creating its result, and stops serving it', async () => {
    const project = (await t.gql<{ createProject: { id: number } }>('mutation { createProject(input: { name: "Two", shortName: "two", description: "d" }) { id } }', {}, s.as('alice'))).data!.createProject.id;
    const taskId = (await t.gql<{ createTask: { id: number } }>(`mutation { createTask(input: { projectId: ${project}, nAnswers: 2 }) { id } }`, {}, s.as('alice'))).data!.createTask.id;
    await publish(project);
    for (const who of ['bob', 'carol']) {
      expect((await t.gql<{ newTask: { id: number } }>(`{ newTask(projectId: ${project}) { id } }`, {}, s.as(who))).data!.newTask.id).toBe(taskId);
      await t.gql(`mutation { submitTaskRun(input: { projectId: ${project}, taskId: ${taskId} }) { id } }`, {}, s.as(who));
    }
    const { rows } = await sql<{ state: string; n_task_runs: number }>`SELECT state, n_task_runs FROM tasks WHERE id = ${taskId}`.execute(t.database.db);
    expect(rows[0]).toEqual({ state: 'completed', n_task_runs: 2 });
    const result = await t.gql<{ task: { result: { taskRunIds: number[] } } }>(`{ task(id: ${taskId}) { result { taskRunIds } } }`);
    expect(result.data!.task.result.taskRunIds.length).toBe(2);
    // Completed tasks are no longer served, even to someone who has not answered them.
    expect((await t.gql(`{ newTask(projectId: ${project}) { id } }`, {}, s.as('admin'))).data).toEqual({ newTask: null });
  });

  it('refuses anonymous volunteers where the project does not allow them', async () => {
    await t.gql(`mutation { updateProject(id: ${projectId}, input: { allowAnonymousContributors: false }) { id } }`, {}, s.as('alice'));
    const r = await newTask();
    expect(code(r)).toBe('UNAUTHENTICATED');
    expect(r.errors![0]!.message).toBe('This project does not allow anonymous contributors');
    await t.gql(`mutation { updateProject(id: ${projectId}, input: { allowAnonymousContributors: true }) { id } }`, {}, s.as('alice'));
  });
});

describe('external users', () => {
  const token = () => signProjectToken(secretKey, { short_name: 'sched', project_id: projectId });

  it('needs the project token, then serves and records by external uid', async () => {
    const missing = await newTask({}, ', externalUid: "partner-1"');
    expect(missing.errors![0]!.extensions).toMatchObject({ code: 'UNAUTHENTICATED', jwtCode: 'invalid_header', description: 'Missing Authorization header' });
    const wrong = await newTask({ authorization: `Bearer ${signProjectToken('other-secret', { short_name: 'sched', project_id: projectId })}` }, ', externalUid: "partner-1"');
    expect(wrong.errors![0]!.extensions).toMatchObject({ jwtCode: 'Decode error', description: 'Signature verification failed' });
    const foreign = await newTask({ authorization: `Bearer ${signProjectToken(secretKey, { short_name: 'other', project_id: 1 })}` }, ', externalUid: "partner-1"');
    expect(foreign.errors![0]!.extensions).toMatchObject({ jwtCode: 'Wrong project' });
    const headers = { authorization: `Bearer ${token()}` };
    const task = (await newTask(headers, ', externalUid: "partner-1"')).data!.newTask!;
    const ok = await submit(task.id, headers, ', externalUid: "partner-1"');
    expect(ok.data!.submitTaskRun).toMatchObject({ userId: null, userIp: null, externalUid: 'partner-1' });
    const noToken = await submit(task.id, {}, ', externalUid: "partner-2"');
    expect(code(noToken)).toBe('FORBIDDEN');
    expect(noToken.errors![0]!.message).toBe('Missing Authorization header');
  });
});

describe('concurrency', () => {
  it('accepts exactly one of many simultaneous answers by one identity', async () => {
    const project = (await t.gql<{ createProject: { id: number } }>('mutation { createProject(input: { name: "Race", shortName: "race", description: "d" }) { id } }', {}, s.as('alice'))).data!.createProject.id;
    const task = (await t.gql<{ createTask: { id: number } }>(`mutation { createTask(input: { projectId: ${project}, nAnswers: 5 }) { id } }`, {}, s.as('alice'))).data!.createTask.id;
    await publish(project);
    await t.gql(`{ newTask(projectId: ${project}) { id } }`, {}, s.as('bob'));
    const answers = await Promise.all(
      Array.from({ length: 10 }, () => t.gql(`mutation { submitTaskRun(input: { projectId: ${project}, taskId: ${task} }) { id } }`, {}, s.as('bob'))),
    );
    expect(answers.filter((a) => !a.errors).length).toBe(1);
    const { rows } = await sql<{ n: number; runs: number }>`SELECT (SELECT count(*)::int FROM task_runs WHERE task_id = ${task}) AS n, (SELECT n_task_runs FROM tasks WHERE id = ${task}) AS runs`.execute(t.database.db);
    expect(rows[0]).toEqual({ n: 1, runs: 1 });
  });
});
