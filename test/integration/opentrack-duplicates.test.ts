// Duplicate competitions: 409 with mathing_competitions and an override token, the override flow,
// refused tokens, slug clashes, and concurrent creates leaving one row.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { startTestApp, type TestApp } from '../helpers/app.ts';
import { seedDemo } from '../../src/seed/demo.ts';
import { signToken } from '../../src/auth/tokens.ts';
import { bearer, competition, postJson, year } from './opentrack-helpers.ts';

let t: TestApp;
let carol: Record<string, string>;
const date = `${year + 1}-08-15`;

beforeAll(async () => {
  t = await startTestApp();
  await seedDemo(t.database.db);
  carol = await bearer(t, 'carol');
});
afterAll(async () => t?.close());

const create = (body: Record<string, unknown>) => postJson(t, '/api/v1/competitions/', body, carol);
const claimsOf = (token: string) => JSON.parse(Buffer.from(token.split('.')[1]!, 'base64url').toString());

async function rowsNamed(name: string): Promise<number> {
  const { rows } = await sql<{ n: number }>`SELECT count(*)::int AS n FROM competitions WHERE lower(btrim(full_name)) = ${name.toLowerCase()}`.execute(t.database.db);
  return rows[0]!.n;
}

describe('same name and date', () => {
  let original: Record<string, unknown>;
  let overrideToken: string;

  it('creates the first competition', async () => {
    const r = await create(competition({ full_name: 'Harbour Games', slug: 'harbour-games', date, finish_date: date }));
    expect(r.statusCode).toBe(201);
    original = r.json();
  });

  it('answers 409 with the matching competitions and a 3-day override token bound to name and date', async () => {
    const r = await create(competition({ full_name: '  HARBOUR games ', slug: 'harbour-games-2', date, finish_date: date }));
    expect(r.statusCode).toBe(409);
    const { detail } = r.json();
    expect(Object.keys(detail)).toEqual(['error', 'override_token', 'mathing_competitions']);
    expect(detail.error).toBe('A competition with the same name and date exists');
    expect(detail.mathing_competitions).toEqual([{ ...original, events: null }]);
    overrideToken = detail.override_token;
    const claims = claimsOf(overrideToken);
    expect(claims).toMatchObject({ typ: 'override', name: 'harbour games', date });
    expect(claims.exp - claims.iat).toBe(3 * 24 * 3600);
    expect(await rowsNamed('harbour games')).toBe(1);
  });

  it('creates the competition when the same payload is posted again with the override token', async () => {
    const r = await create(competition({ full_name: '  HARBOUR games ', slug: 'harbour-games-2', date, finish_date: date, override_token: overrideToken }));
    expect(r.statusCode).toBe(201);
    expect(r.json()).toMatchObject({ full_name: 'HARBOUR games', slug: 'harbour-games-2', override_token: null });
    expect(await rowsNamed('harbour games')).toBe(2);
  });

  it('refuses expired, foreign and forged tokens: 409 again, saying why, with a fresh token', async () => {
    const now = Math.floor(Date.now() / 1000);
    const issuer = t.config.baseUrl;
    const expired = signToken(t.config.jwtSecret, { typ: 'override', name: 'harbour games', date, iat: now - 4 * 86400, exp: now - 86400 }, { issuer });
    const foreign = signToken(t.config.jwtSecret, { typ: 'override', name: 'another meet', date }, { expiresInSeconds: 3600, issuer });
    const forged = signToken('not-the-server-secret-at-all', { typ: 'override', name: 'harbour games', date }, { expiresInSeconds: 3600, issuer });
    const session = signToken(t.config.jwtSecret, { typ: 'session', name: 'harbour games', date }, { expiresInSeconds: 3600, issuer });
    const cases: [string, string][] = [
      [expired, 'expired'],
      [foreign, 'another name or date'],
      [forged, 'not valid'],
      [session, 'not valid'],
    ];
    for (const [token, why] of cases) {
      const r = await create(competition({ full_name: 'Harbour Games', slug: 'harbour-games-3', date, finish_date: date, override_token: token }));
      expect(r.statusCode).toBe(409);
      expect(r.json().detail.override_token_error).toContain(why);
      expect(r.json().detail.mathing_competitions).toHaveLength(2);
      expect(claimsOf(r.json().detail.override_token)).toMatchObject({ name: 'harbour games', date });
    }
    expect(await rowsNamed('harbour games')).toBe(2);
  });

  it('does not count the same name on another date as a duplicate', async () => {
    const r = await create(competition({ full_name: 'Harbour Games', slug: 'harbour-games-later', date: `${year + 1}-08-16`, finish_date: `${year + 1}-08-16` }));
    expect(r.statusCode).toBe(201);
  });
});

describe('slug clash', () => {
  it('is a plain 409 that no override token gets past', async () => {
    const r = await create(competition({ full_name: 'Another Name', slug: 'harbour-games', date, finish_date: date }));
    expect(r.statusCode).toBe(409);
    expect(r.json()).toEqual({ detail: 'A competition with the slug "harbour-games" already exists: choose another slug.' });
    const dup = await create(competition({ full_name: 'Harbour Games', slug: 'harbour-games', date, finish_date: date }));
    const token = dup.json().detail.override_token;
    const again = await create(competition({ full_name: 'Harbour Games', slug: 'harbour-games', date, finish_date: date, override_token: token }));
    expect(again.statusCode).toBe(409);
    expect(again.json()).toEqual({ detail: 'A competition with the slug "harbour-games" already exists: choose another slug.' });
  });
});

describe('concurrent creates', () => {
  it('50 identical creates leave exactly one row', async () => {
    const body = competition({ full_name: 'Race Condition Relays', slug: 'race-condition-relays', date, finish_date: date });
    const answers = await Promise.all(Array.from({ length: 50 }, () => create(body)));
    const statuses = answers.map((a) => a.statusCode);
    expect(statuses.filter((s) => s === 201)).toHaveLength(1);
    expect(statuses.filter((s) => s === 409)).toHaveLength(49);
    expect(await rowsNamed('race condition relays')).toBe(1);
  });

  it('50 creates of one name and date with different slugs leave one row: the others get the duplicate answer', async () => {
    const answers = await Promise.all(
      Array.from({ length: 50 }, (_, i) => create(competition({ full_name: 'Lock Step Mile', slug: `lock-step-mile-${i}`, date, finish_date: date }))),
    );
    expect(answers.filter((a) => a.statusCode === 201)).toHaveLength(1);
    const refused = answers.filter((a) => a.statusCode === 409);
    expect(refused).toHaveLength(49);
    for (const answer of refused) expect(answer.json().detail.mathing_competitions).toHaveLength(1);
    expect(await rowsNamed('lock step mile')).toBe(1);
  });
});

describe('updates run the duplicate rule too', () => {
  const update = (id: string, body: Record<string, unknown>) => postJson(t, `/api/v1/competitions/${id}`, body, carol);
  const day = `${year + 1}-09-20`;
  const otherDay = `${year + 1}-09-21`;
  let target: Record<string, unknown>;
  let mover: Record<string, unknown>;

  beforeAll(async () => {
    target = (await create(competition({ full_name: 'Quay Classic', slug: 'quay-classic', date: day, finish_date: day }))).json();
    mover = (await create(competition({ full_name: 'Pier Sprint', slug: 'pier-sprint', date: otherDay, finish_date: otherDay }))).json();
  });

  it('renaming onto another competition of the same date answers 409 with mathing_competitions and an override token', async () => {
    await update(String(mover.id), { date: day, finish_date: day });
    const r = await update(String(mover.id), { full_name: ' QUAY classic' });
    expect(r.statusCode).toBe(409);
    const { detail } = r.json();
    expect(detail.error).toBe('A competition with the same name and date exists');
    expect(detail.mathing_competitions).toEqual([{ ...target, events: null }]);
    expect(claimsOf(detail.override_token)).toMatchObject({ typ: 'override', name: 'quay classic', date: day });
    expect((await t.app.inject({ method: 'GET', url: `/api/v1/competitions/${mover.id}`, headers: carol })).json().full_name).toBe('Pier Sprint');

    const forced = await update(String(mover.id), { full_name: ' QUAY classic', override_token: detail.override_token });
    expect(forced.statusCode, forced.body).toBe(200);
    expect(forced.json()).toMatchObject({ id: mover.id, full_name: 'QUAY classic', date: day, override_token: null });
  });

  it('moving the date onto a same-named competition is refused the same way; a foreign token is refused saying why', async () => {
    const late = (await create(competition({ full_name: 'Quay Classic', slug: 'quay-classic-late', date: otherDay, finish_date: otherDay }))).json();
    const foreign = signToken(t.config.jwtSecret, { typ: 'override', name: 'something else', date: day }, { expiresInSeconds: 3600, issuer: t.config.baseUrl });
    const r = await update(String(late.id), { date: day, finish_date: day, override_token: foreign });
    expect(r.statusCode).toBe(409);
    expect(r.json().detail.override_token_error).toContain('another name or date');
    expect(r.json().detail.mathing_competitions.map((c: { id: string }) => c.id).sort()).toEqual([target.id, mover.id].sort());
  });

  it('an update that keeps the name and date goes through even when duplicates exist (the competition itself never counts)', async () => {
    const r = await update(String(mover.id), { city: 'Cork', full_name: 'quay classic' });
    expect(r.statusCode, r.body).toBe(200);
    expect(r.json().city).toBe('Cork');
    const self = await update(String(target.id), { full_name: 'Quay Classic ', date: day });
    expect(self.statusCode, self.body).toBe(200);
  });

  it('a slug taken by another competition is a plain 409 on update as on create', async () => {
    const r = await update(String(mover.id), { slug: 'quay-classic' });
    expect(r.statusCode).toBe(409);
    expect(r.json()).toEqual({ detail: 'A competition with the slug "quay-classic" already exists: choose another slug.' });
  });

  it('concurrent renames of two competitions onto one name and date let exactly one through', async () => {
    const a = (await create(competition({ full_name: 'Rename A', slug: 'rename-a', date: otherDay, finish_date: otherDay }))).json();
    const b = (await create(competition({ full_name: 'Rename B', slug: 'rename-b', date: otherDay, finish_date: otherDay }))).json();
    const answers = await Promise.all([a, b].map((c) => update(String(c.id), { full_name: 'Rename Target' })));
    expect(answers.map((r) => r.statusCode).sort()).toEqual([200, 409]);
    expect(await rowsNamed('rename target')).toBe(1);
  });
});
