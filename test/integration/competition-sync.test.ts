// Calendar sync that loses nothing: tombstones, the change feed (GraphQL and v1), include_deleted.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { startTestApp, type TestApp } from '../helpers/app.ts';
import { seedAndSignIn, type DemoSession } from '../helpers/demo.ts';
import { backend } from '../helpers/database.ts';
import { bearer, competition as record, year } from './opentrack-helpers.ts';
import { pruneDeletions } from '../../src/domain/competition/competition-changes.repository.ts';
import { CalendarMirror, CHANGES_QUERY, type FeedPage } from '../helpers/calendar-sync-client.ts';

let t: TestApp;
let demo: DemoSession;
let admin: Record<string, string>;

beforeAll(async () => {
  t = await startTestApp();
  demo = await seedAndSignIn(t);
  admin = await bearer(t, 'admin');
});
afterAll(async () => t?.close());

let counter = 0;
async function create(country = 'NOR', overrides: Record<string, unknown> = {}): Promise<string> {
  counter += 1;
  const r = await t.gql<{ createCompetition: { id: string } }>(
    'mutation($input: CompetitionInput!) { createCompetition(input: $input) { id } }',
    {
      input: {
        fullName: `Sync Meet ${counter}`,
        slug: `sync-meet-${counter}`,
        countryId: country,
        date: `${year + 1}-06-${String((counter % 27) + 1).padStart(2, '0')}`,
        finishDate: `${year + 1}-06-28`,
        ...overrides,
      },
    },
    demo.as('admin'),
  );
  if (!r.data) throw new Error(JSON.stringify(r.errors));
  return r.data.createCompetition.id;
}
const update = (id: string, input: Record<string, unknown>) =>
  t.gql('mutation($id: ID!, $input: CompetitionPatch!) { updateCompetition(id: $id, input: $input) { id } }', { id, input }, demo.as('admin'));
const remove = (id: string) => t.gql<{ deleteCompetition: boolean }>('mutation($id: ID!) { deleteCompetition(id: $id) }', { id }, demo.as('admin'));

type Rec = { id: string; fullName: string; countryId: string };
const feed = (after: string | null, first: number | null = null, country: string | null = null) =>
  t.gql<{ competitionChanges: FeedPage<Rec> }>(CHANGES_QUERY('id fullName countryId'), { after, first, country });
const graphqlMirror = (country: string | null, first = 3) =>
  new CalendarMirror<Rec>(async (cursor) => {
    const r = await feed(cursor, first, country);
    if (!r.data) throw new Error(JSON.stringify(r.errors));
    return r.data.competitionChanges;
  });

describe('tombstones', () => {
  it('every delete path keeps a tombstone (id, country, dates, deletion time) and nothing else sees the competition', async () => {
    const viaGraphql = await create('NOR');
    const viaV1 = await create('NOR');
    expect((await remove(viaGraphql)).data?.deleteCompetition).toBe(true);
    const v1 = await t.app.inject({ method: 'DELETE', url: `/api/v1/competitions/${viaV1}`, headers: admin });
    expect(v1.statusCode).toBe(200);

    const r = await t.gql<{ deletedCompetitions: { id: string; countryId: string; date: string; deletedAt: string }[] }>(
      '{ deletedCompetitions(countries: ["nor"]) { id countryId date deletedAt } }',
    );
    expect(r.data?.deletedCompetitions.map((d) => d.id).sort()).toEqual([viaGraphql, viaV1].sort());
    expect(r.data?.deletedCompetitions[0]).toMatchObject({ countryId: 'NOR', date: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/), deletedAt: expect.any(String) });

    const seen = await t.gql<{ competition: unknown; competitions: { id: string }[] }>(
      'query($id: ID!) { competition(id: $id) { id } competitions(countries: ["NOR"]) { id } }',
      { id: viaV1 },
    );
    expect(seen.data?.competition).toBeNull();
    expect(seen.data?.competitions.map((c) => c.id)).not.toContain(viaV1);
    expect((await t.app.inject({ method: 'GET', url: `/api/v1/competitions/${viaV1}`, headers: admin })).statusCode).toBe(404);
  });

  it('the nightly pruning forgets tombstones older than COMPETITION_TOMBSTONE_DAYS, and a cursor before them expires', async () => {
    const start = (await feed(null, 1000, 'DEN')).data!.competitionChanges.endCursor;
    const old = await create('DEN');
    const recent = await create('DEN');
    await remove(old);
    await remove(recent);
    await sql`UPDATE competition_tombstones SET deleted_at = now() - interval '91 days' WHERE id = ${old}::uuid`.execute(t.database.db);
    await sql`UPDATE competition_changes SET changed_at = now() - interval '91 days' WHERE competition_id = ${old}::uuid`.execute(t.database.db);
    const summary = await pruneDeletions(t.database.db, t.config.competitionTombstoneDays);
    expect(summary).toEqual({ tombstones: 1, changes: 2 });
    const left = await t.gql<{ deletedCompetitions: { id: string }[] }>('{ deletedCompetitions(countries: ["DEN"]) { id } }');
    expect(left.data?.deletedCompetitions.map((d) => d.id)).toEqual([recent]);

    const expired = await feed(start, 10, 'DEN');
    expect(expired.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'cursor_expired' });
    const v1 = await t.app.inject({ method: 'GET', url: `/api/v1/competitions/changes/?cursor=${start}`, headers: admin });
    expect(v1.statusCode).toBe(410);
    expect(v1.json().detail).toMatch(/sync again from the start/);
    // From the start it still works.
    expect((await feed(null, 10, 'DEN')).errors).toBeUndefined();
  });

  it('COMPETITION_TOMBSTONE_DAYS is read from the environment, 90 by default, and refuses nonsense', async () => {
    const { loadConfig } = await import('../../src/config.ts');
    expect(loadConfig({ JWT_SECRET: 'x'.repeat(20) }, { persistSecret: false }).competitionTombstoneDays).toBe(90);
    expect(loadConfig({ JWT_SECRET: 'x'.repeat(20), COMPETITION_TOMBSTONE_DAYS: '7' }, { persistSecret: false }).competitionTombstoneDays).toBe(7);
    expect(() => loadConfig({ JWT_SECRET: 'x'.repeat(20), COMPETITION_TOMBSTONE_DAYS: 'soon' }, { persistSecret: false })).toThrow(/COMPETITION_TOMBSTONE_DAYS/);
  });
});

describe('competitionChanges (GraphQL)', () => {
  it('a mirror follows creates, updates and deletes page by page; a page holds the latest state of each competition', async () => {
    const mirror = graphqlMirror('SWE', 2);
    await mirror.sync();
    expect(mirror.records.size).toBe(0);
    const a = await create('SWE');
    const b = await create('SWE');
    const c = await create('SWE');
    await update(a, { fullName: 'Renamed A' });
    await update(a, { fullName: 'Renamed A again' });
    await remove(b);
    await mirror.sync();
    expect([...mirror.records.keys()].sort()).toEqual([a, c].sort());
    expect(mirror.records.get(a)?.fullName).toBe('Renamed A again');

    // Compaction: from the start in one page, each competition appears once.
    const whole = (await feed(null, 100, 'SWE')).data!.competitionChanges;
    expect(whole.changes.map((ch) => ch.id).sort()).toEqual([a, b, c].sort());
    expect(whole.changes.find((ch) => ch.id === b)).toMatchObject({ kind: 'DELETED', competition: null });
    expect(whole.hasNextPage).toBe(false);

    await remove(c);
    await mirror.sync();
    expect([...mirror.records.keys()]).toEqual([a]);
    // Caught up: the same cursor gives an empty page, and its cursor gives one too.
    const idle = (await feed(mirror.cursor, 10, 'SWE')).data!.competitionChanges;
    expect(idle).toMatchObject({ changes: [], hasNextPage: false });
    expect((await feed(idle.endCursor, 10, 'SWE')).data!.competitionChanges.changes).toEqual([]);
  });

  it('a competition moved to another country leaves the old country\'s feed as DELETED and enters the new one', async () => {
    const fin = graphqlMirror('FIN');
    const est = graphqlMirror('EST');
    const id = await create('FIN');
    await fin.sync();
    await est.sync();
    expect(fin.records.has(id)).toBe(true);
    await update(id, { countryId: 'EST' });
    await fin.sync();
    await est.sync();
    expect(fin.records.has(id)).toBe(false);
    expect(est.records.get(id)?.countryId).toBe('EST');
    const moved = (await feed(null, 100, 'FIN')).data!.competitionChanges.changes.find((ch) => ch.id === id);
    expect(moved).toMatchObject({ kind: 'DELETED', competition: null });
  });

  it('refuses a cursor it did not make, a bad page size and a bad country with BAD_USER_INPUT', async () => {
    for (const [after, first, country, field] of [
      ['not-a-cursor', 10, null, 'after'],
      [Buffer.from('c1:1:x').toString('base64url'), 10, null, 'after'],
      [Buffer.from('c1:99999999999999999999:1').toString('base64url'), 10, null, 'after'],
      [Buffer.from('c1:1:9999999999999999999').toString('base64url'), 10, null, 'after'],
      [null, 0, null, 'first'],
      [null, 1001, null, 'first'],
      [null, 10, 'Norway', 'country'],
    ] as const) {
      const r = await feed(after, first, country);
      expect(r.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', fields: [{ field }] });
    }
  });

  it('logs writes made by any path, even straight SQL (the trigger is in the writing transaction)', async () => {
    const mirror = graphqlMirror('ISL');
    await mirror.sync();
    const id = await create('ISL');
    await sql`UPDATE competitions SET full_name = 'Imported name' WHERE id = ${id}::uuid`.execute(t.database.db);
    await mirror.sync();
    expect(mirror.records.get(id)?.fullName).toBe('Imported name');
    await sql`DELETE FROM competitions WHERE id = ${id}::uuid`.execute(t.database.db);
    await mirror.sync();
    expect(mirror.records.has(id)).toBe(false);
  });
});

describe('GET /api/v1/competitions/changes/', () => {
  it('pages the feed in v1 shape with a bearer token; deleted items carry deleted and deleted_at', async () => {
    const anonymous = await t.app.inject({ method: 'GET', url: '/api/v1/competitions/changes/' });
    expect(anonymous.statusCode).toBe(401);
    const a = await create('LAT');
    const b = await create('LAT');
    await remove(b);
    const seen = new Map<string, Record<string, unknown>>();
    let cursor = '';
    for (let pages = 0; pages < 10; pages++) {
      const r = await t.app.inject({ method: 'GET', url: `/api/v1/competitions/changes?country=lat&limit=1${cursor ? `&cursor=${cursor}` : ''}`, headers: admin });
      expect(r.statusCode).toBe(200);
      const body = r.json();
      for (const change of body.changes) seen.set(change.id, change);
      cursor = body.cursor;
      if (!body.has_more) break;
    }
    expect(seen.get(a)).toMatchObject({ change: 'created', deleted: false, deleted_at: null, competition: { id: a, country_id: 'LAT', events: [], override_token: null } });
    expect(seen.get(b)).toEqual({ change: 'deleted', id: b, deleted: true, deleted_at: expect.any(String), competition: null });
  });

  it('answers bad query parameters with a FastAPI 422 naming them', async () => {
    const bad = await t.app.inject({ method: 'GET', url: '/api/v1/competitions/changes/?cursor=zzz', headers: admin });
    expect(bad.statusCode).toBe(422);
    expect(bad.json().detail[0]).toMatchObject({ loc: ['query', 'cursor'] });
    const limit = await t.app.inject({ method: 'GET', url: '/api/v1/competitions/changes/?limit=0', headers: admin });
    expect(limit.statusCode).toBe(422);
    expect(limit.json().detail[0].loc).toEqual(['query', 'limit']);
  });
});

describe('updated_since with include_deleted (Gantry extension)', () => {
  it('without include_deleted a list is what it always was; with it, tombstones follow as {id, deleted, deleted_at}', async () => {
    const before = new Date(Date.now() - 1000).toISOString();
    const kept = await create('LTU');
    const gone = await create('LTU');
    await t.app.inject({ method: 'DELETE', url: `/api/v1/competitions/${gone}`, headers: admin });
    const plain = await t.app.inject({ method: 'GET', url: `/api/v1/competitions/?country=LTU&updated_since=${before}`, headers: admin });
    expect(plain.json().map((c: { id: string }) => c.id)).toEqual([kept]);
    expect(Object.keys(plain.json()[0])).toEqual(Object.keys(record()).filter((k) => k !== 'events').concat(['override_token', 'id', 'year', 'events']));
    const off = await t.app.inject({ method: 'GET', url: `/api/v1/competitions/?country=LTU&updated_since=${before}&include_deleted=false`, headers: admin });
    expect(off.json()).toEqual(plain.json());

    const withDeleted = await t.app.inject({ method: 'GET', url: `/api/v1/competitions/?country=LTU&updated_since=${before}&include_deleted=true`, headers: admin });
    expect(withDeleted.statusCode).toBe(200);
    const body = withDeleted.json();
    expect(body.slice(0, 1)).toEqual(plain.json());
    expect(body.slice(1)).toEqual([{ id: gone, deleted: true, deleted_at: expect.any(String) }]);

    const later = new Date(Date.now() + 60_000).toISOString();
    const none = await t.app.inject({ method: 'GET', url: `/api/v1/competitions/?country=LTU&updated_since=${later}&include_deleted=true`, headers: admin });
    expect(none.json()).toEqual([]);
    const bad = await t.app.inject({ method: 'GET', url: '/api/v1/competitions/?include_deleted=maybe', headers: admin });
    expect(bad.statusCode).toBe(422);
    expect(bad.json().detail[0].loc).toEqual(['query', 'include_deleted']);
  });
});

describe.skipIf(backend !== 'postgres')('a transaction still open during a sync (PostgreSQL)', () => {
  it('a change committed later by a transaction that wrote first is not skipped', async () => {
    const mirror = graphqlMirror('POL', 100);
    await mirror.sync();
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    let slowId = '';
    let written!: () => void;
    const wrote = new Promise<void>((resolve) => (written = resolve));
    // The slow writer takes its transaction id and a seq first, and commits last.
    const slow = t.database.db.transaction().execute(async (trx) => {
      const { rows } = await sql<{ id: string }>`
        INSERT INTO competitions (full_name, slug, country_id, date, finish_date, year)
        VALUES ('Slow Meet', 'slow-meet', 'POL', ${`${year + 1}-07-01`}::date, ${`${year + 1}-07-02`}::date, ${year + 1}) RETURNING id`.execute(trx);
      slowId = rows[0]!.id;
      written();
      await held;
    });
    await wrote;
    const fast = await create('POL');
    await mirror.sync();
    // The fast change waits behind the open transaction: nothing is handed out past it.
    expect.soft(mirror.records.has(fast)).toBe(false);
    release();
    await slow;
    await mirror.sync();
    expect([...mirror.records.keys()].sort()).toEqual([fast, slowId].sort());
  });
});

describe('nightly pruning', () => {
  it('runs on the nightly schedule (02:30 UTC) of a listening server', async () => {
    const { default: Fastify } = await import('fastify');
    const { vi } = await import('vitest');
    const { registerTombstonePruning } = await import('../../src/calendars/prune.ts');
    const id = await create('MLT');
    await remove(id);
    await sql`UPDATE competition_tombstones SET deleted_at = now() - interval '91 days' WHERE id = ${id}::uuid`.execute(t.database.db);
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] });
    const app = Fastify();
    try {
      vi.setSystemTime(new Date(Date.UTC(2030, 0, 1, 2, 29, 50)));
      registerTombstonePruning(app, { db: t.database.db, config: t.config });
      await app.listen({ port: 0, host: '127.0.0.1' });
      const left = () => t.gql<{ deletedCompetitions: unknown[] }>('{ deletedCompetitions(countries: ["MLT"]) { id } }');
      expect((await left()).data?.deletedCompetitions).toHaveLength(1);
      vi.advanceTimersByTime(11_000);
      vi.useRealTimers();
      await expect.poll(async () => (await left()).data?.deletedCompetitions.length, { timeout: 10_000 }).toBe(0);
    } finally {
      vi.useRealTimers();
      await app.close();
    }
  });
});
