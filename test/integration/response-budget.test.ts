// The response budget (MAX_RESPONSE_BYTES) and the stored JSON cap (MAX_INFO_BYTES): many aliases of
// large infos are refused quickly without building the answer, in every dialect; over-size infos
// are refused on every write path.
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../helpers/app.ts';
import { seedAndSignIn, type DemoSession } from '../helpers/demo.ts';

const MiB = 1024 * 1024;
const MAX_RESPONSE_BYTES = 4 * MiB;
const MAX_INFO_BYTES = 256 * 1024;
/** Each large task info: a page of 20 is already over the budget. */
const BIG = 300 * 1024;

let t: TestApp;
let demo: DemoSession;
let projectId: number;

beforeAll(async () => {
  t = await startTestApp({ MAX_RESPONSE_BYTES: String(MAX_RESPONSE_BYTES), MAX_INFO_BYTES: String(MAX_INFO_BYTES) });
  demo = await seedAndSignIn(t);
  // A project of 25 tasks whose infos are 300 KiB each (over the cap), written before the cap existed (straight into
  // the database), and a 200 KiB info on another project of ten small tasks.
  const project = await t.database.db.selectFrom('projects').select(['id']).where('short_name', '=', 'galaxyzoo').executeTakeFirstOrThrow();
  projectId = project.id;
  await sql`INSERT INTO tasks (project_id, info) SELECT ${projectId}, jsonb_build_object('n', g, 'text', repeat('x', ${BIG})) FROM generate_series(1, 25) g`.execute(t.database.db);
  await sql`UPDATE projects SET info = jsonb_build_object('text', repeat('y', ${200 * 1024})) WHERE short_name = 'oldweather'`.execute(t.database.db);
}, 180_000);
afterAll(async () => t?.close());

const aliases = (n: number, body: string) => `{ ${Array.from({ length: n }, (_, i) => `a${i}: ${body}`).join(' ')} }`;

describe('response budget', () => {
  it('refuses 30 aliases of a page of 300 KiB infos quickly, with its own code and no partial answer, without the memory of the whole answer', async () => {
    const rssBefore = process.memoryUsage().rss;
    const started = Date.now();
    const r = await t.gql(aliases(30, 'tasks(all: true, limit: 20, desc: true) { id info }'));
    const elapsed = Date.now() - started;
    expect(r.status).toBe(413);
    expect(r.data).toBeUndefined();
    expect(r.errors).toHaveLength(1);
    expect(r.errors![0]!.extensions).toMatchObject({ code: 'RESPONSE_TOO_LARGE', maxBytes: MAX_RESPONSE_BYTES });
    expect(r.errors![0]!.message).toMatch(/larger than 4194304 bytes/);
    // 180 MiB of infos were asked for: neither their time nor their memory was spent.
    expect(elapsed).toBeLessThan(15_000);
    expect(process.memoryUsage().rss - rssBefore).toBeLessThan(150 * MiB);
    // The gateway still answers.
    expect((await t.gql('{ globalStats { nProjects } }')).errors).toBeUndefined();
    // On PostgreSQL, statements already running when the budget ran out finish on their own (their
    // rows are dropped); the pool is idle again within seconds.
    const pool = t.database.pgPool;
    for (let i = 0; pool && (pool.waitingCount > 0 || pool.idleCount < pool.totalCount) && i < 200; i++) await new Promise((r) => setTimeout(r, 100));
  });

  it('counts a value each time it is printed: one project info repeated through a loader is charged every time', async () => {
    // The 30 demo tasks (small infos), ten of them in the project whose info is 200 KiB: 12 MiB of
    // answer from one loaded project row. alice owns it and sees its whole info (others see only its
    // public keys).
    const r = await t.gql(aliases(6, `tasks(all: true, limit: 30) { id project { info } }`), {}, demo.as('alice'));
    expect(r.status).toBe(413);
    expect(r.errors![0]!.extensions!.code).toBe('RESPONSE_TOO_LARGE');
  });

  it('answers queries within the budget as before', async () => {
    const r = await t.gql<{ tasks: { info: { text: string } }[] }>(`{ tasks(all: true, limit: 3, desc: true) { id info } }`);
    expect(r.errors).toBeUndefined();
    expect(r.data!.tasks).toHaveLength(3);
    expect(r.data!.tasks[0]!.info.text).toHaveLength(BIG);
  });

  it('refuses in the PYBOSSA dialect with its error object', async () => {
    const r = await t.app.inject({ url: `/api/task?project_id=${projectId}&limit=100&all=1&api_key=${demo.apiKeys.alice}` });
    expect(r.statusCode).toBe(413);
    expect(r.json()).toMatchObject({ status: 'failed', status_code: 413, exception_cls: 'RequestEntityTooLarge', target: 'task' });
  });
});

describe('stored JSON cap (MAX_INFO_BYTES)', () => {
  const oversize = { text: 'z'.repeat(MAX_INFO_BYTES + 1) };

  it('refuses an over-size info on every GraphQL write path, writing nothing', async () => {
    const as = demo.as('alice');
    const before = await t.database.db.selectFrom('tasks').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    const writes = [
      ['createTask', `mutation($i: JSON) { createTask(input: { projectId: ${projectId}, info: $i }) { id } }`],
      ['updateTask', `mutation($i: JSON) { updateTask(id: 1, input: { info: $i }) { id } }`],
      ['updateProject', `mutation($i: JSONObject) { updateProject(id: ${projectId}, input: { info: $i }) { id } }`],
      ['createProject', `mutation($i: JSONObject) { createProject(input: { name: "Big", shortName: "big", description: "d", info: $i }) { id } }`],
      ['updateUser', `mutation($i: JSONObject) { updateUser(id: ${demo.ids.alice}, input: { info: $i }) { id } }`],
    ] as const;
    for (const [name, mutation] of writes) {
      const r = await t.gql(mutation, { i: oversize }, as);
      expect(r.errors?.[0]?.extensions, name).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'too_large' });
      expect(r.errors?.[0]?.message, name).toMatch(/at most 262144 are allowed/);
    }
    const bob = demo.as('bob');
    const task = await t.gql<{ newTask: { id: number } }>(`{ newTask(projectId: ${projectId}) { id } }`, {}, bob);
    const answer = await t.gql(`mutation($i: JSON) { submitTaskRun(input: { projectId: ${projectId}, taskId: ${task.data!.newTask.id}, info: $i }) { id } }`, { i: oversize }, bob);
    expect(answer.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'too_large' });
    const after = await t.database.db.selectFrom('tasks').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    expect(Number(after.n)).toBe(Number(before.n));
    expect(await t.database.db.selectFrom('task_runs').selectAll().where('task_id', '=', task.data!.newTask.id).execute()).toHaveLength(0);
    // Just under the cap is fine.
    const fits = await t.gql(`mutation($i: JSON) { createTask(input: { projectId: ${projectId}, info: $i }) { id } }`, { i: { text: 'z'.repeat(MAX_INFO_BYTES - 100) } }, as);
    expect(fits.errors).toBeUndefined();
  });

  it("refuses an over-size buggy upload with the race server's kind of answer, keeping nothing", async () => {
    const upload = 'mutation($j: String!) { uploadBuggy(json: $j) { ok error } }';
    const big = JSON.stringify({ qty_wheels: 6, padding: 'p'.repeat(MAX_INFO_BYTES) });
    const r = await t.gql<{ uploadBuggy: { ok: string | null; error: string | null } }>(upload, { j: big }, demo.as('bob'));
    expect(r.data!.uploadBuggy).toEqual({ ok: null, error: `buggy_json is too large: at most ${MAX_INFO_BYTES} bytes` });
    const kept = await t.database.db.selectFrom('users').select(['latest_json']).where('id', '=', demo.ids.bob!).executeTakeFirstOrThrow();
    expect(kept.latest_json?.length ?? 0).toBeLessThan(MAX_INFO_BYTES);
    const fits = await t.gql<{ uploadBuggy: { ok: string | null } }>(upload, { j: JSON.stringify({ qty_wheels: 6 }) }, demo.as('bob'));
    expect(fits.data!.uploadBuggy.ok).toMatch(/buggy (created|updated) OK/);
  });

  it('refuses an over-size info in the PYBOSSA dialect with its error object (415 DataError)', async () => {
    const key = demo.apiKeys.alice;
    const post = await t.app.inject({ method: 'POST', url: `/api/task?api_key=${key}`, payload: { project_id: projectId, info: oversize } });
    expect(post.statusCode).toBe(415);
    expect(post.json()).toMatchObject({ status: 'failed', status_code: 415, exception_cls: 'DataError', target: 'task', action: 'POST' });
    expect(post.json().exception_msg).toMatch(/at most 262144/);
    const put = await t.app.inject({ method: 'PUT', url: `/api/project/${projectId}?api_key=${key}`, payload: { info: oversize } });
    expect(put.statusCode).toBe(415);
    expect(put.json()).toMatchObject({ exception_cls: 'DataError', target: 'project', action: 'PUT' });
  });
});
