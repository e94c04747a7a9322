import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../helpers/app.ts';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp({ MAX_QUERY_DEPTH: '6', MAX_QUERY_COST: '5000' });
});
afterAll(async () => t?.close());

describe('query limits', () => {
  it('refuses an over-deep query before running it', async () => {
    const deep = '{ projects { tasks { project { tasks { project { tasks { project { id } } } } } } } }';
    const r = await t.gql(deep);
    expect(r.status).toBe(400);
    expect(r.data).toBeUndefined();
    expect(r.errors![0]!.extensions).toMatchObject({ code: 'QUERY_TOO_COMPLEX', depth: 8, maxDepth: 6 });
    expect(r.statements).toBe(0);
  });

  it('refuses an over-costly query, counting page sizes from variables and fragments', async () => {
    const costly = `query($n: Int) { projects(limit: $n) { ...P } } fragment P on Project { tasks(limit: 10) { taskRuns(limit: 10) { id } } }`;
    const r = await t.gql(costly, { n: 100 });
    expect(r.errors![0]!.extensions).toMatchObject({ code: 'QUERY_TOO_COMPLEX', maxCost: 5000 });
    expect(r.errors![0]!.message).toMatch(/smaller pages/);
    const cheap = await t.gql(costly, { n: 1 });
    expect(cheap.errors).toBeUndefined();
  });

  it('lets introspection through', async () => {
    const r = await t.gql('{ __schema { types { name fields { name type { name ofType { name ofType { name } } } } } } }');
    expect(r.errors).toBeUndefined();
  });
});

describe('credential guessing', () => {
  it('refuses further sign-ins to an account from an address after CREDENTIAL_GUESSES_PER_TARGET failures, on every password route', async () => {
    const { startTestApp: start } = await import('../helpers/app.ts');
    const { seedDemo } = await import('../../src/seed/demo.ts');
    const guarded = await start({ CREDENTIAL_GUESSES_PER_TARGET: '3' });
    try {
      await seedDemo(guarded.database.db);
      const login = (password: string) => guarded.gql(`mutation { login(nameOrEmail: "bob", password: "${password}") { token } }`);
      expect((await login('bob-password')).errors).toBeUndefined();
      const codes = [];
      for (let i = 0; i < 4; i++) codes.push((await login('wrong-guess')).errors?.[0]?.extensions?.code);
      expect(codes).toEqual(['UNAUTHENTICATED', 'UNAUTHENTICATED', 'UNAUTHENTICATED', 'RATE_LIMITED']);
      // Even the right password is refused for the rest of the window.
      expect((await login('bob-password')).errors?.[0]?.extensions?.code).toBe('RATE_LIMITED');
      // The JSend token route shares bob's count; carol's is her own.
      const jsend = async (user: string) => (await guarded.app.inject({ method: 'POST', url: '/api/token', payload: { user_id: user, password: 'nope' } })).json().message;
      expect(await jsend('bob')).toBe('Too many failed attempts with these credentials from your address; try again later.');
      expect([await jsend('carol'), await jsend('carol'), await jsend('carol'), await jsend('carol')]).toEqual([
        'Could not login using that user id or password',
        'Could not login using that user id or password',
        'Could not login using that user id or password',
        'Too many failed attempts with these credentials from your address; try again later.',
      ]);
    } finally {
      await guarded.close();
    }
  }, 120_000);
});
