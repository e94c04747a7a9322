import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import ical from 'node-ical';
import { startTestApp, type TestApp } from '../helpers/app.ts';
import { seedAndSignIn, type DemoSession } from '../helpers/demo.ts';
import { buildApp } from '../../src/http/app.ts';
import { loadConfig } from '../../src/config.ts';

let t: TestApp;
let s: DemoSession;
beforeAll(async () => {
  t = await startTestApp();
  s = await seedAndSignIn(t);
});
afterAll(async () => t?.close());

type Event = { type: string; uid: string; summary: string; start: Date & { dateOnly?: boolean }; end: Date; location: string; url: string | { val: string } };
const events = (text: string) => Object.values(ical.sync.parseICS(text)).filter((e) => e?.type === 'VEVENT') as unknown as Event[];

describe('calendar feeds', () => {
  it('serves one all-day event per competition of a country, parsed by an independent iCalendar parser', async () => {
    const r = await t.app.inject('/calendar/gbr.ics');
    expect(r.statusCode).toBe(200);
    expect(r.headers['content-type']).toMatch(/^text\/calendar/);
    const parsed = events(r.body);
    expect(parsed.map((e) => e.summary).sort()).toEqual(['British Athletics Championships', 'London Indoor Open']);
    const champs = parsed.find((e) => e.summary === 'British Athletics Championships')!;
    const year = new Date().getUTCFullYear();
    expect(champs.start.dateOnly).toBe(true);
    expect(champs.start.toISOString().slice(0, 10)).toBe(`${year}-07-11`);
    // Three days, 11-13 July: DTEND is the day after.
    expect(champs.end.toISOString().slice(0, 10)).toBe(`${year}-07-14`);
    expect(champs.location).toBe('Birmingham, GBR');
    expect(champs.uid).toMatch(/^[0-9a-f-]{36}@gantry\.test$/);
    // The UID is stable from one fetch to the next.
    expect(events((await t.app.inject('/calendar/gbr.ics')).body).find((e) => e.summary === champs.summary)!.uid).toBe(champs.uid);
  });

  it('lists European member countries in the European feed, not others', async () => {
    const summaries = events((await t.app.inject('/calendar/european.ics')).body).map((e) => e.summary);
    expect(summaries).toEqual(expect.arrayContaining(['Bislett Games', 'Golden Gala', 'ISTAF Berlin']));
    expect(summaries).not.toContain('Kenyan Trials');
  });

  it('answers If-None-Match with 304 until a competition changes', async () => {
    const first = await t.app.inject('/calendar/nor.ics');
    const etag = first.headers.etag as string;
    expect((await t.app.inject({ url: '/calendar/nor.ics', headers: { 'if-none-match': etag } })).statusCode).toBe(304);
    const year = new Date().getUTCFullYear() + 1;
    const created = await t.gql(
      `mutation { createCompetition(input: { fullName: "Oslo Relays", slug: "oslo-relays", countryId: "NOR", date: "${year}-05-01", finishDate: "${year}-05-01", city: "Oslo" }) { id } }`,
      {},
      s.as('admin'),
    );
    expect(created.errors).toBeUndefined();
    const after = await t.app.inject({ url: '/calendar/nor.ics', headers: { 'if-none-match': etag } });
    expect(after.statusCode).toBe(200);
    expect(events(after.body).map((e) => e.summary)).toContain('Oslo Relays');
  });

  it('never writes a link that is not http(s) into a feed, even one stored before links were checked', async () => {
    const year = new Date().getUTCFullYear();
    await t.database.db
      .insertInto('competitions')
      .values({ full_name: 'Stored Script Meet', slug: 'stored-script-meet', country_id: 'ISL', date: `${year}-09-01`, finish_date: `${year}-09-01`, year, website: 'javascript:alert(1)', events: '[]', created_by: null })
      .execute();
    const r = await t.app.inject('/calendar/isl.ics');
    expect(r.body).not.toMatch(/javascript/i);
    const event = events(r.body).find((e) => e.summary === 'Stored Script Meet')!;
    const url = typeof event.url === 'string' ? event.url : event.url.val;
    expect(url).toBe('http://gantry.test/competitions?country=ISL');
  });

  it('answers unknown feeds with 404', async () => {
    expect((await t.app.inject('/calendar/great-britain.ics')).statusCode).toBe(404);
  });
});

describe('feed cache', () => {
  const get = (url: string, headers: Record<string, string> = {}, app = t.app) => app.inject({ method: 'GET', url, headers });
  const statementsOf = (r: { headers: Record<string, unknown> }) => Number(r.headers['x-sql-statements']);
  const nextYear = new Date().getUTCFullYear() + 1;
  const addCompetition = (slug: string, country: string) =>
    t.gql(
      `mutation { createCompetition(input: { fullName: "${slug}", slug: "${slug}", countryId: "${country}", date: "${nextYear}-06-01", finishDate: "${nextYear}-06-01" }) { id } }`,
      {},
      s.as('admin'),
    );

  it('answers a matching If-None-Match with 304 without rendering: one indexed read, no competition loaded', async () => {
    const first = await get('/calendar/european.ics');
    expect(first.statusCode).toBe(200);
    const renders = t.app.calendarFeedCache.renders;
    const again = await get('/calendar/european.ics', { 'if-none-match': `W/"x", ${first.headers.etag as string}` });
    expect(again.statusCode).toBe(304);
    expect(again.headers['x-calendar-feed']).toBe('not-modified');
    expect(again.headers.etag).toBe(first.headers.etag);
    // The version read (and, with the PostgreSQL rate-limit store, its counter).
    expect(statementsOf(again)).toBeLessThanOrEqual(t.database.pgPool ? 2 : 1);
    expect(t.app.calendarFeedCache.renders).toBe(renders);
  });

  it('serves an unchanged feed from memory, and renders it once for many concurrent requests', async () => {
    const cold = await Promise.all(Array.from({ length: 20 }, () => get('/calendar/ita.ics')));
    const renders = t.app.calendarFeedCache.renders;
    expect(new Set(cold.map((r) => r.body)).size).toBe(1);
    expect(cold.filter((r) => r.headers['x-calendar-feed'] === 'rendered')).toHaveLength(1);
    const warm = await get('/calendar/ita.ics');
    expect(warm.statusCode).toBe(200);
    expect(warm.headers['x-calendar-feed']).toBe('cached');
    expect(warm.body).toBe(cold[0]!.body);
    expect(statementsOf(warm)).toBeLessThan(statementsOf(cold.find((r) => r.headers['x-calendar-feed'] === 'rendered')!));
    expect(t.app.calendarFeedCache.renders).toBe(renders);
  });

  it('a create, an update, a delete or a direct SQL write makes the next request render the new feed', async () => {
    let before = await get('/calendar/esp.ics');
    const created = await addCompetition('madrid-mile', 'ESP');
    const id = (created.data as { createCompetition: { id: string } }).createCompetition.id;
    const steps: [string, () => Promise<unknown>, (body: string) => boolean][] = [
      ['create', async () => undefined, (body) => body.includes('madrid-mile')],
      ['update', () => t.gql(`mutation { updateCompetition(id: "${id}", input: { fullName: "Madrid Mile Renamed" }) { id } }`, {}, s.as('admin')), (body) => body.includes('Madrid Mile Renamed')],
      ['SQL', () => t.database.db.updateTable('competitions').set({ full_name: 'Madrid by SQL' }).where('id', '=', id).execute(), (body) => body.includes('Madrid by SQL')],
      ['delete', () => t.gql(`mutation { deleteCompetition(id: "${id}") }`, {}, s.as('admin')), (body) => /STATUS:CANCELLED/.test(body) && body.includes('Madrid by SQL')],
    ];
    for (const [what, change, check] of steps) {
      await change();
      const after = await get('/calendar/esp.ics', { 'if-none-match': before.headers.etag as string });
      expect(after.statusCode, what).toBe(200);
      expect(after.headers['x-calendar-feed'], what).toBe('rendered');
      expect(after.headers.etag, what).not.toBe(before.headers.etag);
      expect(check(after.body), what).toBe(true);
      before = after;
    }
  });

  it('another gateway process on the same database sees a change made through this one', async () => {
    const other = await buildApp({ config: t.config, database: t.database, logger: false });
    try {
      const seen = await get('/calendar/por.ics', {}, other);
      expect(seen.statusCode).toBe(200);
      expect((await get('/calendar/por.ics', { 'if-none-match': seen.headers.etag as string }, other)).statusCode).toBe(304);
      await addCompetition('lisbon-relays', 'POR');
      const after = await get('/calendar/por.ics', { 'if-none-match': seen.headers.etag as string }, other);
      expect(after.statusCode).toBe(200);
      expect(after.body).toContain('lisbon-relays');
      // Both processes agree on the new ETag without sharing memory.
      expect((await get('/calendar/por.ics')).headers.etag).toBe(after.headers.etag);
    } finally {
      await other.close();
    }
  });

  it('limits feed requests per client address (CALENDAR_FEED_RATE_LIMIT), telling when to come back', async () => {
    const config = loadConfig({ JWT_SECRET: 'test-secret-of-enough-length', BASE_URL: 'http://gantry.test', CALENDAR_FEED_RATE_LIMIT: '3' }, { persistSecret: false });
    const limited = await buildApp({ config, database: t.database, logger: false });
    try {
      const from = (ip: string) => limited.inject({ method: 'GET', url: '/calendar/gbr.ics', remoteAddress: ip });
      for (let i = 0; i < 2; i++) expect((await from('198.51.100.7')).statusCode).toBe(200);
      const refused = await from('198.51.100.7');
      expect(refused.statusCode).toBe(429);
      expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);
      expect(refused.body).toMatch(/try again in \d+ seconds/);
      expect((await from('198.51.100.8')).statusCode).toBe(200);
    } finally {
      await limited.close();
    }
  });
});
