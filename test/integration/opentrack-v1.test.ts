// OpenTrack v1 routes: each route's success and failure answers, filters, FastAPI error shapes.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../helpers/app.ts';
import { seedDemo } from '../../src/seed/demo.ts';
import { signToken } from '../../src/auth/tokens.ts';
import { bearer, competition, postJson, year } from './opentrack-helpers.ts';

let t: TestApp;
let admin: Record<string, string>;
let carol: Record<string, string>;

beforeAll(async () => {
  t = await startTestApp();
  await seedDemo(t.database.db);
  admin = await bearer(t, 'admin');
  carol = await bearer(t, 'carol');
});
afterAll(async () => t?.close());

const list = (query: string, headers = admin) => t.app.inject({ method: 'GET', url: `/api/v1/competitions/${query}`, headers });
const names = (body: { full_name: string }[]) => body.map((c) => c.full_name);

describe('GET /api/v1/ping/', () => {
  it('answers pong with the environment, misspelled as OpenTrack does, without authentication', async () => {
    for (const url of ['/api/v1/ping/', '/api/v1/ping']) {
      const r = await t.app.inject({ method: 'GET', url });
      expect(r.statusCode).toBe(200);
      expect(r.json()).toEqual({ reply: 'pong', enviroment: 'gantry' });
    }
  });
});

describe('POST /api/v1/auth/token', () => {
  it('issues a 24-hour bearer token for form fields (email or user name) and for JSON', async () => {
    const form = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/token',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: 'username=carol%40example.com&password=carol-password',
    });
    expect(form.statusCode).toBe(200);
    expect(form.json()).toEqual({ access_token: expect.stringMatching(/^ey/), token_type: 'bearer', expires_in: 86400 });
    const claims = JSON.parse(Buffer.from(form.json().access_token.split('.')[1], 'base64url').toString());
    expect(claims.exp - claims.iat).toBe(86400);

    const json = await t.app.inject({ method: 'POST', url: '/api/v1/auth/token/', payload: { username: 'carol', password: 'carol-password' } });
    expect(json.statusCode).toBe(200);
    const listed = await t.app.inject({ url: '/api/v1/competitions/?limit=1', headers: { authorization: `Bearer ${json.json().access_token}` } });
    expect(listed.statusCode).toBe(200);
    // A v1 token is for the v1 routes only: GraphQL does not take it.
    const me = await t.gql('{ me { name } }', {}, { authorization: `Bearer ${json.json().access_token}` });
    expect(me.data).toEqual({ me: null });
  });

  it('answers 401 with WWW-Authenticate for a wrong password and 422 for a missing field', async () => {
    const wrong = await t.app.inject({ method: 'POST', url: '/api/v1/auth/token', payload: { username: 'carol', password: 'nope-nope' } });
    expect(wrong.statusCode).toBe(401);
    expect(wrong.headers['www-authenticate']).toBe('Bearer');
    expect(wrong.json()).toEqual({ detail: 'Incorrect username or password' });

    const missing = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/token',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: 'username=carol',
    });
    expect(missing.statusCode).toBe(422);
    expect(missing.json()).toEqual({ detail: [{ loc: ['body', 'password'], msg: 'field required', type: 'value_error.missing' }] });
  });
});

describe('GET /api/v1/competitions/', () => {
  it('needs a token: 401 Not authenticated, or Could not validate credentials for a bad one', async () => {
    const anonymous = await list('', {});
    expect(anonymous.statusCode).toBe(401);
    expect(anonymous.headers['www-authenticate']).toBe('Bearer');
    expect(anonymous.json()).toEqual({ detail: 'Not authenticated' });
    const forged = signToken('another-secret-of-enough-length', { typ: 'opentrack', sub: '1' }, { expiresInSeconds: 60, issuer: t.config.baseUrl });
    const bad = await list('', { authorization: `Bearer ${forged}` });
    expect(bad.statusCode).toBe(401);
    expect(bad.json()).toEqual({ detail: 'Could not validate credentials' });
  });

  it('returns a JSON array of v1 records, events null, in the seed order of keys', async () => {
    const r = await list('?country=NOR');
    expect(r.statusCode).toBe(200);
    const body = r.json();
    expect(names(body)).toEqual(['Bislett Games', 'Norwegian Cross Country Cup']);
    expect(Object.keys(body[0])).toEqual([
      'full_name', 'short_name', 'slug', 'name_local', 'country_id', 'address', 'city', 'venue_id', 'latitude', 'longitude',
      'altitude', 'date', 'finish_date', 'wa_rankings_category_id', 'age_groups', 'national_id', 'basic_description',
      'contact_details', 'organiser_id', 'website', 'entry_link', 'results_link', 'override_token', 'id', 'year', 'events',
    ]);
    expect(body[0]).toMatchObject({ country_id: 'NOR', date: `${year}-06-12`, year, events: null, override_token: null, age_groups: ['ALL'] });
  });

  it('filters by inclusive from_date and to_date, with or without the trailing slash', async () => {
    const exact = await t.app.inject({ method: 'GET', url: `/api/v1/competitions?from_date=${year}-06-05&to_date=${year}-06-12`, headers: admin });
    expect(names(exact.json())).toEqual(['Golden Gala', 'Bislett Games']);
    const after = await list(`?from_date=${year}-06-06&to_date=${year}-06-11`);
    expect(after.json()).toEqual([]);
    const country = await list(`?country=gbr&from_date=${year + 1}-01-01`);
    expect(names(country.json())).toEqual(['London Indoor Open']);
  });

  it('filters by slug, organiser_id and updated_since, and pages with limit and offset', async () => {
    const organiser = '19c65443-9b0f-444d-b874-1e74d97310fb';
    const created = await postJson(t, '/api/v1/competitions/', competition({ slug: 'organised-meet', full_name: 'Organised Meet', organiser_id: organiser }), admin);
    expect(created.statusCode).toBe(201);
    expect(names((await list(`?organiser_id=${organiser}`)).json())).toEqual(['Organised Meet']);
    expect(names((await list('?slug=organised-meet')).json())).toEqual(['Organised Meet']);

    const since = new Date(Date.now() + 1000).toISOString();
    await new Promise((resolve) => setTimeout(resolve, 1100));
    expect((await list(`?updated_since=${since}`)).json()).toEqual([]);
    const id = created.json().id;
    await postJson(t, `/api/v1/competitions/${id}`, { city: 'York' }, admin);
    const changed = (await list(`?updated_since=${encodeURIComponent(since)}`)).json();
    expect(changed.map((c: { id: string; city: string }) => [c.id, c.city])).toEqual([[id, 'York']]);
    expect(names((await list(`?updated_since=${year - 5}-01-01`)).json())).toContain('Organised Meet');

    const all = names((await list('')).json());
    expect(all.length).toBe(9);
    expect(names((await list('?limit=3&offset=2')).json())).toEqual(all.slice(2, 5));
  });

  it('answers 422 naming the query parameter for bad values', async () => {
    const r = await list('?from_date=2021-02-30&limit=-1&organiser_id=nope');
    expect(r.statusCode).toBe(422);
    expect(r.json().detail).toEqual(
      expect.arrayContaining([
        { loc: ['query', 'from_date'], msg: 'invalid date format', type: 'value_error.date' },
        { loc: ['query', 'limit'], msg: 'ensure this value is greater than or equal to 0', type: 'value_error.number.not_ge' },
        { loc: ['query', 'organiser_id'], msg: 'value is not a valid uuid', type: 'type_error.uuid' },
      ]),
    );
    const since = await list('?updated_since=yesterday');
    expect(since.statusCode).toBe(422);
    expect(since.json().detail[0].loc).toEqual(['query', 'updated_since']);
  });
});

describe('POST /api/v1/competitions/ (create)', () => {
  it('creates from a body sent without a content type, makes 12 units for rounds "8,3,1" and accepts decimal strings', async () => {
    const body = competition({
      slug: 'units-meet',
      full_name: 'Units Meet',
      latitude: '60.2905',
      longitude: '5.3178',
      altitude: '1200.14',
      wa_rankings_category_id: 'DF',
      events: [
        { event_id: '001', event_code: 100, name: '100m Men', genders: 'M', category: 'SEN', age_groups: ['SEN'], rounds: '8,3,1', status: '' },
        { event_id: '002', event_code: 'LJ', units: [{ heat: 1, round: 1, results: [{ place: 1, bib: '12', performance: '7.45' }] }] },
      ],
    });
    const r = await postJson(t, '/api/v1/competitions/', body, carol);
    expect(r.statusCode).toBe(201);
    const record = r.json();
    expect(record).toMatchObject({ full_name: 'Units Meet', latitude: 60.2905, longitude: 5.3178, altitude: 1200.14, wa_rankings_category_id: 'DF', year: year + 1 });
    expect(record.events[0].units).toHaveLength(12);
    expect(record.events[0].units.filter((u: { round: number }) => u.round === 2).map((u: { heat: number }) => u.heat)).toEqual([1, 2, 3]);
    expect(record.events[0]).toMatchObject({ event_id: '001', event_code: '100', rounds: '8,3,1' });
    expect(record.events[1].units).toEqual([{ heat: 1, round: 1, status: '', results_status: '', results: [{ place: 1, bib: '12', performance: '7.45' }], heights: [], trials: [] }]);

    const read = await t.app.inject({ method: 'GET', url: `/api/v1/competitions/${record.id}`, headers: carol });
    expect(read.json()).toEqual(record);
  });

  it('ignores the read-only id and year of a create payload, and reports a numeric ranking category as a number', async () => {
    const first = await postJson(t, '/api/v1/competitions', competition({ slug: 'own-id-meet', full_name: 'Own Id Meet', wa_rankings_category_id: 10 }), admin);
    expect(first.statusCode).toBe(201);
    expect(first.json()).toMatchObject({ wa_rankings_category_id: 10 });
    // Another record carrying the first one's id (and a year that does not match its date, or no UUID at all).
    for (const id of [first.json().id, 'not-a-uuid']) {
      const r = await postJson(t, '/api/v1/competitions', competition({ id, year: 1999, slug: `other-meet-${id.length}`, full_name: `Other Meet ${id.length}` }), admin);
      expect(r.statusCode, r.body).toBe(201);
      expect(r.json().id).not.toBe(first.json().id);
      expect(r.json().year).toBe(year + 1);
    }
  });

  it('answers 422 listing every problem, located in the body in snake_case, and writes nothing', async () => {
    const r = await postJson(
      t,
      '/api/v1/competitions/',
      competition({
        slug: 'Has Spaces',
        country_id: 'gb',
        date: `${year + 1}-05-10`,
        finish_date: `${year + 1}-05-09`,
        latitude: 95,
        venue_id: 'not-a-uuid',
        events: [{ event_id: 'a', event_code: '100' }, { event_id: 'a', event_code: 'LJ', rounds: 'three' }],
      }),
      admin,
    );
    expect(r.statusCode).toBe(422);
    const locs = r.json().detail.map((d: { loc: unknown[] }) => d.loc);
    expect(locs).toEqual([
      ['body', 'slug'],
      ['body', 'country_id'],
      ['body', 'finish_date'],
      ['body', 'venue_id'],
      ['body', 'latitude'],
      ['body', 'events', 1, 'event_id'],
      ['body', 'events', 1, 'rounds'],
    ]);
    expect(r.json().detail[2]).toEqual({ loc: ['body', 'finish_date'], msg: expect.stringContaining('finish_date'), type: 'value_error' });
    expect((await list('?slug=has-spaces')).json()).toEqual([]);
  });

  it('answers 422 for missing required fields, wrong types and malformed JSON', async () => {
    const missing = await postJson(t, '/api/v1/competitions/', { full_name: 'Only A Name', latitude: true }, admin);
    expect(missing.statusCode).toBe(422);
    expect(missing.json().detail).toHaveLength(5);
    expect(missing.json().detail).toEqual(
      expect.arrayContaining([
        { loc: ['body', 'latitude'], msg: 'value is not a valid float', type: 'type_error.float' },
        { loc: ['body', 'slug'], msg: 'field required', type: 'value_error.missing' },
        { loc: ['body', 'country_id'], msg: 'field required', type: 'value_error.missing' },
        { loc: ['body', 'date'], msg: 'field required', type: 'value_error.missing' },
        { loc: ['body', 'finish_date'], msg: 'field required', type: 'value_error.missing' },
      ]),
    );
    const broken = await t.app.inject({ method: 'POST', url: '/api/v1/competitions/', headers: { ...admin, 'content-type': 'application/json' }, payload: '{"full_name": ' });
    expect(broken.statusCode).toBe(422);
    expect(broken.json().detail[0]).toMatchObject({ loc: ['body', 0], type: 'value_error.jsondecode' });
    const empty = await t.app.inject({ method: 'POST', url: '/api/v1/competitions/', headers: admin });
    expect(empty.statusCode).toBe(422);
    expect(empty.json().detail).toEqual([{ loc: ['body'], msg: 'field required', type: 'value_error.missing' }]);
  });

  it('answers 401 before looking at the body when no token is sent', async () => {
    const r = await postJson(t, '/api/v1/competitions/', { nonsense: true });
    expect(r.statusCode).toBe(401);
    expect(r.json()).toEqual({ detail: 'Not authenticated' });
  });
});

describe('GET, POST and DELETE /api/v1/competitions/{id}', () => {
  let id: string;
  beforeAll(async () => {
    const r = await postJson(t, '/api/v1/competitions/', competition({ slug: 'crud-meet', full_name: 'Crud Meet', events: [{ event_id: '1', event_code: 'PV' }] }), carol);
    id = r.json().id;
  });

  it('reads a competition with its events; 404 for an unknown id, 422 for a malformed one', async () => {
    const r = await t.app.inject({ method: 'GET', url: `/api/v1/competitions/${id}/`, headers: carol });
    expect(r.statusCode).toBe(200);
    expect(r.json()).toMatchObject({ id, full_name: 'Crud Meet', events: [{ event_id: '1', event_code: 'PV', units: [] }] });
    const unknown = await t.app.inject({ method: 'GET', url: '/api/v1/competitions/00000000-0000-4000-8000-000000000000', headers: carol });
    expect(unknown.statusCode).toBe(404);
    expect(unknown.json()).toEqual({ detail: 'Not Found' });
    const malformed = await t.app.inject({ method: 'GET', url: '/api/v1/competitions/42', headers: carol });
    expect(malformed.statusCode).toBe(422);
    expect(malformed.json()).toEqual({ detail: [{ loc: ['path', 'id'], msg: 'value is not a valid uuid', type: 'type_error.uuid' }] });
  });

  it('updates only the fields sent (POST), re-deriving the year, and checks the merged record', async () => {
    const r = await postJson(t, `/api/v1/competitions/${id}`, { full_name: 'new_name', date: `${year + 2}-01-02`, finish_date: `${year + 2}-01-03` }, carol);
    expect(r.statusCode).toBe(200);
    expect(r.json()).toMatchObject({ id, full_name: 'new_name', slug: 'crud-meet', city: 'Leeds', year: year + 2, events: [{ event_id: '1' }] });
    const bad = await postJson(t, `/api/v1/competitions/${id}`, { finish_date: `${year + 1}-01-01` }, carol);
    expect(bad.statusCode).toBe(422);
    expect(bad.json().detail[0].loc).toEqual(['body', 'finish_date']);
    const cleared = await postJson(t, `/api/v1/competitions/${id}/`, { city: null, full_name: null }, carol);
    expect(cleared.statusCode).toBe(422);
    expect(cleared.json().detail).toEqual([{ loc: ['body', 'full_name'], msg: 'none is not an allowed value', type: 'type_error.none.not_allowed' }]);
    const taken = await postJson(t, `/api/v1/competitions/${id}`, { slug: 'units-meet' }, carol);
    expect(taken.statusCode).toBe(409);
    expect(taken.json()).toEqual({ detail: 'A competition with the slug "units-meet" already exists: choose another slug.' });
    const missing = await postJson(t, '/api/v1/competitions/00000000-0000-4000-8000-000000000000', { city: 'X' }, carol);
    expect(missing.statusCode).toBe(404);
  });

  it('deletes a competition; afterwards it is 404', async () => {
    const r = await t.app.inject({ method: 'DELETE', url: `/api/v1/competitions/${id}`, headers: carol });
    expect(r.statusCode).toBe(200);
    expect(r.json()).toEqual({ detail: 'Competition deleted', id });
    expect((await t.app.inject({ method: 'GET', url: `/api/v1/competitions/${id}`, headers: carol })).statusCode).toBe(404);
    expect((await t.app.inject({ method: 'DELETE', url: `/api/v1/competitions/${id}/`, headers: carol })).statusCode).toBe(404);
  });
});

describe('POST /api/v1/competitions/test', () => {
  it('answers the record as it would be stored and writes nothing', async () => {
    const before = (await list('?limit=1000')).json().length;
    const r = await postJson(t, '/api/v1/competitions/test', competition({ slug: 'only-a-test', latitude: 60.29, events: [{ event_id: '1', event_code: '100', rounds: '2,1' }] }), carol);
    expect(r.statusCode).toBe(200);
    expect(r.json()).toMatchObject({ slug: 'only-a-test', id: null, year: year + 1, latitude: 60.29 });
    expect(r.json().events[0].units).toHaveLength(3);
    expect((await list('?limit=1000')).json().length).toBe(before);
  });

  it('answers 422 with the problems, and 401 without a token', async () => {
    const r = await postJson(t, '/api/v1/competitions/test/', competition({ country_id: 'Norway' }), carol);
    expect(r.statusCode).toBe(422);
    expect(r.json().detail).toEqual([{ loc: ['body', 'country_id'], msg: expect.stringContaining('three upper-case letters'), type: 'value_error' }]);
    expect((await postJson(t, '/api/v1/competitions/test', competition())).statusCode).toBe(401);
  });
});

describe('competition links', () => {
  const links = { website: 'javascript:alert(document.cookie)', entry_link: 'data:text/html,<script>alert(1)</script>', results_link: 'ftp://results.example.org/' };

  it('accepts only http and https URLs in website, entry_link and results_link: 422 naming each field, on create and on update', async () => {
    const r = await postJson(t, '/api/v1/competitions/', competition({ slug: 'link-meet', full_name: 'Link Meet', ...links }), admin);
    expect(r.statusCode).toBe(422);
    expect(r.json().detail.map((d: { loc: unknown[] }) => d.loc)).toEqual([['body', 'website'], ['body', 'entry_link'], ['body', 'results_link']]);
    for (const issue of r.json().detail) {
      expect(issue).toEqual({ loc: expect.any(Array), msg: expect.stringContaining('http:// or https://'), type: 'value_error' });
    }

    const ok = await postJson(
      t,
      '/api/v1/competitions/',
      competition({ slug: 'link-meet', full_name: 'Link Meet', website: 'https://meet.example.org/', entry_link: 'HTTP://entries.example.org/x?y=1', results_link: '' }),
      admin,
    );
    expect(ok.statusCode, ok.body).toBe(201);
    for (const [field, value] of Object.entries({ ...links, website: ' javascript:alert(1)', entry_link: 'java\tscript:alert(1)' })) {
      const bad = await postJson(t, `/api/v1/competitions/${ok.json().id}`, { [field]: value }, admin);
      expect(bad.statusCode, `${field}: ${value}`).toBe(422);
      expect(bad.json().detail).toEqual([{ loc: ['body', field], msg: expect.stringContaining('http:// or https://'), type: 'value_error' }]);
    }
    const stored = await t.app.inject({ method: 'GET', url: `/api/v1/competitions/${ok.json().id}`, headers: admin });
    expect(stored.json()).toMatchObject({ website: 'https://meet.example.org/', entry_link: 'HTTP://entries.example.org/x?y=1', results_link: '' });
    // The test route checks them too.
    expect((await postJson(t, '/api/v1/competitions/test', competition({ slug: 'link-test', ...links }), admin)).statusCode).toBe(422);
  });
});
