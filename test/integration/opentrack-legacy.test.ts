// OpenTrack's older API: static tokens, the Token header, hello and my-competitions, DRF error shapes.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../helpers/app.ts';
import { seedDemo } from '../../src/seed/demo.ts';
import { year } from './opentrack-helpers.ts';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
  await seedDemo(t.database.db);
});
afterAll(async () => t?.close());

const getToken = (fields: Record<string, string>) =>
  t.app.inject({ method: 'POST', url: '/api/get-auth-token/', headers: { 'content-type': 'application/x-www-form-urlencoded' }, payload: new URLSearchParams(fields).toString() });

describe('POST /api/get-auth-token/', () => {
  it('returns the same static token on every login, by email or name, form or JSON, with or without the slash', async () => {
    const first = await getToken({ username: 'carol@example.com', password: 'carol-password' });
    expect(first.statusCode).toBe(200);
    expect(Object.keys(first.json())).toEqual(['token']);
    const again = await t.app.inject({ method: 'POST', url: '/api/get-auth-token', payload: { username: 'carol', password: 'carol-password' } });
    expect(again.json().token).toBe(first.json().token);
  });

  it("answers DRF's 400 shapes for bad credentials and missing fields, with no token key", async () => {
    const wrong = await getToken({ username: 'carol', password: 'wrong-password' });
    expect(wrong.statusCode).toBe(400);
    expect(wrong.json()).toEqual({ non_field_errors: ['Unable to log in with provided credentials.'] });
    const missing = await getToken({ username: 'carol' });
    expect(missing.statusCode).toBe(400);
    expect(missing.json()).toEqual({ password: ['This field is required.'] });
    const blank = await getToken({ username: '', password: '' });
    expect(blank.json()).toEqual({ username: ['This field may not be blank.'], password: ['This field may not be blank.'] });
  });

  it('can be revoked through GraphQL; the old token then stops working and a new one is issued', async () => {
    const old = (await getToken({ username: 'bob', password: 'bob-password' })).json().token;
    // GraphQL takes session tokens only: the static token cannot sign in there.
    expect((await t.gql('mutation { revokeStaticToken }', {}, { authorization: `Token ${old}` })).errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    const login = await t.gql<{ login: { token: string } }>('mutation { login(nameOrEmail: "bob", password: "bob-password") { token } }');
    const revoked = await t.gql('mutation { revokeStaticToken }', {}, { authorization: `Bearer ${login.data!.login.token}` });
    expect(revoked.data).toEqual({ revokeStaticToken: true });
    expect((await t.app.inject({ method: 'GET', url: '/api/hello/', headers: { authorization: `Token ${old}` } })).statusCode).toBe(401);
    const fresh = (await getToken({ username: 'bob', password: 'bob-password' })).json().token;
    expect(fresh).not.toBe(old);
  });
});

describe('GET /api/hello/', () => {
  it('greets the user by full name and email', async () => {
    const token = (await getToken({ username: 'alice', password: 'alice-password' })).json().token;
    const r = await t.app.inject({ method: 'GET', url: '/api/hello', headers: { authorization: `Token ${token}` } });
    expect(r.json()).toEqual({ message: 'Hello, Alice Owner <alice@example.com>!' });
  });

  it('answers 401 with WWW-Authenticate: Token without credentials or with a bad token', async () => {
    const none = await t.app.inject({ method: 'GET', url: '/api/hello/' });
    expect(none.statusCode).toBe(401);
    expect(none.headers['www-authenticate']).toBe('Token');
    expect(none.json()).toEqual({ detail: 'Authentication credentials were not provided.' });
    const bad = await t.app.inject({ method: 'GET', url: '/api/hello/', headers: { authorization: 'Token not-a-token' } });
    expect(bad.statusCode).toBe(401);
    expect(bad.json()).toEqual({ detail: 'Invalid token.' });
  });
});

describe('GET /api/my-competitions/', () => {
  let carol: Record<string, string>;
  beforeAll(async () => {
    carol = { authorization: `Token ${(await getToken({ username: 'carol', password: 'carol-password' })).json().token}` };
  });

  it("lists the caller's competitions newest first, each with date, name, id, url, country and role", async () => {
    const r = await t.app.inject({ method: 'GET', url: '/api/my-competitions/', headers: carol });
    expect(r.statusCode).toBe(200);
    const { competitions } = r.json();
    expect(competitions.map((c: { name: string }) => c.name)).toEqual(['London Indoor Open', 'British Athletics Championships']);
    expect(competitions[0]).toEqual({
      date: `${year + 1}-02-07`,
      name: 'London Indoor Open',
      id: expect.stringMatching(/^[0-9a-f-]{36}$/),
      url: `/en-gb/x/${year + 1}/GBR/london-indoor-open-${year + 1}/`,
      country: 'GBR',
      role: 'DIRECTOR',
    });
  });

  it('keeps competitions starting on or before to_date (a date-time or a date, inclusive)', async () => {
    const onTheDay = await t.app.inject({ method: 'GET', url: `/api/my-competitions/?to_date=${year + 1}-02-07T00:00:00Z`, headers: carol });
    expect(onTheDay.json().competitions).toHaveLength(2);
    const before = await t.app.inject({ method: 'GET', url: `/api/my-competitions?to_date=${year + 1}-02-06`, headers: carol });
    expect(before.json().competitions.map((c: { name: string }) => c.name)).toEqual(['British Athletics Championships']);
  });

  it('answers 400 for a to_date that is not a date, and 401 without a token', async () => {
    const bad = await t.app.inject({ method: 'GET', url: '/api/my-competitions/?to_date=soon', headers: carol });
    expect(bad.statusCode).toBe(400);
    expect(bad.json()).toEqual({ to_date: ['Enter a valid date/time.'] });
    const impossible = await t.app.inject({ method: 'GET', url: '/api/my-competitions/?to_date=2026-02-30', headers: carol });
    expect(impossible.statusCode).toBe(400);
    expect((await t.app.inject({ method: 'GET', url: '/api/my-competitions/' })).statusCode).toBe(401);
  });

  it('lists nothing for a user who directs nothing', async () => {
    const bob = (await getToken({ username: 'bob', password: 'bob-password' })).json().token;
    const r = await t.app.inject({ method: 'GET', url: '/api/my-competitions/', headers: { authorization: `Token ${bob}` } });
    expect(r.json()).toEqual({ competitions: [] });
  });
});
