// .ics feeds that calendar apps can follow: SEQUENCE grows with each change, and a competition
// deleted within COMPETITION_TOMBSTONE_DAYS stays in the feed as STATUS:CANCELLED with a higher one.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import ical from 'node-ical';
import { sql } from 'kysely';
import { startTestApp, type TestApp } from '../helpers/app.ts';
import { seedAndSignIn, type DemoSession } from '../helpers/demo.ts';
import { pruneDeletions } from '../../src/domain/competition/competition-changes.repository.ts';

let t: TestApp;
let demo: DemoSession;
beforeAll(async () => {
  t = await startTestApp();
  demo = await seedAndSignIn(t);
});
afterAll(async () => t?.close());

type Event = { type: string; uid: string; summary: string; sequence?: number; status?: string; lastmodified?: Date; dtstamp?: Date };
const feed = async (country: string) => {
  const r = await t.app.inject(`/calendar/${country}.ics`);
  expect(r.statusCode).toBe(200);
  return Object.values(ical.sync.parseICS(r.body)).filter((e) => e?.type === 'VEVENT') as unknown as Event[];
};

describe('.ics feeds and changes', () => {
  it('every VEVENT has DTSTAMP, LAST-MODIFIED and a SEQUENCE that grows; a deletion is CANCELLED with a higher SEQUENCE', async () => {
    const year = new Date().getUTCFullYear();
    const created = await t.gql<{ createCompetition: { id: string } }>(
      'mutation($input: CompetitionInput!) { createCompetition(input: $input) { id } }',
      { input: { fullName: 'Oslo Games', slug: 'oslo-games', countryId: 'ISL', date: `${year}-09-01`, finishDate: `${year}-09-02` } },
      demo.as('admin'),
    );
    const id = created.data!.createCompetition.id;
    const uid = `${id}@gantry.test`;
    let [event] = await feed('isl');
    expect(event).toMatchObject({ uid, summary: 'Oslo Games', sequence: 0 });
    expect(event!.status).toBeUndefined();
    expect(event!.lastmodified).toBeInstanceOf(Date);
    expect(event!.dtstamp).toBeInstanceOf(Date);

    for (const name of ['Oslo Games 2', 'Oslo Games 3']) {
      await t.gql('mutation($id: ID!, $input: CompetitionPatch!) { updateCompetition(id: $id, input: $input) { id } }', { id, input: { fullName: name } }, demo.as('admin'));
    }
    [event] = await feed('isl');
    expect(event).toMatchObject({ uid, summary: 'Oslo Games 3', sequence: 2 });

    await t.gql('mutation($id: ID!) { deleteCompetition(id: $id) }', { id }, demo.as('admin'));
    const after = await feed('isl');
    expect(after).toHaveLength(1);
    expect(after[0]).toMatchObject({ uid, summary: 'Oslo Games 3', status: 'CANCELLED', sequence: 3 });
    expect(after[0]!.lastmodified!.getTime()).toBeGreaterThanOrEqual(event!.lastmodified!.getTime());
    // The European feed (ISL is a member) carries the cancellation too.
    expect((await feed('european')).find((e) => e.uid === uid)).toMatchObject({ status: 'CANCELLED' });

    // Past the retention window the cancellation goes too.
    await sql`UPDATE competition_tombstones SET deleted_at = now() - interval '100 days' WHERE id = ${id}::uuid`.execute(t.database.db);
    await pruneDeletions(t.database.db, t.config.competitionTombstoneDays);
    expect(await feed('isl')).toEqual([]);
  });
});
