// Who may create and manage competitions: admins, ADMIN_<IOC> members for their country, the
// DIRECTOR of a competition; others 403, anonymous 401. Group membership through GraphQL.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../helpers/app.ts';
import { seedDemo } from '../../src/seed/demo.ts';
import { bearer, competition, createUser, postJson, year } from './opentrack-helpers.ts';

let t: TestApp;
const as: Record<string, Record<string, string>> = {};
const session: Record<string, Record<string, string>> = {};

beforeAll(async () => {
  t = await startTestApp();
  await seedDemo(t.database.db);
  await createUser(t, 'dana');
  for (const name of ['admin', 'carol', 'bob', 'dana']) as[name] = await bearer(t, name);
  // GraphQL takes session tokens (the v1 bearer is for the v1 routes).
  for (const name of ['admin', 'carol', 'bob', 'dana']) {
    const login = await t.gql<{ login: { token: string } }>('mutation($n: String!, $p: String!) { login(nameOrEmail: $n, password: $p) { token } }', { n: name, p: `${name}-password` });
    session[name] = { authorization: `Bearer ${login.data!.login.token}` };
  }
});
afterAll(async () => t?.close());

const create = (who: string, body: Record<string, unknown>) => postJson(t, '/api/v1/competitions/', body, as[who]);
const update = (who: string, id: string, body: Record<string, unknown>) => postJson(t, `/api/v1/competitions/${id}`, body, as[who]);
const remove = (who: string, id: string) => t.app.inject({ method: 'DELETE', url: `/api/v1/competitions/${id}`, headers: as[who] });
const setCountryAdmin = (who: string, username: string, country: string, member: boolean) =>
  t.gql<{ setCountryAdmin: { name: string; countryAdminOf: string[] } }>(
    'mutation($u: String!, $c: String!, $m: Boolean!) { setCountryAdmin(username: $u, country: $c, member: $m) { name countryAdminOf } }',
    { u: username, c: country, m: member },
    session[who],
  );

describe('country admins (ADMIN_<IOC>)', () => {
  it('lets carol (ADMIN_GBR) create in GBR and makes her the DIRECTOR', async () => {
    const r = await create('carol', competition({ slug: 'carol-gbr', full_name: 'Carol GBR Meet' }));
    expect(r.statusCode).toBe(201);
    const mine = await t.gql<{ competition: { viewerRole: string; viewerCanManage: boolean } }>(
      'query($id: ID!) { competition(id: $id) { viewerRole viewerCanManage } }',
      { id: r.json().id },
      session.carol,
    );
    expect(mine.data?.competition).toEqual({ viewerRole: 'DIRECTOR', viewerCanManage: true });
  });

  it('refuses carol in another country with 403 naming the group to ask for', async () => {
    const r = await create('carol', competition({ slug: 'carol-fra', country_id: 'FRA' }));
    expect(r.statusCode).toBe(403);
    expect(r.json()).toEqual({ detail: 'You may not create competitions in FRA: ask an administrator to add you to the group ADMIN_FRA.' });
  });

  it('lets carol manage GBR competitions she did not create, but not other countries', async () => {
    const list = (await t.app.inject({ method: 'GET', url: '/api/v1/competitions/?limit=100', headers: as.carol })).json() as { id: string; country_id: string; slug: string }[];
    const london = list.find((c) => c.slug.startsWith('london-indoor-open'))!;
    const adminMade = (await create('admin', competition({ slug: 'admin-gbr', full_name: 'Admin GBR Meet' }))).json();
    expect((await update('carol', adminMade.id, { city: 'Glasgow' })).statusCode).toBe(200);
    expect((await update('carol', london.id, { city: 'London' })).statusCode).toBe(200);
    const paris = list.find((c) => c.country_id === 'FRA')!;
    const refused = await update('carol', paris.id, { city: 'Lyon' });
    expect(refused.statusCode).toBe(403);
    expect(refused.json().detail).toContain('ADMIN_FRA');
    expect((await remove('carol', paris.id)).statusCode).toBe(403);
  });

  it('refuses moving a competition to a country the user does not administer', async () => {
    const own = (await create('carol', competition({ slug: 'carol-moves', full_name: 'Carol Moves' }))).json();
    const r = await update('carol', own.id, { country_id: 'ITA' });
    expect(r.statusCode).toBe(403);
    expect(r.json().detail).toContain('ADMIN_ITA');
  });
});

describe('users without rights', () => {
  it('answers 403 to a signed-in user with no group, for create, update and delete', async () => {
    const r = await create('bob', competition({ slug: 'bob-meet' }));
    expect(r.statusCode).toBe(403);
    const target = (await create('admin', competition({ slug: 'bob-target', full_name: 'Bob Target' }))).json();
    expect((await update('bob', target.id, { city: 'X' })).statusCode).toBe(403);
    expect((await remove('bob', target.id)).statusCode).toBe(403);
  });

  it('answers 401 to anonymous callers', async () => {
    const target = (await create('admin', competition({ slug: 'anon-target', full_name: 'Anon Target' }))).json();
    const r = await postJson(t, `/api/v1/competitions/${target.id}`, { city: 'X' });
    expect(r.statusCode).toBe(401);
    expect(r.headers['www-authenticate']).toBe('Bearer');
    expect((await t.app.inject({ method: 'DELETE', url: `/api/v1/competitions/${target.id}` })).statusCode).toBe(401);
  });
});

describe('directors', () => {
  it('keep managing their competitions after leaving the country group; the group is managed by admins through GraphQL', async () => {
    const granted = await setCountryAdmin('admin', 'dana', 'nor', true);
    expect(granted.data?.setCountryAdmin).toEqual({ name: 'dana', countryAdminOf: ['NOR'] });
    const made = await create('dana', competition({ slug: 'dana-nor', full_name: 'Dana Meet', country_id: 'NOR' }));
    expect(made.statusCode).toBe(201);
    const other = (await create('admin', competition({ slug: 'not-danas', full_name: 'Not Danas', country_id: 'NOR' }))).json();

    const revoked = await setCountryAdmin('admin', 'dana@example.com', 'NOR', false);
    expect(revoked.data?.setCountryAdmin.countryAdminOf).toEqual([]);
    // As DIRECTOR she still manages her own competition...
    expect((await update('dana', made.json().id, { city: 'Tromsø' })).json().city).toBe('Tromsø');
    // ...but no longer other NOR competitions, nor creates new ones.
    expect((await update('dana', other.id, { city: 'X' })).statusCode).toBe(403);
    expect((await create('dana', competition({ slug: 'dana-nor-2', country_id: 'NOR' }))).statusCode).toBe(403);
    expect((await remove('dana', made.json().id)).statusCode).toBe(200);
  });

  it('lets only admins change group membership, and checks the country code', async () => {
    const byCarol = await setCountryAdmin('carol', 'bob', 'GBR', true);
    expect(byCarol.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const anonymous = await t.gql('mutation { setCountryAdmin(username: "bob", country: "GBR", member: true) { name } }');
    expect(anonymous.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    const badCountry = await setCountryAdmin('admin', 'bob', 'Great Britain', true);
    expect(badCountry.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    const nobody = await setCountryAdmin('admin', 'nobody-here', 'GBR', true);
    expect(nobody.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    const others = await t.gql<{ user: { countryAdminOf: string[] | null } }>('query($id: Int!) { user(id: $id) { countryAdminOf } }', { id: 4 }, session.bob);
    expect(others.data?.user.countryAdminOf).toBeNull();
  });

  it('admins manage every country', async () => {
    const r = await create('admin', competition({ slug: 'admin-ken', full_name: 'Admin Kenya', country_id: 'KEN', date: `${year + 1}-01-10`, finish_date: `${year + 1}-01-10` }));
    expect(r.statusCode).toBe(201);
    expect((await update('admin', r.json().id, { city: 'Eldoret' })).statusCode).toBe(200);
  });
});
