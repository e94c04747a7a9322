// Every credential derived from a user's password dies together: a password change, an
// administrator's reset, a deactivation and JSend's invalidate revoke the GraphQL session, the JSend
// token, the OpenTrack v1 bearer and the older API's static token. An email change asks for the
// current password. The PYBOSSA API key survives those and is rotated by its owner (rotateApiKey).
import 'reflect-metadata';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../helpers/app.ts';
import { seedAndSignIn, type DemoSession } from '../helpers/demo.ts';
import { createUser } from './opentrack-helpers.ts';

let t: TestApp;
let demo: DemoSession;

beforeAll(async () => {
  t = await startTestApp();
  demo = await seedAndSignIn(t);
});
afterAll(async () => t?.close());

const form = (fields: Record<string, string>) => ({
  headers: { 'content-type': 'application/x-www-form-urlencoded' },
  payload: new URLSearchParams(fields).toString(),
});

interface Held {
  session: string;
  jsend: string;
  opentrack: string;
  staticToken: string;
  apiKey: string;
}

/** Signs in every way there is and keeps what each gave. */
async function signInEverywhere(name: string, password: string): Promise<Held> {
  const login = await t.gql<{ login: { token: string } }>('mutation($n: String!, $p: String!) { login(nameOrEmail: $n, password: $p) { token } }', { n: name, p: password });
  const me = await t.gql<{ me: { apiKey: string } }>('{ me { apiKey } }', {}, { authorization: `Bearer ${login.data!.login.token}` });
  const jsend = (await t.app.inject({ method: 'POST', url: '/api/token', payload: { user_id: name, password } })).json();
  const v1 = (await t.app.inject({ method: 'POST', url: '/api/v1/auth/token', ...form({ username: name, password }) })).json();
  const drf = (await t.app.inject({ method: 'POST', url: '/api/get-auth-token/', ...form({ username: name, password }) })).json();
  return { session: login.data!.login.token, jsend: jsend.data.token, opentrack: v1.access_token, staticToken: drf.token, apiKey: me.data!.me.apiKey };
}

/** Which of the held credentials still work, each at its own route. */
async function alive(held: Held): Promise<Record<keyof Held, boolean>> {
  const me = await t.gql<{ me: { id: number } | null }>('{ me { id } }', {}, { authorization: `Bearer ${held.session}` });
  const jsend = await t.app.inject({ url: '/api/me', headers: { authorization: held.jsend } });
  const v1 = await t.app.inject({ url: '/api/v1/competitions/?limit=1', headers: { authorization: `Bearer ${held.opentrack}` } });
  const hello = await t.app.inject({ url: '/api/hello/', headers: { authorization: `Token ${held.staticToken}` } });
  const pybossa = await t.app.inject({ url: `/api/project/1/userprogress?api_key=${held.apiKey}` });
  const viaKey = await t.app.inject({ method: 'PUT', url: `/api/user/${demo.ids.bob}?api_key=${held.apiKey}`, payload: { locale: 'en' } });
  return {
    session: me.data?.me !== null && me.data?.me !== undefined,
    jsend: jsend.json().status === 'success',
    opentrack: v1.statusCode === 200,
    staticToken: hello.statusCode === 200,
    apiKey: pybossa.statusCode === 200 && viaKey.statusCode !== 401,
  };
}

const allAlive = { session: true, jsend: true, opentrack: true, staticToken: true, apiKey: true };
const onlyApiKey = { session: false, jsend: false, opentrack: false, staticToken: false, apiKey: true };

const updateUser = (id: number, input: Record<string, unknown>, headers: Record<string, string>) =>
  t.gql('mutation($id: Int!, $input: UpdateUserInput!) { updateUser(id: $id, input: $input) { id emailAddr } }', { id, input }, headers);

describe('revoking every credential derived from the password', () => {
  it('a password change (with the current password) revokes session, JSend, OpenTrack v1 and static tokens', async () => {
    const id = await createUser(t, 'rev-change');
    const held = await signInEverywhere('rev-change', 'rev-change-password');
    expect(await alive(held)).toEqual(allAlive);
    const changed = await updateUser(id, { password: 'rev-change-password-2', currentPassword: 'rev-change-password' }, { authorization: `Bearer ${held.session}` });
    expect(changed.errors).toBeUndefined();
    expect(await alive(held)).toEqual(onlyApiKey);
    // Signing in again with the new password gives working credentials of every kind.
    expect(await alive(await signInEverywhere('rev-change', 'rev-change-password-2'))).toEqual(allAlive);
  });

  it("an administrator's reset of the password revokes them too", async () => {
    const id = await createUser(t, 'rev-reset');
    const held = await signInEverywhere('rev-reset', 'rev-reset-password');
    expect((await updateUser(id, { password: 'rev-reset-password-2' }, demo.as('admin'))).errors).toBeUndefined();
    expect(await alive(held)).toEqual(onlyApiKey);
  });

  it('a deactivation revokes them for good: reactivating the account does not bring them back', async () => {
    const id = await createUser(t, 'rev-inactive');
    const held = await signInEverywhere('rev-inactive', 'rev-inactive-password');
    expect((await updateUser(id, { active: false }, demo.as('admin'))).errors).toBeUndefined();
    expect((await alive(held)).session).toBe(false);
    expect((await updateUser(id, { active: true }, demo.as('admin'))).errors).toBeUndefined();
    expect(await alive(held)).toEqual(onlyApiKey);
  });

  it("JSend's invalidate revokes every session credential, as its description says", async () => {
    await createUser(t, 'rev-invalidate');
    const held = await signInEverywhere('rev-invalidate', 'rev-invalidate-password');
    const r = await t.app.inject({ method: 'POST', url: '/api/token/invalidate', payload: { user_id: 'rev-invalidate', password: 'rev-invalidate-password' } });
    expect(r.json()).toEqual({ status: 'success', data: null });
    expect(await alive(held)).toEqual(onlyApiKey);
    const schema = await t.gql<{ __type: { fields: { name: string; description: string }[] } }>('{ __type(name: "Mutation") { fields { name description } } }');
    const description = schema.data!.__type.fields.find((f) => f.name === 'invalidateJsendToken')!.description;
    expect(description).toMatch(/OpenTrack/);
  });

  it('a new JSend token replaces the older JSend token only: the session and OpenTrack tokens live on', async () => {
    await createUser(t, 'rev-new-jsend');
    const held = await signInEverywhere('rev-new-jsend', 'rev-new-jsend-password');
    await t.app.inject({ method: 'POST', url: '/api/token', payload: { user_id: 'rev-new-jsend', password: 'rev-new-jsend-password' } });
    expect(await alive(held)).toEqual({ ...allAlive, jsend: false });
  });
});

describe('changing the email', () => {
  it('asks for the current password, as a password change does; the same email sent back needs none', async () => {
    const id = await createUser(t, 'rev-email');
    const held = await signInEverywhere('rev-email', 'rev-email-password');
    const session = { authorization: `Bearer ${held.session}` };
    const without = await updateUser(id, { email: 'taken-over@example.com' }, session);
    expect(without.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(without.errors?.[0]?.extensions?.fields).toEqual([expect.objectContaining({ field: 'currentPassword' })]);
    const wrong = await updateUser(id, { email: 'taken-over@example.com', currentPassword: 'not-it-at-all' }, session);
    expect(wrong.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    // PYBOSSA clients send back what they read: the unchanged email passes, a new one is refused.
    const same = await t.app.inject({ method: 'PUT', url: `/api/user/${id}?api_key=${held.apiKey}`, payload: { email_addr: 'rev-email@example.com', locale: 'en' } });
    expect(same.statusCode).toBe(200);
    const changedByKey = await t.app.inject({ method: 'PUT', url: `/api/user/${id}?api_key=${held.apiKey}`, payload: { email_addr: 'taken-over@example.com' } });
    expect(changedByKey.statusCode).toBeGreaterThanOrEqual(400);
    expect(changedByKey.statusCode).toBeLessThan(500);
    expect(changedByKey.json()).toMatchObject({ status: 'failed' });
    const right = await updateUser(id, { email: 'rev-email-2@example.com', currentPassword: 'rev-email-password' }, session);
    expect(right.data).toEqual({ updateUser: { id, emailAddr: 'rev-email-2@example.com' } });
    // An administrator changing someone else's email needs no password of theirs.
    expect((await updateUser(id, { email: 'rev-email-3@example.com' }, demo.as('admin'))).errors).toBeUndefined();
  });
});

describe('rotateApiKey', () => {
  it("gives the owner a new PYBOSSA API key; the old one stops working at once, nothing else changes", async () => {
    await createUser(t, 'rev-key');
    const held = await signInEverywhere('rev-key', 'rev-key-password');
    const r = await t.gql<{ rotateApiKey: string }>('mutation { rotateApiKey }', {}, { authorization: `Bearer ${held.session}` });
    expect(r.errors).toBeUndefined();
    const fresh = r.data!.rotateApiKey;
    expect(fresh).not.toBe(held.apiKey);
    expect(fresh).toMatch(/^[\w-]{32,}$/);
    expect(await alive(held)).toEqual({ ...allAlive, apiKey: false });
    expect((await alive({ ...held, apiKey: fresh })).apiKey).toBe(true);
    const me = await t.gql<{ me: { apiKey: string } }>('{ me { apiKey } }', {}, { authorization: `Bearer ${held.session}` });
    expect(me.data!.me.apiKey).toBe(fresh);
  });

  it('needs a signed-in user', async () => {
    const r = await t.gql('mutation { rotateApiKey }');
    expect(r.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
  });
});
