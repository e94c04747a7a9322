// Replays the example scripts of OpenTrack's public API documentation (its v1 walk-through, then its
// competition examples; docs/dialects/opentrack.md) with the same calls, payloads and order, and checks
// that each call gets the answer the documentation shows. The records below are copied from it.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../helpers/app.ts';
import { seedDemo } from '../../src/seed/demo.ts';
import { hashPassword } from '../../src/auth/passwords.ts';
import { bearer } from './opentrack-helpers.ts';

// The account the scripts sign in with (003: username api-test@mailinator.com, password apitest),
// named so that the hello API greets it as the seed shows.
const USERNAME = 'api-test@mailinator.com';
const PASSWORD = 'apitest';

const maaa = {
  full_name: '2020 MAAA Championships Young Athletes / Challenge 2 Senior',
  short_name: 'MAAA Champ Young - Chall  2 Sen',
  slug: 'championships-young-20-chal-2',
  name_local: '',
  country_id: 'MLT',
  address: '',
  city: '',
  venue_id: 'ebd3ec4b-4782-41ca-9895-3c298971c711',
  latitude: null,
  longitude: null,
  altitude: null,
  date: '2020-08-01',
  finish_date: '2020-08-02',
  wa_rankings_category_id: 15,
  age_groups: ['U12,U14,U16,U18,U20,U23,SEN'],
  national_id: '',
  basic_description: '',
  contact_details: '',
  organiser_id: '19c65443-9b0f-444d-b874-1e74d97310fb',
  website: null,
  entry_link: null,
  results_link: null,
  override_token: null,
  id: '0279cc68-ccff-4ca3-bd1d-0da86fa05cc0',
  year: 2020,
  events: null,
};

const comp = {
  full_name: 'EAP - Malta International Meet',
  short_name: '',
  slug: 'malta-inter-meet',
  name_local: '',
  country_id: 'MLT',
  address: 'Marsa Sports Complex MRS 9065 Aldo Moro Road, Marsa, Malta 12. Matthew Micallef St John Stadium Mars',
  city: '',
  venue_id: null,
  latitude: null,
  longitude: null,
  altitude: null,
  date: '2021-05-08',
  finish_date: '2021-05-08',
  wa_rankings_category_id: 10,
  age_groups: null,
  national_id: '',
  basic_description: '',
  contact_details: 'malta@eap-circuit.org',
  organiser_id: '19c65443-9b0f-444d-b874-1e74d97310fb',
  website: null,
  entry_link: null,
  results_link: null,
  override_token: null,
  id: 'ef59d4b4-4d16-49ae-b824-7a23e8a0027d',
  year: 2021,
  events: [],
};

const trondMohnGames = {
  full_name: 'Trond Mohn Games',
  short_name: 'TMG',
  slug: 'trond-mohn-games',
  name_local: 'Trond Mohn Games',
  country_id: 'NOR',
  address: 'Grimseidvegen 60, 5239 Rådal, Norge',
  city: 'Bergen',
  venue_id: 'c3c87364-0ab4-44b5-a518-b143f574c086',
  latitude: 60.2905,
  longitude: 5.3178,
  altitude: 60,
  date: '2021-05-29',
  finish_date: '2021-05-29',
  wa_rankings_category_id: null,
  age_groups: ['Men, women'],
  national_id: 'NOR',
  basic_description: '',
  contact_details: 'Dag Rydland drydland@broadpark.no',
  organiser_id: 'e893fa86-8c2e-4f99-a9f1-b6fcfb0a787c',
  website: 'https://www.trondmohngames.no',
  entry_link: 'http://www.trondmohngames.no',
  results_link: 'http://en.trondmohngames.no/live-results/',
};

// my-competitions items of seed 003.
const relayDemo = { date: '3000-02-20', name: 'otrelaydemo - 3000', id: '44777e73-d4c3-4a83-84d4-3991ce53edcb', url: '/en-gb/x/3000/GBR/ot-team-entry-test/', country: 'GBR', role: 'DIRECTOR' };
const klubbstevne = { date: '2024-12-05', name: 'Klubbstevne 1 - 2023 - 2024', id: 'e503bede-70e9-4d39-b22a-058681ae8f38', url: '/en-gb/x/2024/NOR/24-ks-12/', country: 'NOR', role: 'DIRECTOR' };

const KNOWN_ID = '868aadc8-f9bb-49bc-952f-25c16eadb69e';

let t: TestApp;

/** requests.post(url, data=json.dumps(body), headers=headers): no content type. */
const postData = (url: string, body: unknown, headers: Record<string, string>) => t.app.inject({ method: 'POST', url, payload: JSON.stringify(body), headers });
/** requests.post(url, data={...}): a form. */
const postForm = (url: string, fields: Record<string, string>) =>
  t.app.inject({ method: 'POST', url, headers: { 'content-type': 'application/x-www-form-urlencoded' }, payload: new URLSearchParams(fields).toString() });

beforeAll(async () => {
  t = await startTestApp({ GANTRY_ENV: 'otr_0' });
  await seedDemo(t.database.db);
  await t.database.db
    .insertInto('users')
    .values({ name: USERNAME, fullname: 'John Smith', email_addr: 'name@email.com', passwd_hash: await hashPassword(PASSWORD), api_key: 'seed-replay-key', info: '{}' })
    .execute();
  // GraphQL takes a session token (the v1 bearer is for the v1 routes).
  const login = await t.gql<{ login: { token: string } }>('mutation { login(nameOrEmail: "admin", password: "admin-password") { token } }');
  const adminSession = { authorization: `Bearer ${login.data!.login.token}` };
  for (const country of ['MLT', 'NOR', 'GBR']) {
    const r = await t.gql('mutation($u: String!, $c: String!) { setCountryAdmin(username: $u, country: $c, member: true) { name } }', { u: USERNAME, c: country }, adminSession);
    expect(r.errors).toBeUndefined();
  }
  // What the scripts' server already holds: the Malta record of the listing example, the "known
  // competition" they read, update and delete, and the account's competitions of seed 003.
  // The ids a create payload carries are ignored (the server assigns them), so the records keep the
  // seeds' ids by being moved onto them once created.
  const john = await signIn();
  const admin = await bearer(t, 'admin');
  for (const [body, headers] of [
    [maaa, admin],
    [{ full_name: 'A known competition', slug: 'known-competition', country_id: 'MLT', date: '2021-06-01', finish_date: '2021-06-01', id: KNOWN_ID }, admin],
    [{ full_name: relayDemo.name, slug: 'ot-team-entry-test', country_id: 'GBR', date: relayDemo.date, finish_date: relayDemo.date, id: relayDemo.id }, john],
    [{ full_name: klubbstevne.name, slug: '24-ks-12', country_id: 'NOR', date: klubbstevne.date, finish_date: klubbstevne.date, id: klubbstevne.id }, john],
  ] as const) {
    const r = await postData('/api/v1/competitions/', body, headers);
    expect(r.statusCode, r.body).toBe(201);
    expect(r.json().id).not.toBe(body.id);
    await moveCompetition(r.json().id, body.id);
  }
});

/** Gives a stored competition the id the seed shows (with its roles). */
async function moveCompetition(from: string, to: string): Promise<void> {
  await t.database.db.transaction().execute(async (trx) => {
    const roles = await trx.selectFrom('competition_roles').selectAll().where('competition_id', '=', from).execute();
    await trx.deleteFrom('competition_roles').where('competition_id', '=', from).execute();
    await trx.updateTable('competitions').set({ id: to }).where('id', '=', from).execute();
    if (roles.length) await trx.insertInto('competition_roles').values(roles.map((role) => ({ ...role, competition_id: to }))).execute();
  });
}
afterAll(async () => t?.close());

async function signIn(): Promise<Record<string, string>> {
  const r = await postForm('/api/v1/auth/token', { username: USERNAME, password: PASSWORD });
  return { Authorization: `Bearer ${r.json().access_token}` };
}

describe('seed 004: the v1 API examples, in order', () => {
  let headers: Record<string, string>;

  it('ping', async () => {
    const r = await t.app.inject({ method: 'GET', url: '/api/v1/ping/', headers: { accept: 'application/json' } });
    expect(r.statusCode).toBe(200);
    expect(r.json()).toEqual({ reply: 'pong', enviroment: 'otr_0' });
  });

  it('authorizing and getting a token (form data), then the filtered list the script counts', async () => {
    const token = await postForm('/api/v1/auth/token', { username: USERNAME, password: PASSWORD });
    expect(token.statusCode).toBe(200);
    const resp = token.json();
    expect(typeof resp.access_token).toBe('string');
    headers = { Authorization: `Bearer ${resp.access_token}` };
    const r = await t.app.inject({ method: 'GET', url: '/api/v1/competitions/', query: { country: 'MLT', from_date: '2020-09-01' }, headers });
    expect(r.statusCode).toBe(200);
    const competitions = r.json();
    expect(Array.isArray(competitions)).toBe(true);
    expect(competitions.map((c: { slug: string }) => c.slug)).toEqual(['known-competition']);
  });

  it('querying competition calendar entries: the Malta list of the seed', async () => {
    const r = await t.app.inject({ method: 'GET', url: '/api/v1/competitions?country=MLT&from_date=2020-08-01&to_date=2020-08-10', headers });
    expect(r.statusCode).toBe(200);
    expect(r.json()).toEqual([maaa]);
  });

  let created: Record<string, unknown>;
  let overrideToken: string;

  it('creating a new competition: the id and year the dict carries are read-only, the server assigns the id', async () => {
    const r = await postData('/api/v1/competitions/', comp, headers);
    expect(r.statusCode).toBe(201);
    created = r.json();
    expect(created).toEqual({ ...comp, id: expect.stringMatching(/^[0-9a-f-]{36}$/) });
    expect(created.id).not.toBe(comp.id);
  });

  it('duplicates: posting it again answers the seed error with the matching competition and an override token', async () => {
    const r = await postData('/api/v1/competitions/', comp, headers);
    expect(r.statusCode).toBe(409);
    const parsed = r.json();
    expect(parsed).toEqual({
      detail: {
        error: 'A competition with the same name and date exists',
        override_token: expect.stringMatching(/^eyJ[\w-]+\.[\w-]+\.[\w-]+$/),
        mathing_competitions: [{ ...created, events: null }],
      },
    });
    overrideToken = parsed.detail.override_token;
  });

  it('Option 2: the dict, carrying the first answer\'s id, posted again with override_token creates a new competition', async () => {
    // The dict as a client holds it after the first answer (its id included). Slugs are unique, so
    // the new competition needs its own; that is the one change the slug rule asks for.
    const again = { ...created, slug: 'malta-inter-meet-2', override_token: overrideToken };
    const r = await postData('/api/v1/competitions/', again, headers);
    expect(r.statusCode, r.body).toBe(201);
    expect(r.json()).toEqual({ ...created, slug: 'malta-inter-meet-2', id: expect.stringMatching(/^[0-9a-f-]{36}$/) });
    expect(r.json().id).not.toBe(created.id);
    const both = await t.app.inject({ method: 'GET', url: '/api/v1/competitions/?country=MLT&from_date=2021-05-08&to_date=2021-05-08', headers });
    expect(both.json().map((c: { slug: string }) => c.slug).sort()).toEqual(['malta-inter-meet', 'malta-inter-meet-2']);
    // The very same dict again: the slug is taken, a plain 409 that no token overrides (not the id).
    const same = await postData('/api/v1/competitions/', { ...created, override_token: overrideToken }, headers);
    expect(same.statusCode).toBe(409);
    expect(same.json()).toEqual({ detail: 'A competition with the slug "malta-inter-meet" already exists: choose another slug.' });
  });

  it('query, update and delete a known competition', async () => {
    const query = await t.app.inject({ method: 'GET', url: `/api/v1/competitions/${KNOWN_ID}`, headers });
    expect(query.statusCode).toBe(200);
    expect(query.json()).toMatchObject({ id: KNOWN_ID, full_name: 'A known competition' });

    const update = await postData(`/api/v1/competitions/${KNOWN_ID}`, { full_name: 'new_name' }, headers);
    expect(update.statusCode).toBe(200);
    expect(update.json()).toMatchObject({ id: KNOWN_ID, full_name: 'new_name', slug: 'known-competition' });

    const remove = await t.app.inject({ method: 'DELETE', url: `/api/v1/competitions/${KNOWN_ID}`, headers });
    expect(remove.statusCode).toBe(200);
    expect((await t.app.inject({ method: 'GET', url: `/api/v1/competitions/${KNOWN_ID}`, headers })).statusCode).toBe(404);
  });

  it('test endpoint: the payload respects the schema, and nothing is created', async () => {
    const r = await postData('/api/v1/competitions/test', trondMohnGames, headers);
    expect(r.statusCode).toBe(200);
    expect(r.json()).toEqual({ ...trondMohnGames, override_token: null, id: null, year: 2021, events: [] });
    // An id and year in the payload are read-only there too: the answer is what create would store.
    const withId = await postData('/api/v1/competitions/test', { ...trondMohnGames, id: KNOWN_ID, year: 1999 }, headers);
    expect(withId.statusCode).toBe(200);
    expect(withId.json()).toMatchObject({ id: null, year: 2021 });
    const stored = await t.app.inject({ method: 'GET', url: '/api/v1/competitions/?slug=trond-mohn-games', headers });
    expect(stored.json()).toEqual([]);
  });
});

describe('seed 003: the older API examples, in order', () => {
  let token: string;

  it('1. log in and get a token', async () => {
    const r1 = await postForm('/api/get-auth-token/', { username: USERNAME, password: PASSWORD });
    expect(r1.statusCode).toBe(200);
    token = r1.json().token;
    expect(token.length).toBeGreaterThanOrEqual(30);
  });

  it('2. check authentication with hello', async () => {
    const r2 = await t.app.inject({ method: 'GET', url: '/api/hello/', headers: { Authorization: 'Token ' + token } });
    expect(r2.statusCode).toBe(200);
    expect(r2.json()).toEqual({ message: 'Hello, John Smith <name@email.com>!' });
  });

  it('3. viewing competitions you can access', async () => {
    const r3 = await t.app.inject({ method: 'GET', url: '/api/my-competitions/?to_date=2026-12-25T12:00:00Z', headers: { Authorization: 'Token ' + token } });
    expect(r3.statusCode).toBe(200);
    const competitions = r3.json().competitions;
    // The account directs the Norwegian meet of the seed and the two Malta meets it created above
    // (the second through the override token); the year-3000 demo starts after to_date.
    const malta = (slug: string) => ({ date: '2021-05-08', name: comp.full_name, id: expect.any(String), url: `/en-gb/x/2021/MLT/${slug}/`, country: 'MLT', role: 'DIRECTOR' });
    expect(competitions[0]).toEqual(klubbstevne);
    expect(competitions.slice(1)).toEqual(expect.arrayContaining([malta('malta-inter-meet'), malta('malta-inter-meet-2')]));
    expect(competitions).toHaveLength(3);

    const all = await t.app.inject({ method: 'GET', url: '/api/my-competitions/?to_date=3000-12-31T00:00:00Z', headers: { Authorization: 'Token ' + token } });
    expect(all.json().competitions.slice(0, 2)).toEqual([relayDemo, klubbstevne]);
  });
});
