// OWASP API6 (sensitive business flows), API7 (server-side request forgery), API8 (security
// misconfiguration), API9 (inventory) and API10 (unsafe consumption of pushed data).
import 'reflect-metadata';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../helpers/app.ts';
import { seedAndSignIn, type DemoSession } from '../helpers/demo.ts';
import { bearer, competition, postJson } from './opentrack-helpers.ts';
import { changedTables, fingerprint } from '../stress/lib/snapshot.ts';
import { routeInventory } from '../../src/http/openapi.ts';

let t: TestApp;
let demo: DemoSession;

beforeAll(async () => {
  t = await startTestApp();
  demo = await seedAndSignIn(t);
});
afterAll(async () => t?.close());

describe('API6 sensitive business flows', () => {
  it('a task run needs a task served first, and a duplicate competition needs the override token', async () => {
    const key = demo.apiKeys.carol;
    const unserved = await t.app.inject({ method: 'POST', url: `/api/taskrun?api_key=${key}`, payload: { project_id: 3, task_id: (await t.database.db.selectFrom('tasks').select('id').where('project_id', '=', 3).executeTakeFirstOrThrow()).id, info: {} } });
    expect(unserved.statusCode).toBe(403);
    expect(unserved.json().exception_msg).toBe('You must request a task first!');

    const admin = await bearer(t, 'admin');
    const body = competition({ slug: 'flow-1', full_name: 'Flow Meet' });
    expect((await postJson(t, '/api/v1/competitions/', body, admin)).statusCode).toBe(201);
    const again = await postJson(t, '/api/v1/competitions/', { ...body, slug: 'flow-2' }, admin);
    expect(again.statusCode).toBe(409);
    const token = again.json().detail.override_token as string;
    expect((await postJson(t, '/api/v1/competitions/', { ...body, slug: 'flow-2', override_token: token }, admin)).statusCode).toBe(201);
  });
});

describe('API7 server-side request forgery', () => {
  let trap: Server;
  let hits = 0;
  beforeAll(async () => {
    trap = createServer((_request, response) => {
      hits += 1;
      response.end('ok');
    });
    await new Promise<void>((resolve) => trap.listen(0, '127.0.0.1', resolve));
  });
  afterAll(async () => new Promise<void>((resolve) => trap.close(() => resolve())));

  it('never fetches a URL a client stored: a project webhook on an internal address is kept, not called', async () => {
    const webhook = `http://127.0.0.1:${(trap.address() as AddressInfo).port}/internal`;
    const project = await t.gql<{ createProject: { id: number } }>(
      'mutation($w: String!) { createProject(input: { name: "Hook", shortName: "hook", description: "x", webhook: $w }) { id } }',
      { w: webhook },
      demo.as('alice'),
    );
    const projectId = project.data!.createProject.id;
    const task = await t.gql<{ createTask: { id: number } }>('mutation($p: Int!) { createTask(input: { projectId: $p, nAnswers: 1 }) { id } }', { p: projectId }, demo.as('alice'));
    expect(task.errors).toBeUndefined();
    // Volunteers are served published projects (drafts are their owners' own).
    expect((await t.gql('mutation($p: Int!) { publishProject(id: $p) { id } }', { p: projectId }, demo.as('alice'))).errors).toBeUndefined();
    const served = (await t.app.inject({ url: `/api/project/${projectId}/newtask?api_key=${demo.apiKeys.bob}` })).json();
    const run = await t.app.inject({ method: 'POST', url: `/api/taskrun?api_key=${demo.apiKeys.bob}`, payload: { project_id: projectId, task_id: served.id, info: {} } });
    expect(run.statusCode).toBe(200);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(hits).toBe(0);
    const refused = await t.gql('mutation { createProject(input: { name: "Hook 2", shortName: "hook2", description: "x", webhook: "file:///etc/passwd" }) { id } }', {}, demo.as('alice'));
    expect(refused.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });
});

describe('API8 security misconfiguration', () => {
  it('no answer carries a stack trace, a source path or a database message, whatever the dialect', async () => {
    const answers = [
      await t.app.inject({ method: 'POST', url: '/graphql', headers: { 'content-type': 'application/json' }, payload: '{"query": "{"}' }),
      await t.app.inject({ method: 'POST', url: '/graphql', headers: { 'content-type': 'text/plain' }, payload: 'nonsense' }),
      await t.app.inject({ method: 'GET', url: '/graphql' }),
      await t.app.inject({ method: 'POST', url: '/api/project', headers: { 'content-type': 'application/json' }, payload: '{"name": ' }),
      await t.app.inject({ method: 'POST', url: '/api/upload', headers: { 'content-type': 'multipart/form-data' }, payload: 'broken' }),
      await t.app.inject({ method: 'GET', url: '/api/task?state=a%00b' }),
      await t.app.inject({ method: 'GET', url: '/api/project?offset=99999999999999999999' }),
      await t.app.inject({ method: 'GET', url: '/api/project?api_key=a%00b' }),
      await t.app.inject({ method: 'GET', url: '/api/v1/competitions/%ff' }),
      await t.app.inject({ method: 'PATCH', url: '/api/v1/competitions' }),
      await t.app.inject({ method: 'GET', url: '/api/%ff' }),
      await t.app.inject({ method: 'POST', url: '/api/v1/auth/token', headers: { 'content-type': 'application/x-www-form-urlencoded' }, payload: 'username=a%00b&password=x' }),
      await t.app.inject({ method: 'POST', url: '/api/token', headers: { 'content-type': 'multipart/form-data; boundary=x' }, payload: '--x\r\nbroken' }),
    ];
    for (const r of answers) {
      expect(r.statusCode, r.body).toBeLessThan(500);
      expect(r.body).not.toMatch(/stacktrace|node_modules|\/work\/|\.ts:\d+|at [A-Za-z.]+ \(|psycopg2\.errors\.InvalidTextRepresentation|invalid byte sequence|pg-protocol/);
    }
  });

  it('PYBOSSA answers CORS preflights as PYBOSSA does; GraphQL needs no cookies so it sets none', async () => {
    const preflight = await t.app.inject({ method: 'OPTIONS', url: '/api/project', headers: { origin: 'https://example.org', 'access-control-request-method': 'POST' } });
    expect(preflight.headers['access-control-allow-origin']).toBe('*');
    const login = await t.app.inject({ method: 'POST', url: '/graphql', headers: { 'content-type': 'application/json' }, payload: JSON.stringify({ query: 'mutation { login(nameOrEmail: "bob", password: "bob-password") { token } }' }) });
    expect(login.headers['set-cookie']).toBeUndefined();
  });
});

describe('API9 improper inventory management', () => {
  it('documents every REST route in OpenAPI; the routes left out are only aliases, catch-alls, the console, docs assets and /metrics', async () => {
    const doc = (await t.app.inject({ url: '/api/v1/openapi.json' })).json() as { paths: Record<string, Record<string, unknown>> };
    const documented = new Set(Object.entries(doc.paths).flatMap(([path, methods]) => Object.keys(methods).map((m) => `${m.toUpperCase()} ${path.replace(/\{(\w+)\}/g, ':$1')}`)));
    const slashless = (url: string) => (url.length > 1 && url.endsWith('/') ? url.slice(0, -1) : url);
    const isDocumented = (method: string, url: string) => [...documented].some((d) => d === `${method} ${url}` || slashless(d) === `${method} ${slashless(url)}`);
    const unexplained: string[] = [];
    for (const route of routeInventory(t.app)) {
      if (route.method === 'HEAD' || isDocumented(route.method, route.url)) continue;
      if (!route.hidden) {
        unexplained.push(`${route.method} ${route.url} (visible but not in the document)`);
        continue;
      }
      const explained =
        /^\/api\/v1\/(docs|redoc)(\/|$)/.test(route.url) || // documentation assets
        route.url === '/metrics' || // operations, not a resource
        route.url === '/*' || // the web console's files and client-side routes (never a gateway path)
        route.url === '/api/' || // the race server's page, documented as /api
        /^\/api\/(token|me)(\/|$)/.test(route.url) || // JSend: "Method not allowed." / "Endpoint not found." answers
        route.url === '/api/upload'; // race server: 405 with Allow
      if (!explained) unexplained.push(`${route.method} ${route.url}`);
    }
    expect(unexplained).toEqual([]);
    expect(JSON.stringify(doc.paths)).not.toContain('/metrics');
  });
});

describe('API10 unsafe consumption of pushed data', () => {
  it('validates competitions federations push: bad records are refused whole, with every problem listed, and nothing is written', async () => {
    const admin = await bearer(t, 'admin');
    const before = await fingerprint(t.database.db);
    const bad = [
      competition({ slug: 'bad-1', date: 'not-a-date' }),
      competition({ slug: 'bad-2', country_id: "GBR'; DROP TABLE competitions; --" }),
      competition({ slug: 'bad 3 with spaces', full_name: '' }),
      competition({ slug: 'bad-4', events: [{ event_code: { nested: ['x'.repeat(10_000)] } }] }),
      competition({ slug: 'bad-5', finish_date: '1999-01-01' }),
    ];
    for (const body of bad) {
      const r = await postJson(t, '/api/v1/competitions/', body, admin);
      expect(r.statusCode, r.body).toBe(422);
      expect(Array.isArray(r.json().detail)).toBe(true);
    }
    expect(changedTables(before, await fingerprint(t.database.db))).toEqual([]);
  });
});
