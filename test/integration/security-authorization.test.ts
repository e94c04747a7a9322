// OWASP API1 (object level) and API5 (function level) authorization, through every dialect: a user
// cannot read or change another user's private objects by id, nor call administrators' functions,
// and a refused request changes nothing.
import 'reflect-metadata';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../helpers/app.ts';
import { seedAndSignIn, type DemoSession } from '../helpers/demo.ts';
import { bearer, competition, postJson } from './opentrack-helpers.ts';
import { fingerprint, changedTables } from '../stress/lib/snapshot.ts';

let t: TestApp;
let demo: DemoSession;
let aliceRun: number;
let carolCompetition: string;
let adminNorCompetition: string;

beforeAll(async () => {
  t = await startTestApp();
  demo = await seedAndSignIn(t);
  const run = await t.database.db.selectFrom('task_runs').select('id').where('user_id', '=', demo.ids.carol!).orderBy('id').executeTakeFirstOrThrow();
  aliceRun = run.id;
  const carol = await postJson(t, '/api/v1/competitions/', competition({ slug: 'sec-carol', full_name: 'Security Carol Meet' }), await bearer(t, 'carol'));
  carolCompetition = carol.json().id;
  const nor = await postJson(t, '/api/v1/competitions/', competition({ slug: 'sec-nor', full_name: 'Security Oslo Meet', country_id: 'NOR' }), await bearer(t, 'admin'));
  adminNorCompetition = nor.json().id;
});
afterAll(async () => t?.close());

const key = (name: string) => demo.apiKeys[name]!;

describe('API1 object level authorization', () => {
  it("PYBOSSA: bob cannot change or delete alice's project, tasks, or carol's task runs and profile by id", async () => {
    const before = await fingerprint(t.database.db);
    const refused = [
      await t.app.inject({ method: 'PUT', url: `/api/project/1?api_key=${key('bob')}`, payload: { name: 'Taken over' } }),
      await t.app.inject({ method: 'DELETE', url: `/api/project/1?api_key=${key('bob')}` }),
      await t.app.inject({ method: 'PUT', url: `/api/task/1?api_key=${key('bob')}`, payload: { info: { hacked: true } } }),
      await t.app.inject({ method: 'DELETE', url: `/api/task/1?api_key=${key('bob')}` }),
      await t.app.inject({ method: 'PUT', url: `/api/taskrun/${aliceRun}?api_key=${key('bob')}`, payload: { info: { answer: 'forged' } } }),
      await t.app.inject({ method: 'DELETE', url: `/api/taskrun/${aliceRun}?api_key=${key('bob')}` }),
      await t.app.inject({ method: 'PUT', url: `/api/user/${demo.ids.carol}?api_key=${key('bob')}`, payload: { fullname: 'Not Carol' } }),
      await t.app.inject({ method: 'PUT', url: `/api/result/1?api_key=${key('bob')}`, payload: { info: { forged: true } } }),
    ];
    for (const r of refused) {
      expect(r.statusCode, r.body).toBe(403);
      expect(r.json()).toMatchObject({ status: 'failed', status_code: 403, exception_cls: 'Forbidden' });
    }
    expect(changedTables(before, await fingerprint(t.database.db))).toEqual([]);
  });

  it("PYBOSSA: another user's private fields are not in the object read by id", async () => {
    const project = (await t.app.inject({ url: `/api/project/1?api_key=${key('bob')}` })).json();
    expect(project).not.toHaveProperty('secret_key');
    expect((await t.app.inject({ url: `/api/project/1?api_key=${key('alice')}` })).json()).toHaveProperty('secret_key');
    const alice = (await t.app.inject({ url: `/api/user/${demo.ids.alice}?api_key=${key('bob')}` })).json();
    expect(Object.keys(alice).sort()).toEqual(['locale', 'name']);
  });

  it("GraphQL: bob cannot change alice's project, carol's task run or profile, nor read their private fields by id", async () => {
    const before = await fingerprint(t.database.db);
    const bob = demo.as('bob');
    const attempts = [
      await t.gql('mutation { updateProject(id: 1, input: { name: "Taken over" }) { id } }', {}, bob),
      await t.gql('mutation { deleteProject(id: 1) }', {}, bob),
      await t.gql('mutation($id: Int!) { updateTaskRun(id: $id, input: { info: { answer: "forged" } }) { id } }', { id: aliceRun }, bob),
      await t.gql('mutation($id: Int!) { deleteTaskRun(id: $id) }', { id: aliceRun }, bob),
      await t.gql('mutation($id: Int!) { updateUser(id: $id, input: { fullname: "Not Carol" }) { id } }', { id: demo.ids.carol }, bob),
      await t.gql('mutation($id: Int!) { deleteUser(id: $id) }', { id: demo.ids.carol }, bob),
    ];
    for (const r of attempts) expect(r.errors?.[0]?.extensions?.code, JSON.stringify(r)).toBe('FORBIDDEN');
    const read = await t.gql('query($id: Int!) { user(id: $id) { emailAddr apiKey raceApiKey info } project(id: 1) { secretKey } }', { id: demo.ids.alice }, bob);
    expect(read.data).toEqual({ user: { emailAddr: null, apiKey: null, raceApiKey: null, info: null }, project: { secretKey: null } });
    expect(changedTables(before, await fingerprint(t.database.db))).toEqual([]);
  });

  it("OpenTrack: bob cannot change or delete carol's competition; carol cannot touch another country's", async () => {
    const before = await fingerprint(t.database.db);
    const bob = await bearer(t, 'bob');
    const carol = await bearer(t, 'carol');
    const refused = [
      await postJson(t, `/api/v1/competitions/${carolCompetition}`, { city: 'Elsewhere' }, bob),
      await t.app.inject({ method: 'DELETE', url: `/api/v1/competitions/${carolCompetition}`, headers: bob }),
      await postJson(t, `/api/v1/competitions/${adminNorCompetition}`, { city: 'Bergen' }, carol),
      await t.app.inject({ method: 'DELETE', url: `/api/v1/competitions/${adminNorCompetition}`, headers: carol }),
    ];
    for (const r of refused) {
      expect(r.statusCode, r.body).toBe(403);
      expect(typeof r.json().detail).toBe('string');
    }
    expect(changedTables(before, await fingerprint(t.database.db))).toEqual([]);
  });

  it("race server: alice's API key does not upload as bob", async () => {
    const admin = demo.as('admin');
    const keys = await t.gql<{ generateApiKeys: { name: string; raceApiKey: string }[] }>('mutation { generateApiKeys(usernames: ["alice", "bob"]) { name raceApiKey } }', {}, admin);
    const aliceKey = keys.data!.generateApiKeys.find((k) => k.name === 'alice')!.raceApiKey;
    await t.gql('mutation { setApiSecret(secret: "alice-secret-1") { oneTime } }', {}, demo.as('alice'));
    const before = await fingerprint(t.database.db);
    const r = await t.app.inject({
      method: 'POST',
      url: '/api/upload',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: new URLSearchParams({ user: 'bob', key: aliceKey, secret: 'alice-secret-1', buggy_json: '{"qty_wheels": 6}' }).toString(),
    });
    expect(r.statusCode).toBe(401);
    expect(r.body).toBe('{"error": "not authorised (wrong API key for this user)"}');
    expect(changedTables(before, await fingerprint(t.database.db))).toEqual([]);
  });
});

describe('API5 function level authorization', () => {
  it("a volunteer cannot call administrators' functions in GraphQL or PYBOSSA", async () => {
    const before = await fingerprint(t.database.db);
    const bob = demo.as('bob');
    const attempts = [
      await t.gql('mutation { generateApiKeys(usernames: ["bob"]) { name } }', {}, bob),
      await t.gql('mutation { clearApiKeys(usernames: ["alice"]) { name } }', {}, bob),
      await t.gql('mutation { updateSettings(input: { apiSecretTimeToLive: 99999 }) { overridden } }', {}, bob),
      await t.gql('mutation { setCountryAdmin(username: "bob", country: "GBR", member: true) { name } }', {}, bob),
      await t.gql('mutation { createCategory(input: { name: "Mine", shortName: "mine", description: "x" }) { id } }', {}, bob),
      await t.gql('mutation { exportCalendars { __typename } }', {}, bob),
    ];
    for (const r of attempts) expect(r.errors?.[0]?.extensions?.code, JSON.stringify(r)).toBe('FORBIDDEN');
    const pybossa = await t.app.inject({ method: 'POST', url: `/api/category?api_key=${key('bob')}`, payload: { name: 'Mine', short_name: 'mine', description: 'x' } });
    expect(pybossa.statusCode).toBe(403);
    expect(changedTables(before, await fingerprint(t.database.db))).toEqual([]);
  });

  it('anonymous callers are asked to sign in (401), signed-in ones refused (403)', async () => {
    const anonymous = await t.gql('mutation { generateApiKeys(usernames: ["bob"]) { name } }');
    expect(anonymous.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    expect((await t.app.inject({ method: 'DELETE', url: '/api/project/1' })).statusCode).toBe(401);
    expect((await t.app.inject({ method: 'DELETE', url: `/api/project/1?api_key=${key('bob')}` })).statusCode).toBe(403);
  });
});
