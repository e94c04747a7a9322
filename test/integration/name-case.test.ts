// Names are unique as written, so `Zed` and `zed` can both exist. The rule for signing in by name,
// everywhere (GraphQL login, JSend tokens, OpenTrack tokens): the exact name first; without one, a
// name that matches ignoring case only when exactly one user does.
import 'reflect-metadata';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../helpers/app.ts';
import { seedAndSignIn } from '../helpers/demo.ts';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
  await seedAndSignIn(t);
  for (const [name, email] of [['Zed', 'zed-upper@example.com'], ['zed', 'zed-lower@example.com']]) {
    const r = await t.gql('mutation($n: String!, $e: String!, $p: String!) { createUser(input: { name: $n, email: $e, password: $p }) { id } }', { n: name, e: email, p: `${name}-password` });
    expect(r.errors).toBeUndefined();
  }
});
afterAll(async () => t?.close());

const jsendUser = async (userId: string, password: string) => {
  const issued = (await t.app.inject({ method: 'POST', url: '/api/token', payload: { user_id: userId, password } })).json();
  if (issued.status !== 'success') return null;
  return (await t.app.inject({ url: '/api/me', headers: { authorization: issued.data.token } })).json().data.user_id as string;
};
const graphqlUser = async (nameOrEmail: string, password: string) =>
  (await t.gql<{ login: { user: { name: string } } }>('mutation($n: String!, $p: String!) { login(nameOrEmail: $n, password: $p) { user { name } } }', { n: nameOrEmail, p: password })).data?.login.user.name ?? null;
const v1User = async (username: string, password: string) =>
  (await t.app.inject({ method: 'POST', url: '/api/v1/auth/token', payload: { username, password } })).statusCode === 200;

describe('names differing only in case', () => {
  it('Zed and zed each get their own JSend token and GraphQL login', async () => {
    expect(await jsendUser('Zed', 'Zed-password')).toBe('Zed');
    expect(await jsendUser('zed', 'zed-password')).toBe('zed');
    expect(await graphqlUser('Zed', 'Zed-password')).toBe('Zed');
    expect(await graphqlUser('zed', 'zed-password')).toBe('zed');
    expect(await v1User('Zed', 'Zed-password')).toBe(true);
    expect(await v1User('zed', 'zed-password')).toBe(true);
  });

  it('a name in another case signs in when it names exactly one user, and never picks between two', async () => {
    // Submitty clients may send a user id in any case: alice is the only "ALICE".
    expect(await jsendUser(' ALICE ', 'alice-password')).toBe('alice');
    expect(await graphqlUser('Alice', 'alice-password')).toBe('alice');
    // "ZED" could be either: refused, whichever password is given.
    expect(await jsendUser('ZED', 'Zed-password')).toBeNull();
    expect(await jsendUser('ZED', 'zed-password')).toBeNull();
    expect(await graphqlUser('ZED', 'zed-password')).toBeNull();
  });
});
