// OWASP API3 broken object property level authorization: excessive data exposure (private fields
// never leave through any dialect or GraphQL, nested related objects and error messages included)
// and mass assignment (read-only and privileged fields are refused or ignored, never applied).
import 'reflect-metadata';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../helpers/app.ts';
import { seedAndSignIn, type DemoSession } from '../helpers/demo.ts';
import { bearer } from './opentrack-helpers.ts';

let t: TestApp;
let demo: DemoSession;
/** Values that only their owner (or an administrator) may ever see. */
let secrets: string[];

beforeAll(async () => {
  t = await startTestApp();
  demo = await seedAndSignIn(t);
  await t.gql('mutation { generateApiKeys(usernames: ["alice", "carol"]) { name } }', {}, demo.as('admin'));
  await t.gql('mutation { setApiSecret(secret: "alice-race-secret") { oneTime } }', {}, demo.as('alice'));
  const rows = await t.database.db.selectFrom('users').select(['email_addr', 'api_key', 'passwd_hash', 'token_key', 'race_api_key', 'api_secret_hash']).where('name', 'in', ['alice', 'carol']).execute();
  const projects = await t.database.db.selectFrom('projects').select('secret_key').execute();
  secrets = [...rows.flatMap((r) => [r.email_addr, r.api_key, r.passwd_hash, r.token_key, r.race_api_key, r.api_secret_hash]), ...projects.map((p) => p.secret_key)].filter(
    (v): v is string => typeof v === 'string' && v.length > 0,
  );
  // Hashes are long: any tell-tale piece of one is a leak too.
  secrets.push(...secrets.filter((s) => s.startsWith('scrypt$')).map((s) => s.split('$')[5]!));
});
afterAll(async () => t?.close());

function leaks(body: string): string[] {
  return secrets.filter((secret) => body.includes(secret));
}

describe('API3 excessive data exposure', () => {
  it("bob sees none of alice's or carol's private values, through any route, nested objects and errors included", async () => {
    const bob = demo.as('bob');
    const key = demo.apiKeys.bob;
    const v1 = await bearer(t, 'bob');
    const bodies: string[] = [];
    const get = async (url: string, headers: Record<string, string> = {}) => bodies.push((await t.app.inject({ url, headers })).body);
    for (const object of ['project', 'category', 'task', 'taskrun', 'result', 'user']) {
      await get(`/api/${object}?all=1&limit=100&api_key=${key}`);
      await get(`/api/${object}?all=1&limit=100&related=True&api_key=${key}`);
      await get(`/api/${object}/1?related=True&api_key=${key}`);
      await get(`/api/${object}?all=1&limit=100`);
    }
    await get(`/api/project/1/userprogress?api_key=${key}`);
    await get('/api/globalstats');
    await get(`/api/project/1/newtask?api_key=${key}`);
    await get('/api/v1/competitions?limit=1000', v1);
    const jsend = (await t.app.inject({ method: 'POST', url: '/api/token', payload: { user_id: 'bob', password: 'bob-password' } })).json().data.token;
    const drf = (await t.app.inject({ method: 'POST', url: '/api/get-auth-token/', payload: { username: 'bob', password: 'bob-password' } })).json().token;
    await get('/api/me', { authorization: jsend });
    await get('/api/hello/', { authorization: `Token ${drf}` });
    await get('/api');
    const graphql = await t.gql(
      `{ users(limit: 100) { id name fullname emailAddr apiKey raceApiKey info apiSecret { oneTime } }
         projects(all: true, limit: 10) { secretKey webhook owner { emailAddr apiKey } tasks(limit: 20) { taskRuns(limit: 10) { userIp user { emailAddr apiKey raceApiKey } } result { taskRuns { user { emailAddr } } } } }
         taskRuns(all: true, limit: 100) { userIp user { emailAddr apiKey } }
         competitions(limit: 100) { id } }`,
      {},
      bob,
    );
    expect(graphql.errors, JSON.stringify(graphql.errors)).toBeUndefined();
    bodies.push(JSON.stringify(graphql));
    // Errors that name other users' objects must not carry their private values either.
    bodies.push((await t.app.inject({ method: 'PUT', url: `/api/user/${demo.ids.alice}?api_key=${key}`, payload: { email_addr: 'x@example.com' } })).body);
    bodies.push(JSON.stringify(await t.gql('mutation { createUser(input: { name: "alice", email: "alice@example.com", password: "whatever-1" }) { id } }')));
    bodies.push(JSON.stringify(await t.gql('mutation { login(nameOrEmail: "alice", password: "wrong-password") { token } }')));
    bodies.push((await t.app.inject({ method: 'POST', url: '/api/token', payload: { user_id: 'alice', password: 'wrong' } })).body);
    bodies.push((await t.app.inject({ method: 'POST', url: '/api/upload', headers: { 'content-type': 'application/x-www-form-urlencoded' }, payload: 'user=alice&key=WRONGKEY00000000&secret=x' })).body);
    const found = bodies.flatMap((body) => leaks(body));
    expect(found.map((f) => f.slice(0, 12))).toEqual([]);
    expect(bodies.length).toBeGreaterThan(30);
  });

  it('anonymous PYBOSSA clients see users by name and locale only, and no task-run addresses', async () => {
    const users = (await t.app.inject({ url: '/api/user?limit=100' })).json() as Record<string, unknown>[];
    for (const user of users) expect(Object.keys(user).sort()).toEqual(['locale', 'name']);
    const runs = (await t.app.inject({ url: '/api/taskrun?all=1&limit=100' })).json() as Record<string, unknown>[];
    for (const run of runs) expect(run.user_ip ?? null).toBeNull();
  });
});

describe('API3 mass assignment', () => {
  it('PYBOSSA refuses read-only fields (id, created, secret_key, published) and ignores the owner sent', async () => {
    const key = demo.apiKeys.bob;
    const post = (payload: object) => t.app.inject({ method: 'POST', url: `/api/project?api_key=${key}`, payload });
    for (const field of [{ id: 999 }, { created: '2000-01-01' }, { secret_key: 'mine' }, { contacted: true }]) {
      const r = await post({ name: 'Mass', short_name: 'mass', description: 'x', ...field });
      expect(r.statusCode, JSON.stringify(field)).toBe(400);
      expect(r.json()).toMatchObject({ status: 'failed', exception_msg: 'Reserved keys in payload' });
    }
    expect((await post({ name: 'Mass', short_name: 'mass', description: 'x', published: true })).statusCode).toBe(403);
    const created = await post({ name: 'Mass', short_name: 'mass', description: 'x', owner_id: demo.ids.alice });
    expect(created.statusCode).toBe(200);
    expect(created.json().owner_id).toBe(demo.ids.bob);
  });

  it('a task run cannot be filed under someone else, and a user cannot make themselves administrator', async () => {
    const key = demo.apiKeys.bob;
    const task = (await t.app.inject({ url: `/api/project/2/newtask?api_key=${key}` })).json();
    const run = await t.app.inject({ method: 'POST', url: `/api/taskrun?api_key=${key}`, payload: { project_id: 2, task_id: task.id, user_id: demo.ids.alice, user_ip: '1.2.3.4', info: {} } });
    expect(run.statusCode, run.body).toBe(200);
    expect(run.json()).toMatchObject({ user_id: demo.ids.bob, user_ip: null });

    const pybossa = await t.app.inject({ method: 'PUT', url: `/api/user/${demo.ids.bob}?api_key=${key}`, payload: { admin: true } });
    expect(pybossa.statusCode).toBeGreaterThanOrEqual(400);
    const graphql = await t.gql('mutation($id: Int!) { updateUser(id: $id, input: { admin: true }) { admin } }', { id: demo.ids.bob }, demo.as('bob'));
    expect(graphql.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    const row = await t.database.db.selectFrom('users').select('admin').where('id', '=', demo.ids.bob!).executeTakeFirstOrThrow();
    expect(row.admin).toBe(false);
    const registered = await t.gql('mutation { createUser(input: { name: "eve", email: "eve@example.com", password: "eve-password", admin: true }) { admin } }');
    expect(registered.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
  });
});
