import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import ical from 'node-ical';
import { startTestApp, type TestApp } from '../helpers/app.ts';
import { seedAndSignIn, type DemoSession } from '../helpers/demo.ts';

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
