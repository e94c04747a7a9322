// The race server's key + secret upload (docs/dialects/raceserver.md) over HTTP.
import 'reflect-metadata';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../helpers/app.ts';
import { seedDemo } from '../../src/seed/demo.ts';
import { setClock } from '../../src/domain/credentials/clock.ts';

let t: TestApp;
const sessions: Record<string, string> = {};
const keys: Record<string, string> = {};
const as = (name: string) => ({ authorization: `Bearer ${sessions[name]}` });

// Every secret is set at T0 (unless a test moves the clock); uploads happen at T0 + 1 minute.
const T0 = new Date('2031-03-01T12:00:00.000Z');
const minutesAfter = (minutes: number) => new Date(T0.getTime() + minutes * 60_000);
let clockTime = T0;
const at = (time: Date) => {
  clockTime = time;
};

async function signIn(name: string, password = `${name}-password`) {
  const r = await t.gql<{ login: { token: string } }>('mutation($n: String!, $p: String!) { login(nameOrEmail: $n, password: $p) { token } }', { n: name, p: password });
  sessions[name] = r.data!.login.token;
}

async function setSecret(name: string, secret: string, oneTime?: boolean) {
  at(T0);
  const r = await t.gql('mutation($s: String!, $o: Boolean) { setApiSecret(secret: $s, oneTime: $o) { oneTime } }', { s: secret, o: oneTime ?? null }, as(name));
  expect(r.errors).toBeUndefined();
  at(minutesAfter(1));
}

async function settings(input: string) {
  const r = await t.gql(`mutation { updateSettings(${input}) { overridden } }`, {}, as('admin'));
  expect(r.errors).toBeUndefined();
}

interface Upload {
  status: number;
  text: string;
  headers: Record<string, unknown>;
}

async function upload(fields: Record<string, string>, encoding: 'form' | 'multipart' | 'json' = 'form'): Promise<Upload> {
  let payload: string;
  let contentType: string;
  if (encoding === 'form') {
    payload = new URLSearchParams(fields).toString();
    contentType = 'application/x-www-form-urlencoded';
  } else if (encoding === 'json') {
    payload = JSON.stringify(fields);
    contentType = 'application/json';
  } else {
    const boundary = 'race-boundary';
    payload = Object.entries(fields).map(([n, v]) => `--${boundary}\r\nContent-Disposition: form-data; name="${n}"\r\n\r\n${v}\r\n`).join('') + `--${boundary}--\r\n`;
    contentType = `multipart/form-data; boundary=${boundary}`;
  }
  const r = await t.app.inject({ method: 'POST', url: '/api/upload', headers: { 'content-type': contentType }, payload });
  return { status: r.statusCode, text: r.body, headers: r.headers };
}

const bobCredentials = (extra: Record<string, string> = {}) => ({ user: 'bob', key: keys.bob!, secret: 'bob-secret', ...extra });

async function buggyOf(name: string): Promise<Record<string, unknown> | null> {
  const r = await t.gql<{ me: { buggy: Record<string, unknown> | null } }>(
    '{ me { buggy { buggyId qtyWheels powerType powerUnits auxPowerType auxPowerUnits hamsterBooster flagColor flagPattern flagColorSecondary tyres qtyTyres armour attack qtyAttacks fireproof insulated antibiotic banging algo totalCost mass } } }',
    {},
    as(name),
  );
  return r.data!.me.buggy;
}

beforeAll(async () => {
  setClock(() => clockTime);
  t = await startTestApp();
  await seedDemo(t.database.db);
  for (const name of ['admin', 'alice', 'bob', 'carol']) await signIn(name);
  const r = await t.gql<{ generateApiKeys: { name: string; raceApiKey: string }[] }>(
    'mutation { generateApiKeys(usernames: ["alice", "bob", "admin"]) { name raceApiKey } }',
    {},
    as('admin'),
  );
  for (const { name, raceApiKey } of r.data!.generateApiKeys) keys[name] = raceApiKey;
  await setSecret('bob', 'bob-secret');
});
afterAll(async () => {
  setClock();
  await t?.close();
});
afterEach(() => at(minutesAfter(1)));

const refusal = (message: string) => `{"error": "${message}"}`;

describe('credential checks, in the original order', () => {
  async function expectRefused(fields: Record<string, string>, message: string) {
    const r = await upload(fields);
    expect(r.status, JSON.stringify(fields)).toBe(401);
    expect(r.text, JSON.stringify(fields)).toBe(refusal(message));
    expect(r.headers['access-control-allow-origin']).toBe('*');
    expect(r.headers['content-type']).toMatch(/^application\/json/);
  }

  it('1-3: missing (or blank) user, key and secret, in that order', async () => {
    await expectRefused({}, 'missing user');
    await expectRefused({ user: '   ', key: 'x', secret: 'y' }, 'missing user');
    await expectRefused({ key: 'x', secret: 'y', buggy_json: '{}' }, 'missing user');
    await expectRefused({ user: 'bob' }, 'missing API key');
    await expectRefused({ user: 'bob', key: ' \t ', secret: 'y' }, 'missing API key');
    await expectRefused({ user: 'bob', key: keys.bob! }, 'missing secret');
    await expectRefused({ user: 'nobody', key: 'x', secret: '' }, 'missing secret');
  });

  it('4: an unknown, differently-cased or inactive user is a bad user', async () => {
    await expectRefused({ user: 'nobody', key: 'x', secret: 'y' }, 'not authorised (bad user)');
    await expectRefused({ user: 'BOB', key: keys.bob!, secret: 'bob-secret' }, 'not authorised (bad user)');
    await expectRefused({ user: 'b\u0000ob', key: keys.bob!, secret: 'bob-secret' }, 'not authorised (bad user)');
    await t.gql('mutation { createUser(input: { name: "dormant", email: "dormant@example.com", password: "dormant-password" }) { id } }');
    await signIn('dormant');
    await setSecret('dormant', 'dormant-secret');
    const generated = await t.gql<{ generateApiKeys: { raceApiKey: string }[] }>('mutation { generateApiKeys(usernames: ["dormant"]) { raceApiKey } }', {}, as('admin'));
    const key = generated.data!.generateApiKeys[0]!.raceApiKey;
    expect((await upload({ user: 'dormant', key, secret: 'dormant-secret', buggy_json: '{"qty_wheels": 4}' })).status).toBe(200);
    await t.database.db.updateTable('users').set({ active: false }).where('name', '=', 'dormant').execute();
    await expectRefused({ user: 'dormant', key, secret: 'dormant-secret', buggy_json: '{"qty_wheels": 4}' }, 'not authorised (bad user)');
  });

  it('5: a wrong (or lower-cased, or never issued) key comes before any secret check', async () => {
    await expectRefused(bobCredentials({ key: 'ABCDEF0123456789' }), 'not authorised (wrong API key for this user)');
    await expectRefused(bobCredentials({ key: keys.bob!.toLowerCase() }), 'not authorised (wrong API key for this user)');
    await expectRefused(bobCredentials({ key: 'ABCDEF0123456789', secret: 'wrong' }), 'not authorised (wrong API key for this user)');
    await expectRefused({ user: 'carol', key: 'ABCDEF0123456789', secret: 'whatever' }, 'not authorised (wrong API key for this user)');
  });

  it('6-7: a user who never set a secret, or whose secret has no timestamp', async () => {
    await expectRefused({ user: 'alice', key: keys.alice!, secret: 'anything' }, 'not authorised (missing secret)');
    await setSecret('alice', 'alice-secret');
    await t.database.db.updateTable('users').set({ api_secret_at: null }).where('name', '=', 'alice').execute();
    await expectRefused({ user: 'alice', key: keys.alice!, secret: 'alice-secret' }, 'not authorised (missing secret timestamp)');
  });

  it('8: a wrong secret (exact and case-sensitive; surrounding spaces stripped)', async () => {
    await expectRefused(bobCredentials({ secret: 'BOB-SECRET' }), 'not authorised (bad secret)');
    await expectRefused(bobCredentials({ secret: 'bob-secre' }), 'not authorised (bad secret)');
    const padded = await upload(bobCredentials({ user: ' bob ', key: ` ${keys.bob} `, secret: ' bob-secret ', buggy_json: '{"qty_wheels": 4}' }));
    expect(padded.status).toBe(200);
  });

  it('9: a secret exactly TTL seconds old works, one second more does not (checked after the secret itself)', async () => {
    const ttl = 3600;
    at(new Date(T0.getTime() + ttl * 1000));
    expect((await upload(bobCredentials({ buggy_json: '{"qty_wheels": 4}' }))).text).toBe('{"ok": "buggy updated OK"}');
    at(new Date(T0.getTime() + (ttl + 1) * 1000));
    await expectRefused(bobCredentials({ buggy_json: '{"qty_wheels": 4}' }), 'not authorised (secret has expired)');
    await expectRefused(bobCredentials({ secret: 'wrong' }), 'not authorised (bad secret)');
  });

  it('9: the lifetime is read at request time, so a change applies to secrets already set', async () => {
    at(minutesAfter(20));
    expect((await upload(bobCredentials({ buggy_json: '{"qty_wheels": 4}' }))).status).toBe(200);
    await settings('input: { apiSecretTimeToLive: 600 }');
    try {
      await expectRefused(bobCredentials({ buggy_json: '{"qty_wheels": 4}' }), 'not authorised (secret has expired)');
    } finally {
      await settings('reset: [API_SECRET_TIME_TO_LIVE]');
    }
    expect((await upload(bobCredentials({ buggy_json: '{"qty_wheels": 4}' }))).status).toBe(200);
  });

  it('credentials are checked before the buggy JSON is looked at', async () => {
    await expectRefused(bobCredentials({ secret: 'wrong' }), 'not authorised (bad secret)');
    const r = await upload(bobCredentials());
    expect(r.status).toBe(200);
    expect(r.text).toBe('{"error": "no JSON (buggy_json) provided"}');
    expect((await upload(bobCredentials({ buggy_json: ' \n ' }))).text).toBe('{"error": "no JSON (buggy_json) provided"}');
  });

  it('a regenerated or cleared key stops working', async () => {
    const regenerated = await t.gql<{ generateApiKeys: { raceApiKey: string }[] }>('mutation { generateApiKeys(usernames: ["bob"]) { raceApiKey } }', {}, as('admin'));
    const old = keys.bob!;
    keys.bob = regenerated.data!.generateApiKeys[0]!.raceApiKey;
    await expectRefused(bobCredentials({ key: old, buggy_json: '{}' }), 'not authorised (wrong API key for this user)');
    expect((await upload(bobCredentials({ buggy_json: '{"qty_wheels": 4}' }))).status).toBe(200);
    await t.gql('mutation { clearApiKeys(usernames: ["bob"]) { name } }', {}, as('admin'));
    await expectRefused(bobCredentials({ buggy_json: '{}' }), 'not authorised (wrong API key for this user)');
    const again = await t.gql<{ generateApiKeys: { raceApiKey: string }[] }>('mutation { generateApiKeys(usernames: ["bob"]) { raceApiKey } }', {}, as('admin'));
    keys.bob = again.data!.generateApiKeys[0]!.raceApiKey;
  });
});

describe('one-time secrets', () => {
  it('10: a one-time secret works once; a new secret works again', async () => {
    await setSecret('bob', 'bob-once-1', true);
    const fields = { user: 'bob', key: keys.bob!, secret: 'bob-once-1', buggy_json: '{"qty_wheels": 6}' };
    expect((await upload(fields)).text).toBe('{"ok": "buggy updated OK"}');
    const second = await upload(fields);
    expect(second.status).toBe(401);
    expect(second.text).toBe(refusal('one-time secret has already been used'));
    // Expiry is checked before use.
    at(minutesAfter(61));
    expect((await upload(fields)).text).toBe(refusal('not authorised (secret has expired)'));
    await setSecret('bob', 'bob-once-2', true);
    expect((await upload({ ...fields, secret: 'bob-once-2' })).status).toBe(200);
  });

  it('is spent by a request whose upload then fails', async () => {
    for (const [secret, buggyJson, answer] of [
      ['bob-once-3', '{"qty_wheels": 6,', '{"error": "Failed to parse JSON data"}'],
      ['bob-once-4', '', '{"error": "no JSON (buggy_json) provided"}'],
      ['bob-once-5', '{"colour": "red"}', '{"error": "Nothing to change: no buggy settings were found in the uploaded data"}'],
    ] as const) {
      await setSecret('bob', secret, true);
      const fields = { user: 'bob', key: keys.bob!, secret, buggy_json: buggyJson };
      const first = await upload(fields);
      expect(first.status).toBe(200);
      expect(first.text).toBe(answer);
      expect((await upload({ ...fields, buggy_json: '{"qty_wheels": 4}' })).text).toBe(refusal('one-time secret has already been used'));
    }
  });

  it('follows the global setting when users may not choose, and the user otherwise', async () => {
    await settings('input: { isStudentApiOtpAllowed: false, isApiSecretOneTimePw: true }');
    try {
      await setSecret('bob', 'bob-forced-otp');
      const fields = bobCredentials({ secret: 'bob-forced-otp', buggy_json: '{"qty_wheels": 4}' });
      expect((await upload(fields)).status).toBe(200);
      expect((await upload(fields)).text).toBe(refusal('one-time secret has already been used'));
    } finally {
      await settings('reset: [IS_STUDENT_API_OTP_ALLOWED, IS_API_SECRET_ONE_TIME_PW]');
    }
    await setSecret('bob', 'bob-reusable', false);
    const fields = bobCredentials({ secret: 'bob-reusable', buggy_json: '{"qty_wheels": 4}' });
    for (let i = 0; i < 3; i++) expect((await upload(fields)).status).toBe(200);
  });

  it('of 100 concurrent uploads with one one-time secret, exactly one succeeds', async () => {
    await setSecret('bob', 'bob-race-otp', true);
    const fields = bobCredentials({ secret: 'bob-race-otp', buggy_json: '{"qty_wheels": 8}' });
    const results = await Promise.all(Array.from({ length: 100 }, () => upload(fields)));
    const ok = results.filter((r) => r.status === 200);
    expect(ok).toHaveLength(1);
    expect(ok[0]!.text).toBe('{"ok": "buggy updated OK"}');
    const refused = results.filter((r) => r.status === 401);
    expect(refused).toHaveLength(99);
    for (const r of refused) expect(r.text).toBe(refusal('one-time secret has already been used'));
    const row = await t.database.db.selectFrom('users').select('api_secret_count').where('name', '=', 'bob').executeTakeFirstOrThrow();
    expect(row.api_secret_count).toBe(1);
  });
});

describe('the upload', () => {
  const credentials = () => ({ user: 'admin', key: keys.admin!, secret: 'admin-secret' });
  beforeAll(async () => {
    await setSecret('admin', 'admin-secret');
  });

  it('creates the buggy, then updates it, with the exact answers and CORS header', async () => {
    const first = await upload({ ...credentials(), buggy_json: '{"qty_wheels": 6, "power_type": "bio"}' });
    expect(first).toMatchObject({ status: 200, text: '{"ok": "buggy created OK"}' });
    expect(first.headers['access-control-allow-origin']).toBe('*');
    expect(first.headers['content-type']).toMatch(/^application\/json/);
    const second = await upload({ ...credentials(), buggy_json: '{"qty_wheels": 6, "power_type": "bio"}' });
    expect(second.text).toBe('{"ok": "buggy updated OK"}');
  });

  it('replaces the whole buggy: settings left out go back to their defaults; cost and mass follow', async () => {
    await upload({ ...credentials(), buggy_json: '{"qty_wheels": 6, "power_type": "bio", "armour": "wood", "id": 3}' });
    expect(await buggyOf('admin')).toMatchObject({ buggyId: 3, qtyWheels: 6, powerType: 'bio', armour: 'wood', totalCost: 5 + 60 + 48, mass: 72 + 2 + 80 + 120 });
    await upload({ ...credentials(), buggy_json: '{"armour": "titanium"}' });
    expect(await buggyOf('admin')).toMatchObject({ buggyId: 1, qtyWheels: 4, powerType: 'petrol', armour: 'titanium', totalCost: 4 + 60 + 290, mass: 48 + 2 + 80 + 300 });
  });

  it('answers "Failed to parse JSON data" and keeps the raw text', async () => {
    const raw = '{"qty_wheels": 6, }';
    expect((await upload({ ...credentials(), buggy_json: raw })).text).toBe('{"error": "Failed to parse JSON data"}');
    const me = await t.gql('{ me { latestBuggyJson buggy { armour } } }', {}, as('admin'));
    expect(me.data).toEqual({ me: { latestBuggyJson: raw, buggy: { armour: 'titanium' } } });
  });

  it("turns the original's crashes into clean answers", async () => {
    const nothing = '{"error": "Nothing to change: no buggy settings were found in the uploaded data"}';
    // Missing buggy_json was a 500.
    expect((await upload(credentials())).text).toBe('{"error": "no JSON (buggy_json) provided"}');
    // A top-level value that is not an object, and null where a number belongs, were 500s.
    for (const json of ['["qty_wheels"]', '6', 'true', 'null', '"qty_wheels"', '{"qty_wheels": null}', '{"id": null}', '{"qty_wheels": [4]}', '{"qty_wheels": {"n": 4}}', '{"qty_wheels": NaN}']) {
      const r = await upload({ ...credentials(), buggy_json: json });
      expect(r.status, json).toBe(200);
      expect(r.text, json).toBe(nothing);
    }
    // A bad value beside a good one is simply ignored.
    expect((await upload({ ...credentials(), buggy_json: '{"qty_wheels": null, "power_units": 2}' })).text).toBe('{"ok": "buggy updated OK"}');
    expect(await buggyOf('admin')).toMatchObject({ qtyWheels: 4, powerUnits: 2 });
  });

  it('applies the coercion table of the spec', async () => {
    const cases: [string, Record<string, unknown>][] = [
      ['{"qty_wheels": "6"}', { qtyWheels: 6 }],
      ['{"qty_wheels": 6.9}', { qtyWheels: 6 }],
      ['{"qty_wheels": true}', { qtyWheels: 1 }],
      ['{"qty_wheels": "6.5", "power_units": 3}', { qtyWheels: 4, powerUnits: 3 }],
      ['{"qty_wheels": "four", "qty_tyres": 6}', { qtyWheels: 4, qtyTyres: 6 }],
      ['{"id": 7.9}', { buggyId: 7 }],
      ['{"id": "x", "hamster_booster": 2}', { buggyId: 1, hamsterBooster: 2 }],
      ['{"fireproof": true, "insulated": "TRUE", "antibiotic": 1, "banging": "0"}', { fireproof: true, insulated: true, antibiotic: true, banging: false }],
      ['{"fireproof": "yes", "qty_attacks": 2}', { fireproof: false, qtyAttacks: 2 }],
      ['{"power_type": "Electric", "tyres": "SLICK", "armour": "Thin-Steel", "attack": "flame", "algo": "Tit for tat", "flag_pattern": "HSTRIPE"}', { powerType: 'electric', tyres: 'slick', armour: 'thinsteel', attack: 'flame', algo: 'titfortat', flagPattern: 'hstripe' }],
      ['{"power_type": "plasma", "tyres": "bald", "aux_power_units": 1}', { powerType: 'petrol', tyres: 'knobbly', auxPowerUnits: 1 }],
      ['{"armour": null, "attack": null, "qty_wheels": 6}', { armour: 'none', attack: 'none', qtyWheels: 6 }],
      ['{"aux_power_type": "Plasma Drive"}', { auxPowerType: 'plasmadrive', totalCost: null, mass: null }],
      ['{"flag_color": "#FF00FF", "flag_color_secondary": "light blue"}', { flagColor: '#ff00ff', flagColorSecondary: 'lightblue' }],
      ['{"QTY_WHEELS": 8, "colour": "red", "algo": "random"}', { qtyWheels: 4, algo: 'random' }],
    ];
    for (const [json, expected] of cases) {
      const r = await upload({ ...credentials(), buggy_json: json });
      expect(r.text, json).toBe('{"ok": "buggy updated OK"}');
      expect(await buggyOf('admin'), json).toMatchObject(expected);
    }
  });

  it('reads multipart and JSON bodies, and "username" for "user"', async () => {
    expect((await upload({ ...credentials(), buggy_json: '{"qty_wheels": 10}' }, 'multipart')).text).toBe('{"ok": "buggy updated OK"}');
    expect(await buggyOf('admin')).toMatchObject({ qtyWheels: 10 });
    expect((await upload({ ...credentials(), buggy_json: '{"qty_wheels": 12}' }, 'json')).text).toBe('{"ok": "buggy updated OK"}');
    const { user, ...rest } = credentials();
    expect((await upload({ ...rest, username: user, buggy_json: '{"qty_wheels": 14}' })).text).toBe('{"ok": "buggy updated OK"}');
    expect(await buggyOf('admin')).toMatchObject({ qtyWheels: 14 });
    // A JSON buggy_json may be an object rather than text.
    const r = await t.app.inject({ method: 'POST', url: '/api/upload', payload: { ...credentials(), buggy_json: { qty_wheels: 16 } } });
    expect(r.body).toBe('{"ok": "buggy updated OK"}');
    expect(await buggyOf('admin')).toMatchObject({ qtyWheels: 16 });
    // Malformed JSON or a text body has no fields.
    const bad = await t.app.inject({ method: 'POST', url: '/api/upload', headers: { 'content-type': 'application/json' }, payload: '{"user": "admin",' });
    expect([bad.statusCode, bad.body]).toEqual([401, refusal('missing user')]);
  });
});

describe('routes around the upload', () => {
  it('answers the CORS preflight with 204', async () => {
    const r = await t.app.inject({ method: 'OPTIONS', url: '/api/upload' });
    expect(r.statusCode).toBe(204);
    expect(r.body).toBe('');
    expect(r.headers).toMatchObject({ 'access-control-allow-origin': '*', 'access-control-allow-headers': '*', 'access-control-allow-methods': 'POST' });
  });

  it('answers other methods with 405 and Allow, and does not serve /api/upload/', async () => {
    const r = await t.app.inject({ method: 'GET', url: '/api/upload' });
    expect(r.statusCode).toBe(405);
    expect(r.headers.allow).toBe('OPTIONS, POST');
    const slash = await t.app.inject({ method: 'POST', url: '/api/upload/', payload: new URLSearchParams(bobCredentials({ buggy_json: '{}' })).toString(), headers: { 'content-type': 'application/x-www-form-urlencoded' } });
    expect(slash.statusCode).toBe(404);
  });

  it('serves the API page at /api, and at /api/ to browsers', async () => {
    for (const url of ['/api', '/api/']) {
      const r = await t.app.inject({ method: 'GET', url, headers: { accept: 'text/html,application/xhtml+xml,*/*;q=0.8' } });
      expect(r.statusCode).toBe(200);
      expect(r.headers['content-type']).toMatch(/^text\/html/);
      expect(r.body).toContain("The Race Server's API");
      expect(r.body).toContain('http://gantry.test/api/upload');
      expect(r.body).toContain('<code>buggy_json</code>');
      expect(r.body).toContain('401');
      expect(r.body).toContain('<strong>4-API</strong>');
    }
    await settings('input: { taskNameForApi: "" }');
    try {
      expect((await t.app.inject({ method: 'GET', url: '/api' })).body).not.toContain('task <strong>');
    } finally {
      await settings('reset: [TASK_NAME_FOR_API]');
    }
  });
});
