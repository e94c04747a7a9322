// Credential-guessing limits (src/auth/attempts.ts): counted per target (an account, a race-server
// user, a project) and address, with a much higher ceiling per address, taken before the check so
// concurrent guesses cannot outrun them, and not spent by honest failures (a spent one-time
// secret, a deactivated account's right password). Every window starts at its first guess, so no
// test here depends on where a clock boundary falls. Each test uses its own client address: on
// PostgreSQL the counters of one file's apps share a table.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createConnection } from 'node:net';
import { loadConfig } from '../../src/config.ts';
import { buildApp } from '../../src/http/app.ts';
import { backend } from '../helpers/database.ts';
import { startTestApp, type TestApp } from '../helpers/app.ts';
import { hashPassword } from '../../src/auth/passwords.ts';
import { hashApiSecret } from '../../src/domain/credentials/secrets.ts';

type Outcome = 'ok' | 'wrong' | 'limited' | string;

const PASSWORD = 'class-password';
const SECRET = 'class-secret';
let passwordHash: string;
beforeAll(async () => {
  passwordHash = await hashPassword(PASSWORD);
});

const form = (fields: Record<string, string>) => ({
  headers: { 'content-type': 'application/x-www-form-urlencoded' },
  payload: new URLSearchParams(fields).toString(),
});

/** Users with the same password, a race-server key each and (optionally one-time) secret. */
async function addUsers(t: TestApp, names: string[], options: { oneTime?: boolean; active?: boolean; secretAt?: Date } = {}) {
  const rows = await t.database.db
    .insertInto('users')
    .values(names.map((name) => ({ name, fullname: name, email_addr: `${name}@example.org`, passwd_hash: passwordHash, api_key: `key-${name}-${Math.random()}`, locale: 'en', info: '{}', active: options.active ?? true })))
    .returning(['id', 'name'])
    .execute();
  for (const row of rows) {
    await t.database.db
      .updateTable('users')
      .set({
        race_api_key: `${row.id.toString(16).toUpperCase().padStart(16, '0')}`,
        api_secret_hash: hashApiSecret(t.config.jwtSecret, row.id, SECRET),
        api_secret_at: options.secretAt ?? new Date(),
        api_secret_count: 0,
        is_api_secret_otp: options.oneTime ?? false,
      })
      .where('id', '=', row.id)
      .execute();
  }
  return Object.fromEntries(rows.map((r) => [r.name, { id: r.id, key: r.id.toString(16).toUpperCase().padStart(16, '0') }]));
}

async function gql(t: TestApp, ip: string, query: string, variables: Record<string, unknown>, headers: Record<string, string> = {}) {
  const r = await t.app.inject({ method: 'POST', url: '/graphql', remoteAddress: ip, headers: { 'content-type': 'application/json', ...headers }, payload: JSON.stringify({ query, variables }) });
  return { status: r.statusCode, body: r.json() as { data?: Record<string, unknown> | null; errors?: { message: string; extensions?: Record<string, unknown> }[] } };
}

/** One attempt per route, classified; `shape` checks the refusal is in the dialect's own form. */
const routes = {
  async login(t: TestApp, ip: string, name: string, password: string): Promise<Outcome> {
    const { body } = await gql(t, ip, 'mutation($n: String!, $p: String!) { login(nameOrEmail: $n, password: $p) { token } }', { n: name, p: password });
    const code = body.errors?.[0]?.extensions?.code;
    if (code === 'RATE_LIMITED') {
      expect(body.errors![0]!.extensions).toMatchObject({ reason: 'credential_attempts' });
      return 'limited';
    }
    if (code === 'UNAUTHENTICATED') return 'wrong';
    return (body.data?.login as { token?: string } | undefined)?.token ? 'ok' : JSON.stringify(body);
  },
  async jsend(t: TestApp, ip: string, name: string, password: string, url = '/api/token'): Promise<Outcome> {
    const r = await t.app.inject({ method: 'POST', url, remoteAddress: ip, ...form({ user_id: name, password }) });
    const body = r.json();
    expect(r.statusCode).toBe(200);
    if (body.status === 'success') return 'ok';
    if (body.status === 'fail' && body.message === 'Could not login using that user id or password') return 'wrong';
    if (body.status === 'fail' && /^Too many failed attempts/.test(body.message)) return 'limited';
    return JSON.stringify(body);
  },
  jsendInvalidate(t: TestApp, ip: string, name: string, password: string): Promise<Outcome> {
    return routes.jsend(t, ip, name, password, '/api/token/invalidate');
  },
  async openTrack(t: TestApp, ip: string, name: string, password: string): Promise<Outcome> {
    const r = await t.app.inject({ method: 'POST', url: '/api/v1/auth/token', remoteAddress: ip, ...form({ username: name, password }) });
    if (r.statusCode === 200) return 'ok';
    if (r.statusCode === 401) return 'wrong';
    if (r.statusCode === 429) {
      expect(Object.keys(r.json())).toEqual(['detail']);
      expect(r.json().detail).toMatch(/^Too many failed attempts/);
      return 'limited';
    }
    return `${r.statusCode} ${r.body}`;
  },
  async openTrackLegacy(t: TestApp, ip: string, name: string, password: string): Promise<Outcome> {
    const r = await t.app.inject({ method: 'POST', url: '/api/get-auth-token/', remoteAddress: ip, ...form({ username: name, password }) });
    if (r.statusCode === 200) return 'ok';
    if (r.statusCode === 400) return 'wrong';
    if (r.statusCode === 429) {
      expect(r.json().detail).toMatch(/^Too many failed attempts/);
      return 'limited';
    }
    return `${r.statusCode} ${r.body}`;
  },
  async race(t: TestApp, ip: string, name: string, secret: string, key: string): Promise<Outcome> {
    const r = await t.app.inject({ method: 'POST', url: '/api/upload', remoteAddress: ip, ...form({ user: name, key, secret, buggy_json: '{"qty_wheels": 4}' }) });
    const body = JSON.parse(r.body) as { ok?: string; error?: string };
    if (r.statusCode === 200 && body.ok !== undefined) return 'ok';
    if (r.statusCode === 401 && body.error === 'not authorised (bad secret)') return 'wrong';
    if (r.statusCode === 401 && body.error === 'one-time secret has already been used') return 'used';
    if (r.statusCode === 429) {
      expect(Object.keys(body)).toEqual(['error']);
      expect(body.error).toMatch(/^Too many failed attempts/);
      return 'limited';
    }
    return `${r.statusCode} ${r.body}`;
  },
  async projectToken(t: TestApp, ip: string, shortName: string, secret: string): Promise<Outcome> {
    const r = await t.app.inject({ method: 'GET', url: `/api/auth/project/${shortName}/token`, remoteAddress: ip, headers: { authorization: secret } });
    if (r.statusCode === 200) return 'ok';
    if (r.statusCode === 404) return 'wrong';
    if (r.statusCode === 429) {
      expect(r.json()).toMatchObject({ status: 'failed', status_code: 429, exception_cls: 'TooManyRequests', target: 'project' });
      return 'limited';
    }
    return `${r.statusCode} ${r.body}`;
  },
};

async function addProject(t: TestApp, shortName: string, ownerId: number): Promise<string> {
  const row = await t.database.db
    .insertInto('projects')
    .values({ name: shortName, short_name: shortName, description: 'd', owner_id: ownerId, owners_ids: [ownerId], info: '{}', created: new Date(), updated: new Date() })
    .returning('secret_key')
    .executeTakeFirstOrThrow();
  return row.secret_key;
}

describe('a classroom behind one address (defaults: 10 guesses per target, 300 per address)', { timeout: 120_000 }, () => {
  let t: TestApp;
  let users: Record<string, { id: number; key: string }>;
  const names = Array.from({ length: 40 }, (_, i) => `student${i + 1}`);
  beforeAll(async () => {
    // The production defaults, stated: RATE_LIMIT 300 made the old per-address limit 30.
    t = await startTestApp({ RATE_LIMIT: '300', CREDENTIAL_GUESSES_PER_TARGET: '10', CREDENTIAL_GUESSES_PER_ADDRESS: '300' });
    users = await addUsers(t, names);
  });
  afterAll(async () => t?.close());

  it('40 users each fail once at sign-in and then all get in', async () => {
    const ip = '10.20.0.1';
    for (const name of names) expect(await routes.login(t, ip, name, 'typo-password')).toBe('wrong');
    for (const name of names) expect(await routes.login(t, ip, name, PASSWORD)).toBe('ok');
  });

  it('40 students each send a wrong secret once to /api/upload and then all upload', async () => {
    const ip = '10.20.0.2';
    for (const name of names) expect(await routes.race(t, ip, name, 'typo-secret', users[name]!.key)).toBe('wrong');
    for (const name of names) expect(await routes.race(t, ip, name, SECRET, users[name]!.key)).toBe('ok');
  });

  it('40 users each fail once at the JSend token route and then all get a token', async () => {
    const ip = '10.20.0.3';
    for (const name of names) expect(await routes.jsend(t, ip, name, 'typo-password')).toBe('wrong');
    for (const name of names) expect(await routes.jsend(t, ip, name, PASSWORD)).toBe('ok');
  });
});

describe('one target guessed past its limit is refused in its dialect; others on the same address get in', { timeout: 120_000 }, () => {
  let t: TestApp;
  let users: Record<string, { id: number; key: string }>;
  beforeAll(async () => {
    t = await startTestApp({ CREDENTIAL_GUESSES_PER_TARGET: '3', CREDENTIAL_GUESSES_PER_ADDRESS: '1000' });
    users = await addUsers(t, ['victim1', 'victim2', 'victim3', 'victim4', 'victim5', 'victim6', 'victim7', 'other']);
  });
  afterAll(async () => t?.close());

  const passwordRoutes = [
    ['GraphQL login', routes.login, 'victim1'],
    ['JSend POST /api/token', routes.jsend, 'victim2'],
    ['JSend POST /api/token/invalidate', routes.jsendInvalidate, 'victim3'],
    ['OpenTrack POST /api/v1/auth/token', routes.openTrack, 'victim4'],
    ['OpenTrack POST /api/get-auth-token/', routes.openTrackLegacy, 'victim5'],
  ] as const;
  it.each(passwordRoutes)('%s', async (_route, attempt, victim) => {
    const ip = `10.30.0.${victim.slice(-1)}`;
    const outcomes = [];
    for (let i = 0; i < 4; i++) outcomes.push(await attempt(t, ip, victim, `wrong-${i}`));
    // Even the right password waits for the window to pass.
    outcomes.push(await attempt(t, ip, victim, PASSWORD));
    expect(outcomes).toEqual(['wrong', 'wrong', 'wrong', 'limited', 'limited']);
    // Another account from the same address, and the same account from another address, get in.
    expect(await attempt(t, ip, 'other', PASSWORD)).toBe('ok');
    expect(await attempt(t, '10.31.0.1', victim, PASSWORD)).toBe('ok');
  });

  it('the password routes share one count per account (and a name or an email are the same account)', async () => {
    const ip = '10.30.1.1';
    expect([
      await routes.login(t, ip, 'victim6', 'wrong-a'),
      await routes.jsend(t, ip, 'VICTIM6', 'wrong-b'),
      await routes.openTrack(t, ip, 'victim6@example.org', 'wrong-c'),
      await routes.openTrackLegacy(t, ip, 'victim6', PASSWORD),
      await routes.login(t, ip, 'victim6@example.org', PASSWORD),
    ]).toEqual(['wrong', 'wrong', 'wrong', 'limited', 'limited']);
  });

  it('race-server POST /api/upload', async () => {
    const ip = '10.30.2.1';
    const { key } = users.victim7!;
    const outcomes = [];
    for (let i = 0; i < 4; i++) outcomes.push(await routes.race(t, ip, 'victim7', `guess-${i}`, key));
    outcomes.push(await routes.race(t, ip, 'victim7', SECRET, key));
    expect(outcomes).toEqual(['wrong', 'wrong', 'wrong', 'limited', 'limited']);
    expect(await routes.race(t, ip, 'other', SECRET, users.other!.key)).toBe('ok');
  });

  it('PYBOSSA GET /api/auth/project/<short_name>/token (the project\'s secret key)', async () => {
    const ip = '10.30.3.1';
    const secret = await addProject(t, 'guessed', users.other!.id);
    const otherSecret = await addProject(t, 'untouched', users.other!.id);
    const outcomes = [];
    for (let i = 0; i < 4; i++) outcomes.push(await routes.projectToken(t, ip, 'guessed', `00000000-0000-4000-8000-00000000000${i}`));
    outcomes.push(await routes.projectToken(t, ip, 'guessed', secret));
    expect(outcomes).toEqual(['wrong', 'wrong', 'wrong', 'limited', 'limited']);
    expect(await routes.projectToken(t, ip, 'untouched', otherSecret)).toBe('ok');
  });

  it('updateUser\'s currentPassword is guessed against the same account count', async () => {
    const ip = '10.30.4.1';
    const [user] = Object.entries(await addUsers(t, ['changer']));
    const session = ((await gql(t, '10.30.4.2', 'mutation { login(nameOrEmail: "changer", password: "class-password") { token } }', {})).body.data!.login as { token: string }).token;
    const change = async (current: string) => {
      const { body } = await gql(t, ip, 'mutation($id: Int!, $c: String!) { updateUser(id: $id, input: { password: "new-password-1", currentPassword: $c }) { id } }', { id: user![1].id, c: current }, { authorization: `Bearer ${session}` });
      return body.errors?.[0]?.extensions?.code ?? 'ok';
    };
    const outcomes = [];
    for (let i = 0; i < 4; i++) outcomes.push(await change(`wrong-${i}`));
    expect(outcomes).toEqual(['BAD_USER_INPUT', 'BAD_USER_INPUT', 'BAD_USER_INPUT', 'RATE_LIMITED']);
    expect(await routes.login(t, ip, 'changer', PASSWORD)).toBe('limited');
  });
});

describe('the ceiling per address', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ CREDENTIAL_GUESSES_PER_TARGET: '10', CREDENTIAL_GUESSES_PER_ADDRESS: '5' });
    await addUsers(t, ['spray1', 'spray2']);
  });
  afterAll(async () => t?.close());

  it('stops one address guessing many targets, and only that address', async () => {
    const ip = '10.40.0.1';
    const outcomes = [];
    for (let i = 0; i < 6; i++) outcomes.push(await routes.login(t, ip, `nobody${i}`, 'guess'));
    expect(outcomes).toEqual(['wrong', 'wrong', 'wrong', 'wrong', 'wrong', 'limited']);
    const { body } = await gql(t, ip, 'mutation { login(nameOrEmail: "spray1", password: "class-password") { token } }', {});
    expect(body.errors?.[0]?.message).toBe('Too many failed attempts from your address; try again later.');
    expect(body.errors?.[0]?.extensions).toMatchObject({ code: 'RATE_LIMITED', scope: 'address' });
    expect(await routes.login(t, '10.40.0.2', 'spray1', PASSWORD)).toBe('ok');
  });
});

describe('IPv6 clients', () => {
  it('count by /64 network: one host holds a whole /64, so rotating addresses in it gains nothing', async () => {
    const t = await startTestApp({ CREDENTIAL_GUESSES_PER_TARGET: '3' });
    try {
      await addUsers(t, ['six']);
      const outcomes = [];
      for (let i = 1; i <= 4; i++) outcomes.push(await routes.login(t, `2001:db8:1:2::${i}`, 'six', 'guess'));
      expect(outcomes).toEqual(['wrong', 'wrong', 'wrong', 'limited']);
      expect(await routes.login(t, '2001:db8:1:3::1', 'six', PASSWORD)).toBe('ok');
    } finally {
      await t.close();
    }
  });
});

describe('honest failures are no guesses', () => {
  let t: TestApp;
  let users: Record<string, { id: number; key: string }>;
  beforeAll(async () => {
    t = await startTestApp({ CREDENTIAL_GUESSES_PER_TARGET: '2', CREDENTIAL_GUESSES_PER_ADDRESS: '4' });
    users = {
      ...(await addUsers(t, ['otp'], { oneTime: true })),
      ...(await addUsers(t, ['stale'], { secretAt: new Date(Date.now() - 10 * 24 * 3600 * 1000) })),
      ...(await addUsers(t, ['dormant'], { active: false })),
    };
  });
  afterAll(async () => t?.close());

  it('a spent one-time secret, an expired secret and a deactivated account\'s right password count nothing', async () => {
    const ip = '10.50.0.1';
    expect(await routes.race(t, ip, 'otp', SECRET, users.otp!.key)).toBe('ok');
    const again = [];
    for (let i = 0; i < 6; i++) again.push(await routes.race(t, ip, 'otp', SECRET, users.otp!.key));
    expect(again).toEqual(Array(6).fill('used'));
    for (let i = 0; i < 6; i++) {
      const r = await t.app.inject({ method: 'POST', url: '/api/upload', remoteAddress: ip, ...form({ user: 'stale', key: users.stale!.key, secret: SECRET, buggy_json: '{}' }) });
      expect(r.json()).toEqual({ error: 'not authorised (secret has expired)' });
    }
    for (let i = 0; i < 6; i++) expect(await routes.login(t, ip, 'dormant', PASSWORD)).toBe('wrong');
    for (let i = 0; i < 6; i++) expect(await routes.jsend(t, ip, 'dormant', PASSWORD)).toBe('wrong');
    // Nothing was counted: the account's and the address's guesses are all still there.
    expect([await routes.login(t, ip, 'dormant', 'wrong-1'), await routes.login(t, ip, 'dormant', 'wrong-2'), await routes.login(t, ip, 'dormant', 'wrong-3')]).toEqual([
      'wrong',
      'wrong',
      'limited',
    ]);
  });
});

describe('concurrent requests', { timeout: 120_000 }, () => {
  let t: TestApp;
  let users: Record<string, { id: number; key: string }>;
  beforeAll(async () => {
    t = await startTestApp({ CREDENTIAL_GUESSES_PER_TARGET: '10', CREDENTIAL_GUESSES_PER_ADDRESS: '300' });
    users = await addUsers(t, ['otp100'], { oneTime: true });
    users = { ...users, ...(await addUsers(t, ['g1', 'g2', 'g3', 'g4', 'g5', 'g6', 'g7', 'g8'])) };
  });
  afterAll(async () => t?.close());

  const tally = (outcomes: Outcome[]) => outcomes.reduce<Record<string, number>>((counts, o) => ((counts[o] = (counts[o] ?? 0) + 1), counts), {});

  it('100 concurrent uploads with one one-time secret: exactly 1 ok and 99 "already used", none refused as guesses', async () => {
    const ip = '10.60.0.1';
    const outcomes = await Promise.all(Array.from({ length: 100 }, () => routes.race(t, ip, 'otp100', SECRET, users.otp100!.key)));
    expect(tally(outcomes)).toEqual({ ok: 1, used: 99 });
  });

  // 200 concurrent wrong guesses at one target from one address: the secret is checked at most
  // as often as the limit allows (every check answers "wrong", every other guess 429).
  const concurrentRoutes: [string, (ip: string, guess: string) => Promise<Outcome>][] = [
    ['GraphQL login', (ip, guess) => routes.login(t, ip, 'g1', guess)],
    ['JSend POST /api/token', (ip, guess) => routes.jsend(t, ip, 'g2', guess)],
    ['JSend POST /api/token/invalidate', (ip, guess) => routes.jsendInvalidate(t, ip, 'g3', guess)],
    ['OpenTrack POST /api/v1/auth/token', (ip, guess) => routes.openTrack(t, ip, 'g4', guess)],
    ['OpenTrack POST /api/get-auth-token/', (ip, guess) => routes.openTrackLegacy(t, ip, 'g5', guess)],
    ['race-server POST /api/upload', (ip, guess) => routes.race(t, ip, 'g6', guess, users.g6!.key)],
  ];
  it.each(concurrentRoutes)('%s: 200 concurrent guesses, at most 10 checked', async (_name, attempt) => {
    const ip = `10.61.${concurrentRoutes.findIndex(([n]) => n === _name)}.1`;
    const outcomes = await Promise.all(Array.from({ length: 200 }, (_, i) => attempt(ip, `guess-${i}`)));
    expect(tally(outcomes)).toEqual({ wrong: 10, limited: 190 });
  });

  it('PYBOSSA project token: 200 concurrent guesses, at most 10 checked', async () => {
    await addProject(t, 'concurrent', users.g7!.id);
    const outcomes = await Promise.all(Array.from({ length: 200 }, (_, i) => routes.projectToken(t, '10.62.0.1', 'concurrent', `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`)));
    expect(tally(outcomes)).toEqual({ wrong: 10, limited: 190 });
  });

  it('a right password among concurrent guesses still gets in, and gives its point back', async () => {
    const ip = '10.63.0.1';
    const guesses = Array.from({ length: 6 }, (_, i) => (i === 3 ? PASSWORD : `guess-${i}`));
    const outcomes = await Promise.all(guesses.map((guess) => routes.login(t, ip, 'g8', guess)));
    expect(outcomes).toEqual(['wrong', 'wrong', 'wrong', 'ok', 'wrong', 'wrong']);
    // 5 of the 10 guesses are spent; the sign-in's point came back.
    const rest = [];
    for (let i = 0; i < 6; i++) rest.push(await routes.login(t, ip, 'g8', `more-${i}`));
    expect(rest).toEqual(['wrong', 'wrong', 'wrong', 'wrong', 'wrong', 'limited']);
  });
});

// Several gateway processes share the counters (PostgreSQL, or Redis with REDIS_URL): the point
// taken before each check is one atomic increment in the store, so concurrent guesses spread over
// two gateways are still checked no more often than the limit.
const redisUp = await new Promise<boolean>((resolve) => {
  const socket = createConnection({ host: '127.0.0.1', port: 6379 });
  socket.once('connect', () => (socket.destroy(), resolve(true)));
  socket.once('error', () => resolve(false));
  setTimeout(() => (socket.destroy(), resolve(false)), 500);
});

describe.runIf(backend === 'postgres')('two gateways sharing one database', { timeout: 120_000 }, () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ CREDENTIAL_GUESSES_PER_TARGET: '10' });
  });
  afterAll(async () => t?.close());

  const stores: [string, Record<string, string>][] = [['PostgreSQL', {}], ...(redisUp ? [['Redis', { REDIS_URL: 'redis://127.0.0.1:6379' }] as [string, Record<string, string>]] : [])];
  it.each(stores)('%s store: 200 concurrent guesses over both, at most 10 checked; 100 uploads with one one-time secret, 1 ok', async (store, env) => {
    const suffix = `${store.toLowerCase()}${Math.floor(Math.random() * 1e6)}`;
    const users = await addUsers(t, [`two${suffix}`, `otp${suffix}`]);
    await t.database.db.updateTable('users').set({ is_api_secret_otp: true }).where('name', '=', `otp${suffix}`).execute();
    const config = loadConfig({ JWT_SECRET: 'test-secret-of-enough-length', RATE_LIMIT: '100000', CREDENTIAL_GUESSES_PER_TARGET: '10', ...env }, { persistSecret: false });
    const apps = [await buildApp({ config, database: t.database, logger: false }), await buildApp({ config, database: t.database, logger: false })];
    try {
      const ip = `10.70.${store.length}.${Math.floor(Math.random() * 250)}`;
      const guesses = await Promise.all(
        Array.from({ length: 200 }, async (_, i) => {
          const r = await apps[i % 2]!.inject({ method: 'POST', url: '/api/token', remoteAddress: ip, ...form({ user_id: `two${suffix}`, password: `guess-${i}` }) });
          return /^Too many/.test(r.json().message) ? 'limited' : r.json().message === 'Could not login using that user id or password' ? 'wrong' : r.body;
        }),
      );
      expect(guesses.filter((g) => g === 'wrong').length).toBe(10);
      expect(guesses.filter((g) => g === 'limited').length).toBe(190);
      const { key } = users[`otp${suffix}`]!;
      const uploads = await Promise.all(
        Array.from({ length: 100 }, async (_, i) => {
          const r = await apps[i % 2]!.inject({ method: 'POST', url: '/api/upload', remoteAddress: ip, ...form({ user: `otp${suffix}`, key, secret: SECRET, buggy_json: '{}' }) });
          return r.statusCode === 200 ? 'ok' : (JSON.parse(r.body) as { error: string }).error;
        }),
      );
      expect(uploads.filter((u) => u === 'ok').length).toBe(1);
      expect(uploads.filter((u) => u === 'one-time secret has already been used').length).toBe(99);
    } finally {
      await Promise.all(apps.map((app) => app.close()));
    }
  });
});
