// Injection (OWASP API8 in the 2019 list, still the first thing an attacker tries): SQL and JSON-path
// payloads through every PYBOSSA filter, orderby and info, GraphQL filters and the OpenTrack query
// string. Every one is treated as a value: a clean answer, no match where nothing matches, no 5xx,
// and the database unchanged.
import 'reflect-metadata';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../helpers/app.ts';
import { seedAndSignIn, type DemoSession } from '../helpers/demo.ts';
import { OBJECTS } from '../../rest-compat/pybossa/objects.ts';
import { bearer } from './opentrack-helpers.ts';
import { changedTables, fingerprint } from '../stress/lib/snapshot.ts';
import { shapeProblem } from '../stress/lib/shapes.ts';

const PAYLOADS = [
  "' OR '1'='1",
  "1' OR '1'='1' --",
  '1; DROP TABLE users; --',
  "x'); DELETE FROM tasks; --",
  '1 OR 1=1',
  "' UNION SELECT passwd_hash FROM users --",
  '$.a ? (@ like_regex ".*")',
  "info->>'kind'",
  '{"$ne": null}',
  '%',
  '_',
  '\\',
  'a\u0000b',
];

let t: TestApp;
let demo: DemoSession;

beforeAll(async () => {
  t = await startTestApp();
  demo = await seedAndSignIn(t);
});
afterAll(async () => t?.close());

describe('injection through every filter', () => {
  it('PYBOSSA: every filter key, orderby and info (pairs, JSON and full text) take payloads as values', async () => {
    const before = await fingerprint(t.database.db);
    const problems: string[] = [];
    let requests = 0;
    for (const object of Object.values(OBJECTS)) {
      const urls: string[] = [];
      for (const payload of PAYLOADS) {
        const value = encodeURIComponent(payload);
        for (const key of Object.keys(object.filters)) urls.push(`/api/${object.name}?all=1&${key}=${value}`);
        urls.push(`/api/${object.name}?all=1&orderby=${value}`, `/api/${object.name}?all=1&orderby=id&desc=${value}`);
        urls.push(`/api/${object.name}?all=1&info=${value}`, `/api/${object.name}?all=1&info=kind::${value}`, `/api/${object.name}?all=1&info=${value}::x`);
        urls.push(`/api/${object.name}?all=1&info=kind::${value}&fulltextsearch=1`, `/api/${object.name}?all=1&created=${value}`, `/api/${object.name}?all=1&project_id=${value}`);
        urls.push(`/api/${object.name}?all=1&last_id=${value}&limit=${value}&offset=${value}`);
      }
      for (const url of urls) {
        const r = await t.app.inject({ url: `${url}&api_key=${demo.apiKeys.admin}` });
        requests += 1;
        const problem = shapeProblem({ method: 'GET', path: url.split('?')[0]!, status: r.statusCode, headers: r.headers, body: r.body });
        if (problem) problems.push(`${url}: ${problem}`);
        // A payload never widens a match: a string filter that is an injection finds nothing.
        if (r.statusCode === 200 && /[?&](name|short_name|description|state|user_ip|external_uid|media_url|fullname|locale)=/.test(url)) {
          const items = r.json() as unknown[];
          if (items.length) problems.push(`${url}: matched ${items.length} rows`);
        }
      }
    }
    expect(problems.slice(0, 10)).toEqual([]);
    expect(requests).toBeGreaterThan(1000);
    expect(changedTables(before, await fingerprint(t.database.db))).toEqual([]);
  });

  it('GraphQL: filters, info pairs, infoContains, fullText and created take payloads as values', async () => {
    const before = await fingerprint(t.database.db);
    for (const payload of PAYLOADS) {
      const r = await t.gql(
        `query($p: String!, $info: [InfoPair!], $c: JSON) {
           projects(all: true, filter: { name: $p, shortName: $p }) { id }
           tasks(all: true, info: $info, fullText: true) { id }
           byKey: tasks(all: true, info: [{ key: $p, value: "galaxy" }]) { id }
           contains: tasks(all: true, infoContains: $c) { id }
           users(filter: { name: $p }) { id }
         }`,
        { p: payload, info: [{ key: 'kind', value: payload }], c: { kind: payload } },
        demo.as('admin'),
      );
      if (payload.includes('\u0000')) {
        expect(r.errors?.[0]?.extensions?.code, payload).toBe('BAD_USER_INPUT');
        continue;
      }
      expect(r.errors, payload).toBeUndefined();
      expect(r.data, payload).toEqual({ projects: [], tasks: [], byKey: [], contains: [], users: [] });
    }
    // Enum arguments (orderBy) cannot carry text at all.
    const order = await t.gql('{ projects(orderBy: "id; DROP TABLE users") { id } }');
    expect(order.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(changedTables(before, await fingerprint(t.database.db))).toEqual([]);
  });

  it('OpenTrack: the query string of the competitions list takes payloads as values', async () => {
    const headers = await bearer(t, 'admin');
    const drf = (await t.app.inject({ method: 'POST', url: '/api/get-auth-token/', payload: { username: 'admin', password: 'admin-password' } })).json().token;
    const before = await fingerprint(t.database.db);
    for (const payload of PAYLOADS) {
      for (const key of ['country', 'slug', 'organiser_id', 'from_date', 'to_date', 'updated_since']) {
        const r = await t.app.inject({ url: `/api/v1/competitions?${key}=${encodeURIComponent(payload)}`, headers });
        expect([200, 422], `${key}=${payload}: ${r.body}`).toContain(r.statusCode);
        if (r.statusCode === 200) expect(r.json(), `${key}=${payload}`).toEqual([]);
      }
      const mine = await t.app.inject({ url: `/api/my-competitions/?to_date=${encodeURIComponent(payload)}`, headers: { authorization: `Token ${drf}` } });
      expect(mine.statusCode).toBe(400);
    }
    expect(changedTables(before, await fingerprint(t.database.db))).toEqual([]);
  });
});
