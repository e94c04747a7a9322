// GraphQL side of the credentials dialects: race-server keys, secrets and settings, the buggy of the
// signed-in user, and JSend tokens over /graphql.
import 'reflect-metadata';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../helpers/app.ts';
import { seedDemo } from '../../src/seed/demo.ts';
import { setClock } from '../../src/domain/credentials/clock.ts';

let t: TestApp;
const tokens: Record<string, string> = {};
const ids: Record<string, number> = {};
const as = (name: string) => ({ authorization: `Bearer ${tokens[name]}` });

async function signIn(name: string) {
  const r = await t.gql<{ login: { token: string; user: { id: number } } }>(
    'mutation($n: String!, $p: String!) { login(nameOrEmail: $n, password: $p) { token user { id } } }',
    { n: name, p: `${name}-password` },
  );
  tokens[name] = r.data!.login.token;
  ids[name] = r.data!.login.user.id;
}

beforeAll(async () => {
  // Environment defaults that differ from the built-in ones, to see where settings come from.
  t = await startTestApp({ API_SECRET_TIME_TO_LIVE: '1800', TASK_NAME_FOR_API: '5-API' });
  await seedDemo(t.database.db);
  for (const name of ['admin', 'alice', 'bob', 'carol']) await signIn(name);
});
afterAll(async () => t?.close());
afterEach(() => setClock());

const GENERATE = 'mutation($u: [String!]!) { generateApiKeys(usernames: $u) { name raceApiKey } }';
const CLEAR = 'mutation($u: [String!]!) { clearApiKeys(usernames: $u) { name raceApiKey } }';
const SET_SECRET = 'mutation($s: String!, $o: Boolean) { setApiSecret(secret: $s, oneTime: $o) { setAt expiresAt oneTime used expired } }';

describe('race-server API keys', () => {
  it('lets administrators generate a fresh 16-character upper-case hex key per user', async () => {
    const r = await t.gql<{ generateApiKeys: { name: string; raceApiKey: string }[] }>(GENERATE, { u: ['bob', 'alice', 'bob'] }, as('admin'));
    expect(r.errors).toBeUndefined();
    const keys = r.data!.generateApiKeys;
    expect(keys.map((k) => k.name)).toEqual(['alice', 'bob']);
    for (const k of keys) expect(k.raceApiKey).toMatch(/^[0-9A-F]{16}$/);
    expect(keys[0]!.raceApiKey).not.toBe(keys[1]!.raceApiKey);
    const again = await t.gql<{ generateApiKeys: { raceApiKey: string }[] }>(GENERATE, { u: ['bob'] }, as('admin'));
    expect(again.data!.generateApiKeys[0]!.raceApiKey).not.toBe(keys[1]!.raceApiKey);
  });

  it('shows a key to its user and administrators only', async () => {
    const q = 'query($id: Int!) { user(id: $id) { raceApiKey } }';
    expect((await t.gql(q, { id: ids.bob }, as('bob'))).data).toEqual({ user: { raceApiKey: expect.stringMatching(/^[0-9A-F]{16}$/) } });
    expect((await t.gql(q, { id: ids.bob }, as('alice'))).data).toEqual({ user: { raceApiKey: null } });
    expect((await t.gql(q, { id: ids.bob })).data).toEqual({ user: { raceApiKey: null } });
  });

  it('refuses non-administrators, and unknown names without changing anyone', async () => {
    expect((await t.gql(GENERATE, { u: ['bob'] }, as('bob'))).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect((await t.gql(GENERATE, { u: ['bob'] })).errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    const before = (await t.gql<{ me: { raceApiKey: string } }>('{ me { raceApiKey } }', {}, as('bob'))).data!.me.raceApiKey;
    const r = await t.gql(GENERATE, { u: ['bob', 'nobody'] }, as('admin'));
    expect(r.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(r.errors?.[0]?.message).toContain('"nobody"');
    expect((await t.gql(CLEAR, { u: ['bob', 'nobody'] }, as('admin'))).errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect((await t.gql(GENERATE, { u: [] }, as('admin'))).errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    const after = (await t.gql<{ me: { raceApiKey: string } }>('{ me { raceApiKey } }', {}, as('bob'))).data!.me.raceApiKey;
    expect(after).toBe(before);
  });

  it('clears keys', async () => {
    const r = await t.gql(CLEAR, { u: ['alice'] }, as('admin'));
    expect(r.data).toEqual({ clearApiKeys: [{ name: 'alice', raceApiKey: null }] });
  });
});

describe('race-server API secrets', () => {
  it('stores the secret hashed and reports when it expires', async () => {
    const at = new Date('2031-05-01T10:00:00.000Z');
    setClock(() => at);
    const r = await t.gql<{ setApiSecret: Record<string, unknown> }>(SET_SECRET, { s: 'open-sesame' }, as('bob'));
    expect(r.data!.setApiSecret).toEqual({
      setAt: '2031-05-01T10:00:00.000Z',
      expiresAt: '2031-05-01T10:30:00.000Z', // API_SECRET_TIME_TO_LIVE=1800 from the environment
      oneTime: false,
      used: false,
      expired: false,
    });
    const row = await t.database.db.selectFrom('users').select(['api_secret_hash', 'api_secret_count']).where('name', '=', 'bob').executeTakeFirstOrThrow();
    expect(row.api_secret_hash).toMatch(/^hmac-sha256\$/);
    expect(row.api_secret_hash).not.toContain('open-sesame');
    // Nobody else sees the secret's state; its owner does.
    expect((await t.gql('query($id: Int!) { user(id: $id) { apiSecret { setAt } } }', { id: ids.bob }, as('alice'))).data).toEqual({ user: { apiSecret: null } });
    setClock(() => new Date(at.getTime() + 1801_000));
    expect((await t.gql('{ me { apiSecret { expired } } }', {}, as('bob'))).data).toEqual({ me: { apiSecret: { expired: true } } });
  });

  it('refuses secrets that are too short, too long, contain spaces or repeat the current one', async () => {
    for (const [secret, field] of [
      ['abc', 'secret'],
      ['x'.repeat(65), 'secret'],
      ['open sesame', 'secret'],
      ['open-sesame', 'secret'],
    ] as const) {
      const r = await t.gql(SET_SECRET, { s: secret }, as('bob'));
      expect(r.errors?.[0]?.extensions?.code, secret).toBe('BAD_USER_INPUT');
      expect((r.errors?.[0]?.extensions?.fields as { field: string }[])[0]!.field).toBe(field);
    }
    expect((await t.gql(SET_SECRET, { s: 'open-sesame' }, as('bob'))).errors?.[0]?.message).toBe('The new secret must be different from the last one.');
    expect((await t.gql(SET_SECRET, { s: 'abcd' }, as('bob'))).errors).toBeUndefined();
    expect((await t.gql(SET_SECRET, { s: 'y'.repeat(64) }, as('bob'))).errors).toBeUndefined();
    expect((await t.gql(SET_SECRET, { s: 'abcd' })).errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
  });

  it('lets users choose one-time secrets only where the settings allow it', async () => {
    expect((await t.gql<{ setApiSecret: { oneTime: boolean } }>(SET_SECRET, { s: 'otp-choice-1', o: true }, as('carol'))).data!.setApiSecret.oneTime).toBe(true);
    await t.gql('mutation { updateSettings(input: { isStudentApiOtpAllowed: false, isApiSecretOneTimePw: false }) { overridden } }', {}, as('admin'));
    try {
      const refused = await t.gql(SET_SECRET, { s: 'otp-choice-2', o: true }, as('carol'));
      expect(refused.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
      expect((refused.errors?.[0]?.extensions?.fields as { field: string }[])[0]!.field).toBe('oneTime');
      // Left out, the global setting decides.
      expect((await t.gql<{ setApiSecret: { oneTime: boolean } }>(SET_SECRET, { s: 'otp-choice-3' }, as('carol'))).data!.setApiSecret.oneTime).toBe(false);
    } finally {
      await t.gql('mutation { updateSettings(reset: [IS_STUDENT_API_OTP_ALLOWED, IS_API_SECRET_ONE_TIME_PW]) { overridden } }', {}, as('admin'));
    }
  });
});

describe('settings', () => {
  const SETTINGS = '{ settings { apiSecretTimeToLive isApiSecretOneTimePw isStudentApiOtpAllowed taskNameForApi isAdminApiEnabled overridden } }';

  it('reads the environment defaults until an administrator changes them', async () => {
    expect((await t.gql(SETTINGS)).data).toEqual({
      settings: {
        apiSecretTimeToLive: 1800,
        isApiSecretOneTimePw: false,
        isStudentApiOtpAllowed: true,
        taskNameForApi: '5-API',
        isAdminApiEnabled: false,
        overridden: [],
      },
    });
    const changed = await t.gql(
      'mutation { updateSettings(input: { apiSecretTimeToLive: 60, taskNameForApi: " 4-API,5-API ", isAdminApiEnabled: true }) { apiSecretTimeToLive taskNameForApi isAdminApiEnabled overridden } }',
      {},
      as('admin'),
    );
    expect(changed.data).toEqual({
      updateSettings: { apiSecretTimeToLive: 60, taskNameForApi: '4-API,5-API', isAdminApiEnabled: true, overridden: ['API_SECRET_TIME_TO_LIVE', 'TASK_NAME_FOR_API', 'IS_ADMIN_API_ENABLED'] },
    });
    expect((await t.gql<{ settings: { apiSecretTimeToLive: number } }>(SETTINGS)).data!.settings.apiSecretTimeToLive).toBe(60);
    const reset = await t.gql('mutation { updateSettings(reset: [API_SECRET_TIME_TO_LIVE, TASK_NAME_FOR_API, IS_ADMIN_API_ENABLED]) { apiSecretTimeToLive taskNameForApi overridden } }', {}, as('admin'));
    expect(reset.data).toEqual({ updateSettings: { apiSecretTimeToLive: 1800, taskNameForApi: '5-API', overridden: [] } });
  });

  it('refuses bad values and non-administrators, changing nothing', async () => {
    const bad = await t.gql('mutation { updateSettings(input: { apiSecretTimeToLive: -1, isAdminApiEnabled: true }) { overridden } }', {}, as('admin'));
    expect(bad.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect((await t.gql('mutation { updateSettings(input: { isAdminApiEnabled: true }) { overridden } }', {}, as('bob'))).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect((await t.gql<{ settings: { overridden: string[] } }>(SETTINGS)).data!.settings.overridden).toEqual([]);
  });
});

describe('buggy of the signed-in user', () => {
  const UPLOAD = 'mutation($j: String!) { uploadBuggy(json: $j) { ok error created buggy { qtyWheels powerType totalCost mass json } } }';

  it('creates, then replaces the whole buggy, recomputing cost and mass', async () => {
    const first = await t.gql(UPLOAD, { j: '{"qty_wheels": 6, "armour": "titanium", "fireproof": "yes"}' }, as('alice'));
    expect(first.data).toEqual({
      uploadBuggy: {
        ok: 'buggy created OK',
        error: null,
        created: true,
        // petrol 4 + knobbly 15x4 + titanium 290x1.2 = 412; mass 6x12 + 2 + 20x4 + 300x1.2 = 514
        buggy: { qtyWheels: 6, powerType: 'petrol', totalCost: 412, mass: 514, json: '{"qty_wheels": 6, "armour": "titanium", "fireproof": "yes"}' },
      },
    });
    const second = await t.gql(UPLOAD, { j: '{"power_type": "BIO"}' }, as('alice'));
    expect(second.data).toEqual({
      uploadBuggy: { ok: 'buggy updated OK', error: null, created: false, buggy: { qtyWheels: 4, powerType: 'bio', totalCost: 65, mass: 130, json: '{"power_type": "BIO"}' } },
    });
  });

  it('answers bad uploads as data and keeps the raw text', async () => {
    const r = await t.gql(UPLOAD, { j: '{"qty_wheels": 6,' }, as('alice'));
    expect(r.data).toEqual({ uploadBuggy: { ok: null, error: 'Failed to parse JSON data', created: false, buggy: null } });
    const me = await t.gql('{ me { latestBuggyJson buggy { qtyWheels } } }', {}, as('alice'));
    expect(me.data).toEqual({ me: { latestBuggyJson: '{"qty_wheels": 6,', buggy: { qtyWheels: 4 } } });
    expect((await t.gql(UPLOAD, { j: '  ' }, as('alice'))).data).toMatchObject({ uploadBuggy: { error: 'no JSON (buggy_json) provided' } });
    expect((await t.gql(UPLOAD, { j: '{}' })).errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
  });

  it("shows a buggy to its owner and administrators, not to others", async () => {
    const q = 'query($id: Int!) { user(id: $id) { buggy { powerType } latestBuggyJson } }';
    expect((await t.gql(q, { id: ids.alice }, as('admin'))).data).toEqual({ user: { buggy: { powerType: 'bio' }, latestBuggyJson: '{"qty_wheels": 6,' } });
    expect((await t.gql(q, { id: ids.alice }, as('bob'))).data).toEqual({ user: { buggy: null, latestBuggyJson: null } });
  });

  it('publishes the game data', async () => {
    const r = await t.gql<{ buggyGameData: Record<string, Record<string, unknown>> }>('{ buggyGameData }');
    expect(r.data!.buggyGameData.power_type!.fusion).toEqual({ cost: 400, mass: 100 });
    expect(r.data!.buggyGameData.defaults).toMatchObject({ qty_wheels: 4, flag_color: '#888888' });
  });
});

describe('JSend tokens over GraphQL', () => {
  it('issues a token that identifies its owner until the next one', async () => {
    const issue = 'mutation { issueJsendToken(userId: " Carol ", password: "carol-password") { token user { name } } }';
    const first = (await t.gql<{ issueJsendToken: { token: string } }>(issue)).data!.issueJsendToken.token;
    const owner = '{ jsendTokenOwner { userId givenName familyName } }';
    const me = async (token: string) => (await t.app.inject({ url: '/api/me', headers: { authorization: token } })).json();
    expect(await me(first)).toEqual({ status: 'success', data: { user_id: 'carol', user_given_name: 'Carol', user_family_name: 'Federation' } });
    // The JSend token is for the JSend routes: /graphql takes session tokens only.
    const overGraphql = await t.gql(owner, {}, { authorization: first });
    expect(overGraphql.errors?.[0]).toMatchObject({ message: 'Unauthenticated access. Please log in.', extensions: { code: 'UNAUTHENTICATED' } });
    await t.gql(issue);
    expect(await me(first)).toEqual({ status: 'fail', message: 'Unauthenticated access. Please log in.' });
    // A session token is not a JSend token.
    await signIn('bob');
    expect((await t.gql(owner, {}, as('bob'))).errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
  });
});
