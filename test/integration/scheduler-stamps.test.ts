// Scheduler stamps expire (TASK_STAMP_TTL) and are pruned, so they never pile up; external uids have
// a maximum length answered in each dialect; HEAD never stamps (nor writes anything, on any route).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { startTestApp, type TestApp } from '../helpers/app.ts';
import { seedAndSignIn, type DemoSession } from '../helpers/demo.ts';
import { signProjectToken } from '../../src/auth/tokens.ts';
import { routeInventory } from '../../src/http/openapi.ts';
import { changedTables, fingerprint } from '../stress/lib/snapshot.ts';

let t: TestApp;
let s: DemoSession;
let projectId: number;
let token: string;
const code = (r: { errors?: { extensions?: Record<string, unknown> }[] }) => r.errors?.[0]?.extensions?.code ?? 'OK';

beforeAll(async () => {
  t = await startTestApp({ TASK_STAMP_TTL: '120' });
  s = await seedAndSignIn(t);
  const created = await t.gql<{ createProject: { id: number; secretKey: string } }>(
    'mutation { createProject(input: { name: "Stamps", shortName: "stamps", description: "Stamp tests" }) { id secretKey } }',
    {},
    s.as('alice'),
  );
  projectId = created.data!.createProject.id;
  token = signProjectToken(created.data!.createProject.secretKey, { short_name: 'stamps', project_id: projectId });
  for (let i = 1; i <= 3; i++) await t.gql(`mutation { createTask(input: { projectId: ${projectId}, nAnswers: 2, info: { n: ${i} } }) { id } }`, {}, s.as('alice'));
  // Drafts serve their owners only: publish, so volunteers and external users are served.
  await t.gql(`mutation { publishProject(id: ${projectId}) { id } }`, {}, s.as('alice'));
});
afterAll(async () => t?.close());

const db = () => t.database.db;
const stampCount = async (where = sql`true`) => (await sql<{ n: number }>`SELECT count(*)::int AS n FROM task_stamps WHERE ${where}`.execute(db())).rows[0]!.n;
const newtask = (query: string, headers: Record<string, string> = {}, method: 'GET' | 'HEAD' = 'GET') =>
  t.app.inject({ method, url: `/api/project/${projectId}/newtask${query ? `?${query}` : ''}`, headers });
const external = (uid: string, extra = '') => newtask(`external_uid=${encodeURIComponent(uid)}${extra}`, { authorization: `Bearer ${token}` });

describe('stamps expire and are pruned', () => {
  it('a stamp lives TASK_STAMP_TTL seconds', async () => {
    expect((await newtask(`api_key=${s.apiKeys.bob}`)).statusCode).toBe(200);
    const { rows } = await sql<{ ttl: number }>`SELECT extract(epoch FROM expires_at - created)::int AS ttl FROM task_stamps WHERE identity = ${`user:${s.ids.bob}`}`.execute(db());
    expect(rows).toEqual([{ ttl: 120 }]);
  });

  it('an expired stamp no longer lets the task be answered', async () => {
    const task = (await newtask(`api_key=${s.apiKeys.carol}`)).json() as { id: number };
    await sql`UPDATE task_stamps SET created = now() - interval '10 minutes', expires_at = now() - interval '1 second' WHERE identity = ${`user:${s.ids.carol}`}`.execute(db());
    const r = await t.app.inject({ method: 'POST', url: `/api/taskrun?api_key=${s.apiKeys.carol}`, payload: { project_id: projectId, task_id: task.id, info: {} } });
    expect([r.statusCode, r.json().exception_msg]).toEqual([403, 'You must request a task first!']);
  });

  it('stamps do not pile up: expired ones are deleted as new ones are made', async () => {
    // 100 partner users with long (maximum length) uids, each served all three tasks.
    const uid = (i: number) => `${String(i).padStart(3, '0')}-${'u'.repeat(251)}`;
    for (let i = 0; i < 100; i++) expect((await external(uid(i), '&limit=100')).statusCode).toBe(200);
    expect(await stampCount(sql`identity LIKE 'ext:%'`)).toBe(300);
    // An hour later they have all expired: the next stamping call clears them away.
    await sql`UPDATE task_stamps SET expires_at = now() - interval '1 second'`.execute(db());
    expect((await external('late-comer', '&limit=100')).statusCode).toBe(200);
    expect(await stampCount(sql`expires_at <= now()`)).toBe(0);
    expect(await stampCount()).toBe(3);
  });

  it('concurrent newtask calls prune without waiting on each other or failing', async () => {
    await sql`INSERT INTO task_stamps (identity, task_id, created, expires_at)
      SELECT 'ext:old-' || g, t.id, now() - interval '2 hours', now() - interval '1 hour'
      FROM generate_series(1, 400) g CROSS JOIN (SELECT id FROM tasks WHERE project_id = ${projectId}) t`.execute(db());
    const answers = await Promise.all(Array.from({ length: 30 }, (_, i) => external(`crowd-${i}`)));
    expect(answers.map((r) => r.statusCode)).toEqual(Array(30).fill(200));
    expect(await stampCount(sql`expires_at <= now()`)).toBe(0);
    expect(await stampCount(sql`identity LIKE 'ext:crowd-%'`)).toBe(30);
  });
});

describe('external_uid has a maximum length (255 characters)', () => {
  const long = 'x'.repeat(4000);
  const bearer = () => ({ authorization: `Bearer ${token}` });

  it('255 characters work; more answer BAD_USER_INPUT in GraphQL, on every path that takes one', async () => {
    const ok = await t.gql(`query($u: String) { newTasks(projectId: ${projectId}, externalUid: $u) { id } }`, { u: 'y'.repeat(255) }, bearer());
    expect(code(ok)).toBe('OK');
    const task = (await t.database.db.selectFrom('tasks').select('id').where('project_id', '=', projectId).executeTakeFirstOrThrow()).id;
    const paths = [
      [`query($u: String) { newTasks(projectId: ${projectId}, externalUid: $u) { id } }`, {}],
      [`query($u: String) { newTask(projectId: ${projectId}, externalUid: $u) { id } }`, {}],
      [`mutation($u: String) { submitTaskRun(input: { projectId: ${projectId}, taskId: ${task}, externalUid: $u, info: {} }) { id } }`, {}],
      [`query($u: String) { userProgress(projectId: ${projectId}, externalUid: $u) { done } }`, {}],
      [`query($u: String) { tasks(participated: true, externalUid: $u, all: true) { id } }`, {}],
    ] as const;
    for (const uid of ['z'.repeat(256), long]) {
      for (const [query] of paths) {
        const r = await t.gql(query, { u: uid }, bearer());
        expect(code(r), `${query} (${uid.length})`).toBe('BAD_USER_INPUT');
        expect(r.errors![0]!.extensions!.fields, query).toEqual([{ field: 'externalUid', message: expect.stringContaining('255') }]);
      }
    }
  });

  it('PYBOSSA answers its error object (415), never a 500, and stores nothing', async () => {
    const before = await fingerprint(db());
    const shaped = (status: number) => ({ status: 'failed', status_code: status, exception_cls: expect.any(String), exception_msg: expect.stringContaining('255'), action: expect.any(String), target: expect.any(String) });
    const r1 = await external(long);
    expect([r1.statusCode, r1.json()]).toEqual([415, shaped(415)]);
    const task = (await t.database.db.selectFrom('tasks').select('id').where('project_id', '=', projectId).executeTakeFirstOrThrow()).id;
    const r2 = await t.app.inject({
      method: 'POST',
      url: `/api/taskrun?external_uid=${long}`,
      headers: { ...bearer(), 'content-type': 'application/json' },
      payload: JSON.stringify({ project_id: projectId, task_id: task, info: {}, external_uid: long }),
    });
    expect([r2.statusCode, r2.json()]).toEqual([415, shaped(415)]);
    const r3 = await t.app.inject({ method: 'GET', url: `/api/project/${projectId}/userprogress?external_uid=${long}` });
    expect([r3.statusCode, r3.json()]).toEqual([415, shaped(415)]);
    const r4 = await t.app.inject({ method: 'GET', url: `/api/task?participated=1&external_uid=${long}` });
    expect([r4.statusCode, r4.json()]).toEqual([415, shaped(415)]);
    expect(changedTables(before, await fingerprint(db()))).toEqual([]);
  });
});

describe('HEAD changes nothing', () => {
  it('HEAD newtask answers as GET would, without stamping', async () => {
    const before = await fingerprint(db());
    const anonymous = await newtask('', {}, 'HEAD');
    expect([anonymous.statusCode, anonymous.headers['content-type']]).toEqual([200, expect.stringMatching(/^application\/json/)]);
    expect((await newtask(`api_key=${s.apiKeys.admin}&limit=3`, {}, 'HEAD')).statusCode).toBe(200);
    expect((await t.app.inject({ method: 'HEAD', url: `/api/${projectId}/newtask?api_key=${s.apiKeys.admin}` })).statusCode).toBe(200);
    expect((await newtask('external_uid=head-user', { authorization: `Bearer ${token}` }, 'HEAD')).statusCode).toBe(200);
    expect((await newtask('external_uid=head-user', {}, 'HEAD')).statusCode).toBe(401);
    expect((await t.app.inject({ method: 'HEAD', url: '/api/project/999999/newtask' })).statusCode).toBe(404);
    expect(changedTables(before, await fingerprint(db()))).toEqual([]);
    // GET does stamp (the comparison above can see a stamp).
    await newtask(`api_key=${s.apiKeys.admin}`);
    expect(changedTables(before, await fingerprint(db()))).toEqual([expect.stringMatching(/^task_stamps /)]);
  });

  it('no route answering HEAD writes anything, anonymous or signed in', async () => {
    const jsend = await t.app.inject({ method: 'POST', url: '/api/token', payload: { user_id: 'alice', password: 'alice-password' } });
    const jsendToken = jsend.json().data.token as string;
    const session = s.as('alice').authorization!;
    const secret = (await t.database.db.selectFrom('projects').select('secret_key').where('id', '=', projectId).executeTakeFirstOrThrow()).secret_key;
    const params: Record<string, string> = { id: String(projectId), project: String(projectId), short_name: 'stamps', name: 'european_calendar_2026.json', feed: 'GBR.ics', '*': '' };
    const heads = [...new Set(routeInventory(t.app).filter((r) => r.method === 'HEAD').map((r) => r.url))];
    expect(heads.length).toBeGreaterThan(15);
    const before = await fingerprint(db());
    const seen: string[] = [];
    for (const route of heads) {
      const path = route.replace(/:(\w+)/g, (_, name: string) => params[name] ?? '1').replace('*', '');
      for (const headers of [{}, { authorization: jsendToken }, { authorization: session }, { authorization: secret }, { authorization: `Bearer ${token}` }]) {
        for (const query of ['', `?api_key=${s.apiKeys.alice}`, `?api_key=${s.apiKeys.alice}&external_uid=h&limit=5`]) {
          const r = await t.app.inject({ method: 'HEAD', url: path + query, headers });
          // (The web console answers 503 while it is not built: not a gateway error.)
          if (path.startsWith('/api')) expect(r.statusCode, `HEAD ${path}${query}`).toBeLessThan(500);
          seen.push(path);
        }
      }
    }
    expect(seen).toContain(`/api/project/${projectId}/newtask`);
    expect(changedTables(before, await fingerprint(db()))).toEqual([]);
  });
});
