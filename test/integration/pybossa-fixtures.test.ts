// Route fixtures: for representative PYBOSSA routes, the request, the GraphQL document it became, the
// SQL statements it ran and the response, side by side in test/fixtures/pybossa/*.md. A change to any
// of the four shows up as a diff in review (update with `npx vitest run -u` when intended).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { print, parse } from 'graphql';
import { startTestApp, type TestApp } from '../helpers/app.ts';
import { seedAndSignIn, type DemoSession } from '../helpers/demo.ts';
import { operationsByName } from '../../src/graphql/operations.ts';

let t: TestApp;
let s: DemoSession;
beforeAll(async () => {
  t = await startTestApp();
  s = await seedAndSignIn(t);
});
afterAll(async () => t?.close());

/** Timestamps, keys and tokens change from run to run; fixtures show their shape. */
function stable(text: string): string {
  return text
    .replace(/\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}/g, 'YYYY-MM-DDTHH:MM:SS.ffffff')
    .replace(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g, '<uuid>')
    .replace(/\d+\.\d+\.\d+\.\d+/g, '<ip>');
}

const routes: { name: string; method: 'GET' | 'POST'; url: (s: DemoSession) => string; body?: unknown }[] = [
  { name: 'list-projects', method: 'GET', url: () => '/api/project?limit=2' },
  { name: 'list-tasks-info-filter', method: 'GET', url: () => '/api/task?info=kind::photo&limit=2&orderby=priority_0&desc=true' },
  { name: 'get-task-related', method: 'GET', url: () => '/api/task/1?related=True' },
  { name: 'unknown-filter', method: 'GET', url: () => '/api/task?colour=blue' },
  { name: 'create-category', method: 'POST', url: (x) => `/api/category?api_key=${x.apiKeys.admin}`, body: { name: 'Sky', short_name: 'sky', description: 'Clouds' } },
  { name: 'newtask', method: 'GET', url: (x) => `/api/project/1/newtask?api_key=${x.apiKeys.admin}` },
];

describe('PYBOSSA route fixtures', () => {
  it.each(routes)('$name', async (route) => {
    const url = route.url(s);
    const response = await t.app.inject({ method: route.method, url, payload: route.body === undefined ? undefined : JSON.stringify(route.body), headers: { 'content-type': 'application/json' } });
    const name = response.headers['x-graphql-operation'] as string | undefined;
    const document = name ? print(parse(operationsByName.get(name)!.source)) : '(none: refused before GraphQL)';
    const shown = url.replace(/api_key=[^&]+/, 'api_key=<admin key>');
    const fixture = [
      `# ${route.method} ${shown}`,
      '',
      '## Request',
      '```http',
      `${route.method} ${shown}${route.body ? `\n\n${JSON.stringify(route.body)}` : ''}`,
      '```',
      '',
      `## GraphQL document (${name ?? 'none'})`,
      '```graphql',
      document,
      '```',
      '',
      // The PostgreSQL rate-limit counter adds one statement there; fixtures show the route's own.
      `## SQL statements: ${Number(response.headers['x-sql-statements']) - (t.database.kind === 'postgres' ? 1 : 0)}`,
      '',
      `## Response: ${response.statusCode}`,
      '```json',
      stable(JSON.stringify(JSON.parse(response.body), null, 2)),
      '```',
      '',
    ].join('\n');
    await expect(fixture).toMatchFileSnapshot(`../fixtures/pybossa/${route.name}.md`);
  });
});
