// Competitions through GraphQL: the same rules the OpenTrack routes rely on.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { startTestApp, type TestApp } from '../helpers/app.ts';
import { seedAndSignIn, type DemoSession } from '../helpers/demo.ts';
import { year } from './opentrack-helpers.ts';

let t: TestApp;
let demo: DemoSession;

beforeAll(async () => {
  t = await startTestApp();
  demo = await seedAndSignIn(t);
});
afterAll(async () => t?.close());

const FIELDS = 'id fullName slug countryId date finishDate year latitude waRankingsCategoryId path viewerRole events { eventId eventCode rounds units { heat round } }';
const input = (overrides: Record<string, unknown> = {}) => ({
  fullName: 'GraphQL Games',
  slug: 'graphql-games',
  countryId: 'GBR',
  date: `${year + 1}-03-01`,
  finishDate: `${year + 1}-03-02`,
  ...overrides,
});
const create = (who: string, values: Record<string, unknown>, overrideToken?: string) =>
  t.gql<{ createCompetition: Record<string, unknown> }>(
    `mutation($input: CompetitionInput!, $token: String) { createCompetition(input: $input, overrideToken: $token) { ${FIELDS} } }`,
    { input: values, token: overrideToken ?? null },
    demo.as(who),
  );

describe('createCompetition', () => {
  it('creates, derives the year and the page path, makes units from rounds and the creator DIRECTOR', async () => {
    const r = await create('carol', input({ latitude: 51.5, waRankingsCategoryId: 'DF', events: [{ eventId: '1', eventCode: '400H', rounds: '3,1' }] }));
    expect(r.errors).toBeUndefined();
    expect(r.data?.createCompetition).toMatchObject({
      fullName: 'GraphQL Games',
      year: year + 1,
      latitude: 51.5,
      path: `/x/${year + 1}/GBR/graphql-games/`,
      viewerRole: 'DIRECTOR',
      events: [{ eventId: '1', eventCode: '400H', rounds: '3,1', units: [{ heat: 1, round: 1 }, { heat: 2, round: 1 }, { heat: 3, round: 1 }, { heat: 1, round: 2 }] }],
    });
  });

  it('fails with CONFLICT, an override token and the matching ids on the same name and date; the token then creates', async () => {
    const first = await t.gql<{ competitions: { id: string }[] }>('{ competitions(slug: "graphql-games") { id } }');
    const dup = await create('carol', input({ fullName: 'graphql games', slug: 'graphql-games-2' }));
    const error = dup.errors?.[0];
    expect(error?.extensions).toMatchObject({
      code: 'CONFLICT',
      reason: 'duplicate_competition',
      overrideToken: expect.any(String),
      matchingCompetitionIds: [first.data!.competitions[0]!.id],
    });
    const forced = await create('carol', input({ fullName: 'graphql games', slug: 'graphql-games-2' }), error?.extensions?.overrideToken as string);
    expect(forced.data?.createCompetition.slug).toBe('graphql-games-2');
  });

  it('ignores an id in the input: the server assigns it, even when the id is taken', async () => {
    const first = await create('carol', input({ fullName: 'Id Games', slug: 'id-games' }));
    const taken = first.data!.createCompetition.id as string;
    const r = await create('carol', input({ fullName: 'Id Games Two', slug: 'id-games-2', id: taken }));
    expect(r.errors).toBeUndefined();
    expect(r.data?.createCompetition.id).not.toBe(taken);
    const draft = await t.gql<{ validateCompetition: { id: string | null } }>(
      'mutation($input: CompetitionInput!) { validateCompetition(input: $input) { id } }',
      { input: input({ id: taken }) },
      demo.as('carol'),
    );
    expect(draft.data?.validateCompetition.id).toBeNull();
  });

  it('reports every field problem at once and writes nothing', async () => {
    const before = await t.gql<{ competitions: unknown[] }>('{ competitions(limit: 1000) { id } }');
    const r = await create('carol', input({ slug: 'UPPER', countryId: 'gbr', finishDate: `${year}-01-01`, longitude: 200, events: [{ eventId: ' ', eventCode: '' }] }));
    expect(r.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    const fields = (r.errors?.[0]?.extensions?.fields as { field: string }[]).map((f) => f.field);
    expect(fields).toEqual(['slug', 'countryId', 'finishDate', 'longitude', 'events.0.eventId', 'events.0.eventCode']);
    const after = await t.gql<{ competitions: unknown[] }>('{ competitions(limit: 1000) { id } }');
    expect(after.data?.competitions.length).toBe(before.data?.competitions.length);
  });

  it('leaves no role behind when the insert fails (slug taken)', async () => {
    const r = await create('carol', input({ fullName: 'Different Name', slug: 'graphql-games' }));
    expect(r.errors?.[0]?.extensions).toMatchObject({ code: 'CONFLICT', reason: 'slug_taken' });
    const { rows } = await sql<{ n: number }>`SELECT count(*)::int AS n FROM competition_roles r LEFT JOIN competitions c ON c.id = r.competition_id WHERE c.id IS NULL`.execute(t.database.db);
    expect(rows[0]!.n).toBe(0);
  });
});

describe('validateCompetition', () => {
  it('returns the normalised draft without saving it', async () => {
    const r = await t.gql<{ validateCompetition: { id: string | null; year: number; events: { units: unknown[] }[] } }>(
      'mutation($input: CompetitionInput!) { validateCompetition(input: $input) { id year fullName events { units { heat } } } }',
      { input: input({ slug: 'draft-only', fullName: '  Draft  ', events: [{ eventId: 'x', eventCode: '100', rounds: '8,3,1' }] }) },
    );
    expect(r.data?.validateCompetition).toMatchObject({ id: null, year: year + 1, fullName: 'Draft' });
    expect(r.data?.validateCompetition.events[0]!.units).toHaveLength(12);
    expect((await t.gql<{ competitions: unknown[] }>('{ competitions(slug: "draft-only") { id } }')).data?.competitions).toEqual([]);
  });
});

describe('queries', () => {
  it('filters by several countries and inclusive dates, and lists the countries with competitions', async () => {
    const r = await t.gql<{ competitions: { countryId: string; date: string }[] }>(
      `{ competitions(countries: ["nor", "ITA"], fromDate: "${year}-06-05", toDate: "${year}-06-12") { countryId date } }`,
    );
    expect(r.data?.competitions).toEqual([
      { countryId: 'ITA', date: `${year}-06-05` },
      { countryId: 'NOR', date: `${year}-06-12` },
    ]);
    const countries = await t.gql<{ competitionCountries: string[] }>(`{ competitionCountries(fromDate: "${year}-01-01", toDate: "${year}-12-31") }`);
    expect(countries.data?.competitionCountries).toEqual(['DEU', 'GBR', 'ITA', 'NOR']);
  });

  it("resolves the viewer's role and rights for a whole list in a fixed number of statements", async () => {
    const q = (limit: number) => t.gql<{ competitions: { viewerRole: string | null; viewerCanManage: boolean }[] }>(
      `{ competitions(limit: ${limit}) { viewerRole viewerCanManage } }`,
      {},
      demo.as('carol'),
    );
    const small = await q(2);
    const large = await q(12);
    expect(large.data?.competitions.length).toBeGreaterThan(8);
    expect(large.statements).toBe(small.statements);
    expect(large.data?.competitions.filter((c) => c.viewerCanManage).length).toBeGreaterThanOrEqual(3);
  });

  it('myCompetitions needs a signed-in user', async () => {
    const anonymous = await t.gql('{ myCompetitions { id } }');
    expect(anonymous.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    const mine = await t.gql<{ myCompetitions: { viewerRole: string }[] }>('{ myCompetitions { viewerRole } }', {}, demo.as('carol'));
    expect(mine.data?.myCompetitions.every((c) => c.viewerRole === 'DIRECTOR')).toBe(true);
  });
});

describe('updateCompetition and deleteCompetition', () => {
  it('changes the given fields, replaces events when given, and deletes', async () => {
    const made = (await create('carol', input({ slug: 'to-change', fullName: 'To Change', events: [{ eventId: '1', eventCode: 'HJ' }] }))).data!.createCompetition;
    const changed = await t.gql<{ updateCompetition: { fullName: string; slug: string; events: { eventId: string }[] } }>(
      'mutation($id: ID!) { updateCompetition(id: $id, input: { fullName: "Changed", events: [{ eventId: "2", eventCode: "PV" }] }) { fullName slug events { eventId } } }',
      { id: made.id },
      demo.as('carol'),
    );
    expect(changed.data?.updateCompetition).toEqual({ fullName: 'Changed', slug: 'to-change', events: [{ eventId: '2' }] });
    const byBob = await t.gql('mutation($id: ID!) { deleteCompetition(id: $id) }', { id: made.id }, demo.as('bob'));
    expect(byBob.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const deleted = await t.gql('mutation($id: ID!) { deleteCompetition(id: $id) }', { id: made.id }, demo.as('carol'));
    expect(deleted.data).toEqual({ deleteCompetition: true });
    const gone = await t.gql('mutation($id: ID!) { deleteCompetition(id: $id) }', { id: made.id }, demo.as('carol'));
    expect(gone.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
  });
});

describe('updateCompetition runs the create rules', () => {
  const update = (who: string, id: string, patch: Record<string, unknown>, overrideToken?: string) =>
    t.gql<{ updateCompetition: Record<string, unknown> }>(
      `mutation($id: ID!, $input: CompetitionPatch!, $token: String) { updateCompetition(id: $id, input: $input, overrideToken: $token) { ${FIELDS} } }`,
      { id, input: patch, token: overrideToken ?? null },
      demo.as(who),
    );

  it('renaming onto the name and date of another competition fails with CONFLICT and an override token, which then lets it through', async () => {
    const kept = (await create('carol', input({ fullName: 'Canal Mile', slug: 'canal-mile' }))).data!.createCompetition;
    const other = (await create('carol', input({ fullName: 'Lock Mile', slug: 'lock-mile' }))).data!.createCompetition;
    const r = await update('carol', other.id as string, { fullName: 'canal mile  ' });
    expect(r.errors?.[0]?.extensions).toMatchObject({
      code: 'CONFLICT',
      reason: 'duplicate_competition',
      overrideToken: expect.any(String),
      matchingCompetitionIds: [kept.id],
    });
    const forced = await update('carol', other.id as string, { fullName: 'canal mile  ' }, r.errors?.[0]?.extensions?.overrideToken as string);
    expect(forced.errors).toBeUndefined();
    expect(forced.data?.updateCompetition.fullName).toBe('canal mile');
  });

  it('checks fields, the slug, the country rights and every other create rule on the merged record', async () => {
    const made = (await create('carol', input({ fullName: 'Rules Meet', slug: 'rules-meet' }))).data!.createCompetition;
    const bad = await update('carol', made.id as string, { slug: 'Has Spaces', finishDate: `${year}-01-01`, latitude: 100 });
    expect(bad.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect((bad.errors?.[0]?.extensions?.fields as { field: string }[]).map((f) => f.field).sort()).toEqual(['finishDate', 'latitude', 'slug']);
    expect((await update('carol', made.id as string, { slug: 'graphql-games' })).errors?.[0]?.extensions).toMatchObject({ code: 'CONFLICT', reason: 'slug_taken' });
    expect((await update('carol', made.id as string, { countryId: 'FRA' })).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect((await update('bob', made.id as string, { city: 'X' })).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const unchanged = await t.gql<{ competition: Record<string, unknown> }>(`query($id: ID!) { competition(id: $id) { ${FIELDS} } }`, { id: made.id }, demo.as('carol'));
    expect(unchanged.data?.competition).toEqual(made);
  });
});

describe('competition links', () => {
  it('refuses non-http(s) website, entryLink and resultsLink with BAD_USER_INPUT, on create and update', async () => {
    const r = await create('carol', input({ slug: 'js-links', website: 'javascript:alert(1)', entryLink: 'vbscript:x', resultsLink: 'https://ok.example.org' }));
    expect(r.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect((r.errors?.[0]?.extensions?.fields as { field: string }[]).map((f) => f.field)).toEqual(['website', 'entryLink']);
    const made = (await create('carol', input({ fullName: 'Links Meet', slug: 'links-meet', website: 'http://links.example.org' }))).data!.createCompetition;
    const changed = await t.gql('mutation($id: ID!) { updateCompetition(id: $id, input: { resultsLink: "JavaScript:alert(1)" }) { id } }', { id: made.id }, demo.as('carol'));
    expect(changed.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', fields: [{ field: 'resultsLink' }] });
  });
});
