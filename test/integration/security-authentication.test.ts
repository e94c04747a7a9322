// OWASP API2 broken authentication: forged, expired, re-typed and rotated tokens are refused by
// every dialect, and guessing passwords or secrets on any login or token route is rate limited.
import 'reflect-metadata';
import jwt from 'jsonwebtoken';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../helpers/app.ts';
import { seedAndSignIn, type DemoSession } from '../helpers/demo.ts';

let t: TestApp;
let demo: DemoSession;

beforeAll(async () => {
  t = await startTestApp();
  demo = await seedAndSignIn(t);
});
afterAll(async () => t?.close());

const base64 = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');

/** Asks every dialect "who am I?" with this Authorization header; true where it was accepted. */
async function acceptedBy(authorization: string): Promise<Record<string, boolean>> {
  const headers = { authorization };
  const graphql = await t.gql<{ me: { name: string } | null }>('{ me { name } }', {}, headers);
  const jsend = await t.app.inject({ url: '/api/me', headers });
  const v1 = await t.app.inject({ url: '/api/v1/competitions?limit=1', headers });
  const legacy = await t.app.inject({ url: '/api/hello/', headers });
  const pybossa = await t.app.inject({ method: 'PUT', url: `/api/user/${demo.ids.bob}`, headers, payload: { locale: 'en' } });
  return {
    graphql: graphql.data?.me !== null,
    jsend: jsend.json().status === 'success',
    opentrackV1: v1.statusCode === 200,
    opentrackLegacy: legacy.statusCode === 200,
    pybossa: pybossa.statusCode === 200,
  };
}

const nowhere = { graphql: false, jsend: false, opentrackV1: false, opentrackLegacy: false, pybossa: false };

describe('API2 forged and stale tokens', () => {
  const secret = () => t.config.jwtSecret;
  const bobId = () => String(demo.ids.bob);

  it('a genuine session token is accepted by GraphQL only (the control; test/integration/token-kinds.test.ts has every kind)', async () => {
    expect(await acceptedBy(demo.as('bob').authorization!)).toEqual({ ...nowhere, graphql: true });
  });

  it('refuses alg "none", another key, another HMAC algorithm and a tampered payload', async () => {
    const [header, , signature] = demo.as('admin').authorization!.slice('Bearer '.length).split('.');
    const forgeries = [
      `${base64({ alg: 'none', typ: 'JWT' })}.${base64({ typ: 'session', sub: bobId() })}.`,
      jwt.sign({ typ: 'session', sub: bobId() }, 'not-the-gateway-secret-at-all'),
      jwt.sign({ typ: 'session', sub: bobId() }, secret(), { algorithm: 'HS512' }),
      `${header}.${base64({ typ: 'session', sub: bobId() })}.${signature}`,
    ];
    for (const token of forgeries) {
      expect(await acceptedBy(`Bearer ${token}`), token).toEqual(nowhere);
      expect(await acceptedBy(token), token).toEqual(nowhere);
    }
  });

  it('refuses expired tokens and tokens made for another purpose', async () => {
    // Issued by this gateway, so each is refused for the reason named.
    const issuer = t.config.baseUrl;
    const expired = jwt.sign({ typ: 'opentrack', sub: bobId(), exp: Math.floor(Date.now() / 1000) - 5 }, secret(), { issuer });
    expect(await acceptedBy(`Bearer ${expired}`)).toEqual(nowhere);
    const override = jwt.sign({ typ: 'override', sub: bobId(), name: 'x', date: '2030-01-01' }, secret(), { issuer });
    expect(await acceptedBy(`Bearer ${override}`)).toEqual(nowhere);
    const untyped = jwt.sign({ sub: bobId() }, secret(), { issuer });
    expect(await acceptedBy(`Bearer ${untyped}`)).toEqual(nowhere);
  });

  it('refuses rotated tokens: an older JSend token after a new one, any after invalidate, sessions after invalidate and a password change', async () => {
    const issue = async () => (await t.app.inject({ method: 'POST', url: '/api/token', payload: { user_id: 'carol', password: 'carol-password' } })).json().data.token as string;
    const first = await issue();
    expect((await acceptedBy(first)).jsend).toBe(true);
    const second = await issue();
    expect(await acceptedBy(first)).toEqual(nowhere);
    expect((await acceptedBy(second)).jsend).toBe(true);
    const before = demo.as('carol').authorization!;
    expect((await acceptedBy(before)).graphql).toBe(true);
    await t.app.inject({ method: 'POST', url: '/api/token/invalidate', payload: { user_id: 'carol', password: 'carol-password' } });
    expect(await acceptedBy(second)).toEqual(nowhere);
    // Invalidate revokes the session tokens too (test/integration/credential-revocation.test.ts has every kind).
    expect(await acceptedBy(before)).toEqual(nowhere);

    const login = await t.gql<{ login: { token: string } }>('mutation { login(nameOrEmail: "carol", password: "carol-password") { token } }');
    const session = `Bearer ${login.data!.login.token}`;
    expect((await acceptedBy(session)).graphql).toBe(true);
    await t.gql('mutation($id: Int!) { updateUser(id: $id, input: { password: "carol-password-2", currentPassword: "carol-password" }) { id } }', { id: demo.ids.carol }, { authorization: session });
    expect(await acceptedBy(session)).toEqual(nowhere);
  });
});

describe('API2 credential guessing is rate limited on every login and token route', () => {
  let limited: TestApp;
  let limitedDemo: DemoSession;
  // At most 3 failed guesses at one account (or race-server user) per address and window.
  beforeAll(async () => {
    limited = await startTestApp({ CREDENTIAL_GUESSES_PER_TARGET: '3' });
    limitedDemo = await seedAndSignIn(limited);
  });
  afterAll(async () => limited?.close());

  // The password routes share one count per account: each test guesses at its own demo user.
  const statusesOf = async (attempt: (password: string) => Promise<{ status: number; refusedAsLimited: boolean }>, user = 'alice') => {
    const outcomes = [];
    for (let i = 0; i < 4; i++) outcomes.push(await attempt(`wrong-${i}`));
    // Once limited, even the right password is refused for the rest of the window.
    outcomes.push(await attempt(`${user}-password`));
    return outcomes.map((o) => (o.refusedAsLimited ? 'limited' : String(o.status)));
  };

  it('GraphQL login', async () => {
    const outcomes = await statusesOf(async (password) => {
      const r = await limited.gql('mutation($p: String!) { login(nameOrEmail: "alice", password: $p) { token } }', { p: password });
      const code = r.errors?.[0]?.extensions?.code;
      return { status: code === 'UNAUTHENTICATED' ? 401 : r.status, refusedAsLimited: code === 'RATE_LIMITED' };
    });
    expect(outcomes).toEqual(['401', '401', '401', 'limited', 'limited']);
  });

  it('JSend POST /api/token (answered in the envelope, HTTP 200)', async () => {
    const outcomes = await statusesOf(async (password) => {
      const r = await limited.app.inject({ method: 'POST', url: '/api/token', payload: { user_id: 'bob', password } });
      const body = r.json();
      return { status: body.status === 'fail' ? 401 : 200, refusedAsLimited: body.status === 'fail' && /too many/i.test(body.message) };
    }, 'bob');
    expect(outcomes).toEqual(['401', '401', '401', 'limited', 'limited']);
  });

  it('OpenTrack POST /api/v1/auth/token and the older POST /api/get-auth-token/', async () => {
    const v1 = await statusesOf(async (password) => {
      const r = await limited.app.inject({ method: 'POST', url: '/api/v1/auth/token', payload: new URLSearchParams({ username: 'carol', password }).toString(), headers: { 'content-type': 'application/x-www-form-urlencoded' } });
      return { status: r.statusCode, refusedAsLimited: r.statusCode === 429 };
    }, 'carol');
    expect(v1).toEqual(['401', '401', '401', 'limited', 'limited']);
    const legacy = await statusesOf(async (password) => {
      const r = await limited.app.inject({ method: 'POST', url: '/api/get-auth-token/', payload: new URLSearchParams({ username: 'carol', password }).toString(), headers: { 'content-type': 'application/x-www-form-urlencoded' } });
      return { status: r.statusCode, refusedAsLimited: r.statusCode === 429 };
    }, 'carol');
    // The same address already spent carol's guesses on the v1 route: both routes share the count.
    expect(legacy).toEqual(['limited', 'limited', 'limited', 'limited', 'limited']);
  });

  it('race-server upload secrets', async () => {
    const keys = await limited.gql<{ generateApiKeys: { raceApiKey: string }[] }>('mutation { generateApiKeys(usernames: ["bob"]) { raceApiKey } }', {}, limitedDemo.as('admin'));
    const key = keys.data!.generateApiKeys[0]!.raceApiKey;
    // With no secret set nothing is guessed ("missing secret"): bob sets one first.
    await limited.gql('mutation { setApiSecret(secret: "bob-secret") { setAt } }', {}, limitedDemo.as('bob'));
    const outcomes = [];
    for (const secret of ['guess-1', 'guess-2', 'guess-3', 'guess-4']) {
      const r = await limited.app.inject({ method: 'POST', url: '/api/upload', headers: { 'content-type': 'application/x-www-form-urlencoded' }, payload: new URLSearchParams({ user: 'bob', key, secret, buggy_json: '{}' }).toString() });
      outcomes.push(r.statusCode === 429 ? 'limited' : String(r.statusCode));
    }
    expect(outcomes).toEqual(['401', '401', '401', 'limited']);
  });
});
