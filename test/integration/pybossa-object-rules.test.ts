// PYBOSSA object rules: ?stats= on projects, required names on updates (every object and GraphQL),
// and the user list's ignored `restrict` key.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../helpers/app.ts';
import { seedAndSignIn, type DemoSession } from '../helpers/demo.ts';

let t: TestApp;
let s: DemoSession;

type Res = { status: number; body: any; headers: Record<string, unknown> };
async function api(method: string, url: string, options: { key?: string; body?: unknown } = {}): Promise<Res> {
  const sep = url.includes('?') ? '&' : '?';
  const response = await t.app.inject({
    method: method as 'GET',
    url: options.key ? `${url}${sep}api_key=${options.key}` : url,
    headers: { 'content-type': 'application/json' },
    payload: options.body === undefined ? undefined : JSON.stringify(options.body),
  });
  return { status: response.statusCode, body: response.body ? JSON.parse(response.body) : undefined, headers: response.headers };
}
const code = (r: { errors?: { extensions?: Record<string, unknown> }[] }) => r.errors?.[0]?.extensions?.code ?? 'OK';

beforeAll(async () => {
  t = await startTestApp();
  s = await seedAndSignIn(t);
});
afterAll(async () => t?.close());

describe('/api/user and restrict', () => {
  it('accepts restrict in the query and ignores it: restricted users are never listed', async () => {
    const made = await t.gql<{ createUser: { id: number } }>(
      'mutation { createUser(input: { name: "hidden_one", email: "hidden@example.org", password: "hidden-password" }) { id } }',
    );
    const id = made.data!.createUser.id;
    expect(code(await t.gql(`mutation { updateUser(id: ${id}, input: { restrict: true }) { id } }`, {}, s.as('admin')))).toBe('OK');
    const plain = await api('GET', '/api/user?limit=100', { key: s.apiKeys.admin });
    expect(plain.status).toBe(200);
    expect(plain.body.map((u: { name: string }) => u.name)).not.toContain('hidden_one');
    for (const value of ['true', 'false', '1', 'whatever', '']) {
      const r = await api('GET', `/api/user?limit=100&restrict=${value}`, { key: s.apiKeys.admin });
      expect([r.status, r.body], `restrict=${value}`).toEqual([200, plain.body]);
    }
    expect((await api('GET', '/api/user?restrict=true&name=hidden_one')).body).toEqual([]);
  });
});
