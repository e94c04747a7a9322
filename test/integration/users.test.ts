import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../helpers/app.ts';
import { seedDemo } from '../../src/seed/demo.ts';

let t: TestApp;
let tokens: Record<string, string>;
let ids: Record<string, number>;
const auth = (name: string) => ({ authorization: `Bearer ${tokens[name]}` });

beforeAll(async () => {
  t = await startTestApp();
  await seedDemo(t.database.db);
  tokens = {};
  ids = {};
  for (const name of ['admin', 'alice', 'bob']) {
    const r = await t.gql<{ login: { token: string; user: { id: number } } }>(
      'mutation($n: String!, $p: String!) { login(nameOrEmail: $n, password: $p) { token user { id } } }',
      { n: name, p: `${name}-password` },
    );
    tokens[name] = r.data!.login.token;
    ids[name] = r.data!.login.user.id;
  }
});
afterAll(async () => t?.close());

describe('login and me', () => {
  it('signs in by name or email and answers me', async () => {
    const byEmail = await t.gql('mutation { login(nameOrEmail: "ALICE@example.com", password: "alice-password") { user { name } } }');
    expect(byEmail.data).toEqual({ login: { user: { name: 'alice' } } });
    const me = await t.gql('{ me { name emailAddr apiKey } }', {}, auth('alice'));
    expect(me.data).toMatchObject({ me: { name: 'alice', emailAddr: 'alice@example.com', apiKey: expect.any(String) } });
    expect((await t.gql('{ me { name } }')).data).toEqual({ me: null });
  });

  it('refuses a wrong password with UNAUTHENTICATED', async () => {
    const r = await t.gql('mutation { login(nameOrEmail: "alice", password: "nope-nope") { token } }');
    expect(r.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
  });

  it('ignores tokens signed with another algorithm or secret', async () => {
    const [header, payload] = tokens.alice!.split('.');
    const none = `${Buffer.from('{"alg":"none","typ":"JWT"}').toString('base64url')}.${payload}.`;
    expect((await t.gql('{ me { name } }', {}, { authorization: `Bearer ${none}` })).data).toEqual({ me: null });
    const tampered = `${header}.${payload}.AAAA`;
    expect((await t.gql('{ me { name } }', {}, { authorization: `Bearer ${tampered}` })).data).toEqual({ me: null });
  });

  it('takes the PYBOSSA API key on PYBOSSA routes only: GraphQL takes session tokens', async () => {
    const key = (await t.gql<{ me: { apiKey: string } }>('{ me { apiKey } }', {}, auth('bob'))).data!.me.apiKey;
    expect((await t.gql('{ me { name } }', {}, { authorization: key })).data).toEqual({ me: null });
    expect((await t.app.inject({ method: 'PUT', url: `/api/user/${ids.bob}`, headers: { authorization: key }, payload: { locale: 'en' } })).statusCode).toBe(200);
  });
});

describe('user privacy', () => {
  it('shows others only name and locale in privacy mode, everything to self and admins', async () => {
    const q = `query($id: Int!) { user(id: $id) { name locale fullname created emailAddr apiKey info } }`;
    const anon = await t.gql(q, { id: ids.alice });
    expect(anon.data).toEqual({ user: { name: 'alice', locale: 'en', fullname: null, created: null, emailAddr: null, apiKey: null, info: null } });
    const other = await t.gql(q, { id: ids.alice }, auth('bob'));
    expect(other.data).toEqual(anon.data);
    const admin = await t.gql(q, { id: ids.alice }, auth('admin'));
    expect(admin.data).toMatchObject({ user: { fullname: 'Alice Owner', emailAddr: 'alice@example.com', apiKey: expect.any(String) } });
  });

  it('shows fullname and created to others once the user leaves privacy mode', async () => {
    await t.gql(`mutation($id: Int!) { updateUser(id: $id, input: { privacyMode: false }) { id } }`, { id: ids.bob }, auth('bob'));
    const r = await t.gql(`query($id: Int!) { user(id: $id) { fullname created emailAddr } }`, { id: ids.bob });
    expect(r.data).toMatchObject({ user: { fullname: 'Bob Volunteer', created: expect.any(String), emailAddr: null } });
  });
});

describe('user mutations', () => {
  it('registers a user with field-level validation errors', async () => {
    const bad = await t.gql('mutation { createUser(input: { name: "x", email: "nope", password: "short" }) { id } }');
    expect(bad.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect((bad.errors?.[0]?.extensions?.fields as { field: string }[]).map((f) => f.field)).toEqual(['name', 'email', 'password']);
    const ok = await t.gql('mutation { createUser(input: { name: "dave", email: "dave@example.com", password: "dave-password" }) { name } }');
    expect(ok.data).toEqual({ createUser: { name: 'dave' } });
    const dup = await t.gql('mutation { createUser(input: { name: "dave", email: "dave2@example.com", password: "dave-password" }) { name } }');
    expect(dup.errors?.[0]?.extensions?.code).toBe('CONFLICT');
  });

  it('lets only admins grant admin', async () => {
    const r = await t.gql(`mutation($id: Int!) { updateUser(id: $id, input: { admin: true }) { id } }`, { id: ids.bob }, auth('bob'));
    expect(r.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    const other = await t.gql(`mutation($id: Int!) { updateUser(id: $id, input: { fullname: "X" }) { id } }`, { id: ids.alice }, auth('bob'));
    expect(other.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const anon = await t.gql(`mutation($id: Int!) { updateUser(id: $id, input: { fullname: "X" }) { id } }`, { id: ids.alice });
    expect(anon.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
  });

  it('keeps a GraphQL session when the user issues a JSend token (only a password change revokes it)', async () => {
    const issued = await t.app.inject({ method: 'POST', url: '/api/token', payload: { user_id: 'bob', password: 'bob-password' } });
    expect(issued.json().status).toBe('success');
    expect((await t.gql('{ me { name } }', {}, auth('bob'))).data).toEqual({ me: { name: 'bob' } });
  });

  it('revokes tokens when the password changes', async () => {
    const login = await t.gql<{ login: { token: string; user: { id: number } } }>('mutation { login(nameOrEmail: "dave", password: "dave-password") { token user { id } } }');
    const { token, user } = login.data!.login;
    const headers = { authorization: `Bearer ${token}` };
    const wrong = await t.gql(`mutation($id: Int!) { updateUser(id: $id, input: { password: "new-password-1", currentPassword: "bad" }) { id } }`, { id: user.id }, headers);
    expect(wrong.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    await t.gql(`mutation($id: Int!) { updateUser(id: $id, input: { password: "new-password-1", currentPassword: "dave-password" }) { id } }`, { id: user.id }, headers);
    expect((await t.gql('{ me { name } }', {}, headers)).data).toEqual({ me: null });
  });
});
