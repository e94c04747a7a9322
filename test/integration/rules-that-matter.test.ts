// Rules that users notice when they break, each stated with its boundary and negative cases. A spot
// check that changed each of these rules in a copy of the code found that no test noticed: co-owners
// dropped from "my projects", PYBOSSA's owner context skipped with project_id lists, an override token
// accepted for another date, a deactivated user's session accepted, JSend's no-store header removed,
// and a project's webhook shown to everyone.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../helpers/app.ts';
import { seedAndSignIn, type DemoSession } from '../helpers/demo.ts';
import { bearer, competition, postJson, year } from './opentrack-helpers.ts';

let t: TestApp;
let demo: DemoSession;
/** The demo projects, all owned by alice. */
let galaxyZoo: number;
let oldWeather: number;

beforeAll(async () => {
  t = await startTestApp();
  demo = await seedAndSignIn(t);
  const r = await t.gql<{ projects: { id: number; shortName: string }[] }>('{ projects(all: true) { id shortName } }');
  const byName = Object.fromEntries(r.data!.projects.map((p) => [p.shortName, p.id]));
  galaxyZoo = byName.galaxyzoo!;
  oldWeather = byName.oldweather!;
});
afterAll(async () => t?.close());

const ids = (rows: { id: number }[] | undefined) => (rows ?? []).map((row) => row.id).sort((a, b) => a - b);

describe('"my projects" counts co-owners as owners', () => {
  beforeAll(async () => {
    const r = await t.gql(
      'mutation($id: Int!, $owners: [Int!]) { updateProject(id: $id, input: { ownersIds: $owners }) { id } }',
      { id: oldWeather, owners: [demo.ids.bob!] },
      demo.as('alice'),
    );
    expect(r.errors).toBeUndefined();
  });

  it.each([
    ['alice, the owner', 'alice', () => [galaxyZoo, oldWeather]],
    ['bob, co-owner of one', 'bob', () => [oldWeather]],
    ['carol, owner of none', 'carol', () => []],
  ])('GraphQL projects for %s', async (_label, who, expected) => {
    const r = await t.gql<{ projects: { id: number }[] }>('{ projects { id } }', {}, demo.as(who));
    expect(ids(r.data?.projects).filter((id) => id === galaxyZoo || id === oldWeather)).toEqual(expected());
  });

  it.each([
    ['bob, co-owner of one', 'bob', () => [oldWeather]],
    ['carol, owner of none', 'carol', () => []],
  ])('PYBOSSA /api/project for %s', async (_label, who, expected) => {
    const r = await t.app.inject({ url: `/api/project?api_key=${demo.apiKeys[who]}` });
    expect(r.statusCode).toBe(200);
    expect(ids(r.json()).filter((id: number) => id === galaxyZoo || id === oldWeather)).toEqual(expected());
  });

  it('a co-owner updates the project, a non-owner may not', async () => {
    const mutation = 'mutation($id: Int!) { updateProject(id: $id, input: { description: "Edited by a co-owner" }) { description } }';
    expect((await t.gql(mutation, { id: oldWeather }, demo.as('bob'))).data).toEqual({ updateProject: { description: 'Edited by a co-owner' } });
    expect((await t.gql(mutation, { id: galaxyZoo }, demo.as('bob'))).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });
});

describe("PYBOSSA's owner context holds with project_id lists", () => {
  // Signed in without all=1, PYBOSSA lists only the objects of the caller's own projects; a
  // project_id filter narrows that set, it never widens it.
  const taskProjects = async (query: string) => {
    const r = await t.app.inject({ url: `/api/task?${query}&limit=100` });
    expect(r.statusCode).toBe(200);
    return [...new Set((r.json() as { project_id: number }[]).map((task) => task.project_id))].sort((a, b) => a - b);
  };

  it.each([
    ['one id', () => `project_id=${galaxyZoo}`],
    ['a list', () => `project_id=[${galaxyZoo},${oldWeather}]`],
    ['a comma list', () => `project_id=${galaxyZoo},${oldWeather}`],
  ])('carol (owns nothing) sees no tasks by %s', async (_label, filter) => {
    expect(await taskProjects(`${filter()}&api_key=${demo.apiKeys.carol}`)).toEqual([]);
  });

  it('the owner sees the tasks of the projects listed, and only those', async () => {
    expect(await taskProjects(`project_id=[${galaxyZoo}]&api_key=${demo.apiKeys.alice}`)).toEqual([galaxyZoo]);
  });

  it('all=1 lifts the owner context; anonymous callers have none', async () => {
    expect(await taskProjects(`project_id=[${galaxyZoo},${oldWeather}]&all=1&api_key=${demo.apiKeys.carol}`)).toEqual(
      [galaxyZoo, oldWeather].sort((a, b) => a - b),
    );
    expect(await taskProjects(`project_id=${galaxyZoo}`)).toEqual([galaxyZoo]);
  });
});

describe('an override token is bound to the name and the date it was issued for', () => {
  const first = `${year + 2}-03-14`;
  const second = `${year + 2}-03-21`;
  let carol: Record<string, string>;
  const create = (body: Record<string, unknown>) => postJson(t, '/api/v1/competitions/', body, carol);

  beforeAll(async () => {
    carol = await bearer(t, 'carol');
    for (const [date, slug] of [[first, 'spring-relays-a'], [second, 'spring-relays-b']] as const) {
      expect((await create(competition({ full_name: 'Spring Relays', slug, date, finish_date: date }))).statusCode).toBe(201);
    }
  });

  const tokenFor = async (date: string) => {
    const r = await create(competition({ full_name: 'Spring Relays', slug: `probe-${date}`, date, finish_date: date }));
    expect(r.statusCode).toBe(409);
    return r.json().detail.override_token as string;
  };

  it('is refused for the same name on another date', async () => {
    const token = await tokenFor(first);
    const r = await create(competition({ full_name: 'Spring Relays', slug: 'spring-relays-c', date: second, finish_date: second, override_token: token }));
    expect(r.statusCode).toBe(409);
  });

  it('is refused for another name on the same date', async () => {
    const token = await tokenFor(first);
    expect((await create(competition({ full_name: 'Autumn Relays', slug: 'autumn-relays', date: first, finish_date: first }))).statusCode).toBe(201);
    const r = await create(competition({ full_name: 'Autumn Relays', slug: 'autumn-relays-b', date: first, finish_date: first, override_token: token }));
    expect(r.statusCode).toBe(409);
  });

  it('creates the duplicate for its own name and date', async () => {
    const token = await tokenFor(second);
    const r = await create(competition({ full_name: ' spring RELAYS ', slug: 'spring-relays-d', date: second, finish_date: second, override_token: token }));
    expect(r.statusCode).toBe(201);
  });
});

describe('a deactivated user is signed out everywhere at once', () => {
  it('their GraphQL session stops working, and works again when reactivated', async () => {
    const dave = await t.gql<{ createUser: { id: number } }>(
      'mutation { createUser(input: { name: "dave", email: "dave@example.com", password: "dave-password", fullname: "Dave" }) { id } }',
    );
    const daveId = dave.data!.createUser.id;
    const login = await t.gql<{ login: { token: string } }>('mutation { login(nameOrEmail: "dave", password: "dave-password") { token } }');
    const session = { authorization: `Bearer ${login.data!.login.token}` };
    const me = async () => (await t.gql<{ me: { name: string } | null }>('{ me { name } }', {}, session));
    expect((await me()).data?.me?.name).toBe('dave');

    const setActive = (active: boolean) =>
      t.gql('mutation($id: Int!, $active: Boolean!) { updateUser(id: $id, input: { active: $active }) { id } }', { id: daveId, active }, demo.as('admin'));
    expect((await setActive(false)).errors).toBeUndefined();
    const refused = await me();
    expect(refused.data?.me ?? null).toBeNull();

    expect((await setActive(true)).errors).toBeUndefined();
    const signIn = await t.gql<{ login: { token: string } }>('mutation { login(nameOrEmail: "dave", password: "dave-password") { token } }');
    expect(signIn.data?.login.token).toBeTruthy();
  });
});

describe("JSend answers carry Submitty's safety headers", () => {
  it.each([
    ['a success', { method: 'POST' as const, url: '/api/token', payload: { user_id: 'alice', password: 'alice-password' } }],
    ['a fail', { method: 'POST' as const, url: '/api/token', payload: { user_id: 'alice', password: 'wrong-password' } }],
    ['an unauthenticated check', { method: 'GET' as const, url: '/api/token' }],
  ])('%s is never cached and never sniffed', async (_label, request) => {
    const r = await t.app.inject(request);
    expect(r.statusCode).toBe(200);
    expect(r.headers['cache-control']).toContain('no-store');
    expect(r.headers['pragma']).toBe('no-cache');
    expect(r.headers['x-content-type-options']).toBe('nosniff');
    expect(r.headers['content-type']).toMatch(/^application\/json/);
  });
});

describe("a project's webhook is its owners' to read", () => {
  const hook = 'https://hooks.example.org/galaxy';
  beforeAll(async () => {
    const r = await t.gql('mutation($id: Int!, $w: String) { updateProject(id: $id, input: { webhook: $w }) { id } }', { id: galaxyZoo, w: hook }, demo.as('alice'));
    expect(r.errors).toBeUndefined();
  });

  it.each([
    ['the owner', 'alice', hook],
    ['an administrator', 'admin', hook],
    ['another user', 'bob', null],
    ['an anonymous caller', undefined, null],
  ])('GraphQL: %s', async (_label, who, expected) => {
    const r = await t.gql<{ project: { webhook: string | null } }>('query($id: Int!) { project(id: $id) { webhook } }', { id: galaxyZoo }, who ? demo.as(who) : {});
    expect(r.data?.project.webhook ?? null).toBe(expected);
  });

  it.each([
    ['the owner', 'alice', hook],
    ['another user', 'carol', null],
    ['an anonymous caller', undefined, null],
  ])('PYBOSSA /api/project/<id>: %s', async (_label, who, expected) => {
    const r = await t.app.inject({ url: `/api/project/${galaxyZoo}${who ? `?api_key=${demo.apiKeys[who]}` : ''}` });
    expect(r.statusCode).toBe(200);
    expect(r.json().webhook ?? null).toBe(expected);
  });
});
