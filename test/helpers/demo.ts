// Demo data plus signed-in headers for each demo user.
import type { TestApp } from './app.ts';
import { seedDemo } from '../../src/seed/demo.ts';

export interface DemoSession {
  ids: Record<string, number>;
  apiKeys: Record<string, string>;
  as(name: string): Record<string, string>;
}

export async function seedAndSignIn(t: TestApp): Promise<DemoSession> {
  const demo = await seedDemo(t.database.db);
  const ids: Record<string, number> = {};
  const tokens: Record<string, string> = {};
  const apiKeys: Record<string, string> = {};
  for (const user of demo.users) {
    const r = await t.gql<{ login: { token: string; user: { id: number } } }>(
      'mutation($n: String!, $p: String!) { login(nameOrEmail: $n, password: $p) { token user { id } } }',
      { n: user.name, p: user.password },
    );
    tokens[user.name] = r.data!.login.token;
    ids[user.name] = r.data!.login.user.id;
    apiKeys[user.name] = user.api_key;
  }
  return { ids, apiKeys, as: (name) => ({ authorization: `Bearer ${tokens[name]}` }) };
}
