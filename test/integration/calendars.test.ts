// Static calendar files: export (GraphQL trigger, CLI, start-up), names and content, ETag/304, 404
// for years not exported, atomic replacement.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { startTestApp, type TestApp } from '../helpers/app.ts';
import { seedAndSignIn, type DemoSession } from '../helpers/demo.ts';
import { EUROPEAN_ATHLETICS_MEMBERS } from '../../src/calendars/european-athletics.ts';
import { year } from './opentrack-helpers.ts';

const execFileAsync = promisify(execFile);

/** Runs the CLI; resolves with its exit code and output whatever the outcome. */
function gantry(args: string[], env: NodeJS.ProcessEnv): Promise<{ code: number; stdout: string; stderr: string }> {
  return execFileAsync('node', ['bin/gantry.js', ...args], { env }).then(
    ({ stdout, stderr }) => ({ code: 0, stdout, stderr }),
    (error: { code: number; stdout: string; stderr: string }) => ({ code: error.code, stdout: error.stdout, stderr: error.stderr }),
  );
}

let t: TestApp;
let demo: DemoSession;
let dataDir: string;
const calendarDir = () => join(dataDir, 'files', 'live', 'euroath');

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'gantry-calendars-'));
  t = await startTestApp({ DATA_DIR: dataDir });
  demo = await seedAndSignIn(t);
});
afterAll(async () => {
  await t?.close();
  rmSync(dataDir, { recursive: true, force: true });
});

const file = (name: string, headers: Record<string, string> = {}) => t.app.inject({ method: 'GET', url: `/files/live/euroath/${name}`, headers });
const exportNow = (who: string, yearArg?: number) =>
  t.gql<{ exportCalendars: { years: number[]; files: { name: string; url: string; competitions: number; etag: string }[]; removed: string[] } }>(
    'mutation($year: Int) { exportCalendars(year: $year) { years removed files { name url competitions etag } } }',
    { year: yearArg ?? null },
    demo.as(who),
  );

describe('before any export', () => {
  it('answers 404 for every calendar', async () => {
    const r = await file(`european_calendar_${year}.json`);
    expect(r.statusCode).toBe(404);
    expect(r.json()).toEqual({ detail: 'Not Found' });
  });
});

describe('exportCalendars (GraphQL)', () => {
  it('is for administrators only', async () => {
    expect((await exportNow('carol')).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const anonymous = await t.gql('mutation { exportCalendars { years } }');
    expect(anonymous.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
  });

  it('writes the European and the domestic calendars of this year and the next', async () => {
    const r = await exportNow('admin');
    expect(r.errors).toBeUndefined();
    const summary = r.data!.exportCalendars;
    expect(summary.years).toEqual([year, year + 1]);
    const names = summary.files.map((f) => f.name);
    for (const y of [year, year + 1]) {
      expect(names).toContain(`european_calendar_${y}.json`);
      for (const member of EUROPEAN_ATHLETICS_MEMBERS) expect(names).toContain(`domestic_calendar_${member.toLowerCase()}_${y}.json`);
    }
    // Kenya is no member: it has a file only for the year it has a competition in.
    expect(names).toContain(`domestic_calendar_ken_${year + 1}.json`);
    expect(names).not.toContain(`domestic_calendar_ken_${year}.json`);
    expect(summary.files.find((f) => f.name === `european_calendar_${year}.json`)).toMatchObject({
      competitions: 4,
      url: `http://gantry.test/files/live/euroath/european_calendar_${year}.json`,
    });
    // Written whole and renamed into place: no temporary files stay behind.
    expect(readdirSync(calendarDir()).filter((n) => n.startsWith('.'))).toEqual([]);
  });
});

describe('serving the files', () => {
  it('serves the European calendar: member countries only, by date, v1 records with events', async () => {
    const r = await file(`european_calendar_${year}.json`);
    expect(r.statusCode).toBe(200);
    expect(r.headers['content-type']).toBe('application/json; charset=utf-8');
    expect(r.headers['access-control-allow-origin']).toBe('*');
    const records = r.json() as Record<string, unknown>[];
    // ISTAF Berlin is stored under DEU (ISO), Kenya is not a member; next year's meets are in the next file.
    expect(records.map((c) => [c.country_id, c.date])).toEqual([
      ['ITA', `${year}-06-05`],
      ['NOR', `${year}-06-12`],
      ['GBR', `${year}-07-11`],
      ['DEU', `${year}-09-01`],
    ]);
    expect(records[0]).toMatchObject({ full_name: 'Golden Gala', year, override_token: null, events: [{ event_id: '001', event_code: '100' }] });
    const next = (await file(`european_calendar_${year + 1}.json`)).json() as { country_id: string }[];
    expect(next.map((c) => c.country_id)).toEqual(['GBR', 'NOR', 'FRA']);
  });

  it('serves domestic calendars under the lower-case name, with the upper-case name as an alias', async () => {
    const lower = await file(`domestic_calendar_gbr_${year + 1}.json`);
    const upper = await file(`domestic_calendar_GBR_${year + 1}.json`);
    expect(lower.statusCode).toBe(200);
    expect(upper.body).toBe(lower.body);
    expect(upper.headers.etag).toBe(lower.headers.etag);
    expect((lower.json() as { full_name: string }[]).map((c) => c.full_name)).toEqual(['London Indoor Open']);
    expect((await file(`domestic_calendar_ken_${year + 1}.json`)).json()).toHaveLength(1);
    expect((await file(`domestic_calendar_alb_${year}.json`)).json()).toEqual([]);
  });

  it('answers 304 to If-None-Match with the current strong ETag, and 200 with the body otherwise', async () => {
    const first = await file(`european_calendar_${year}.json`);
    const etag = first.headers.etag as string;
    expect(etag).toMatch(/^"[\w-]+"$/);
    const same = await file(`european_calendar_${year}.json`, { 'if-none-match': etag });
    expect(same.statusCode).toBe(304);
    expect(same.body).toBe('');
    expect(same.headers.etag).toBe(etag);
    expect((await file(`european_calendar_${year}.json`, { 'if-none-match': `"other", W/${etag}` })).statusCode).toBe(304);
    expect((await file(`european_calendar_${year}.json`, { 'if-none-match': '"something-else"' })).statusCode).toBe(200);
  });

  it('answers 404 for years not exported and for names that are not calendars', async () => {
    for (const name of [`european_calendar_${year + 2}.json`, `domestic_calendar_gbr_${year - 1}.json`, 'secrets.json', '..%2Fjwt-secret']) {
      const r = await file(name);
      expect(r.statusCode, name).toBe(404);
    }
  });

  it('changes the ETag when a competition changes and the files are exported again', async () => {
    const before = (await file(`domestic_calendar_gbr_${year}.json`)).headers.etag as string;
    const [championships] = (await file(`domestic_calendar_gbr_${year}.json`)).json() as { id: string }[];
    await t.gql('mutation($id: ID!) { updateCompetition(id: $id, input: { city: "Manchester" }) { id } }', { id: championships!.id }, demo.as('carol'));
    await exportNow('admin');
    const after = await file(`domestic_calendar_gbr_${year}.json`, { 'if-none-match': before });
    expect(after.statusCode).toBe(200);
    expect(after.headers.etag).not.toBe(before);
    expect((after.json() as { city: string }[])[0]!.city).toBe('Manchester');
  });

  it('never serves a half-written file while exports replace them', async () => {
    const reads: Promise<{ statusCode: number; body: string }>[] = [];
    const exports = [exportNow('admin'), exportNow('admin'), exportNow('admin')];
    for (let i = 0; i < 40; i++) {
      reads.push(file(`european_calendar_${year}.json`));
      await new Promise((resolve) => setImmediate(resolve));
    }
    const answers = await Promise.all(reads);
    await Promise.all(exports);
    for (const answer of answers) {
      expect(answer.statusCode).toBe(200);
      expect(JSON.parse(answer.body)).toHaveLength(4);
    }
  });

  it('keeps an explicitly exported year until the next full export, which removes it', async () => {
    const extra = await exportNow('admin', year + 5);
    expect(extra.data?.exportCalendars.years).toEqual([year + 5]);
    expect((await file(`european_calendar_${year + 5}.json`)).json()).toEqual([]);
    const full = await exportNow('admin');
    expect(full.data?.exportCalendars.removed).toContain(`european_calendar_${year + 5}.json`);
    expect((await file(`european_calendar_${year + 5}.json`)).statusCode).toBe(404);
    expect((await file(`european_calendar_${year}.json`)).statusCode).toBe(200);
  });
});

describe('the server process', () => {
  it('exports at start-up when this year\'s files are missing, and closes cleanly', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'gantry-calendars-listen-'));
    const server = await startTestApp({ DATA_DIR: dir });
    try {
      await seedAndSignIn(server);
      await server.app.listen({ port: 0, host: '127.0.0.1' });
      const target = join(dir, 'files', 'live', 'euroath', `european_calendar_${year}.json`);
      const deadline = Date.now() + 20_000;
      let content: string | undefined;
      while (!content && Date.now() < deadline) {
        try {
          content = readFileSync(target, 'utf8');
        } catch {
          await new Promise((resolve) => setTimeout(resolve, 100));
        }
      }
      expect(JSON.parse(content!)).toHaveLength(4);
    } finally {
      await server.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('gantry export-calendars', () => {
  it('writes the files of one year to --out, and refuses a bad --year', { timeout: 180_000 }, async () => {
    const dir = mkdtempSync(join(tmpdir(), 'gantry-calendars-cli-'));
    const out = join(dir, 'out');
    // A clean environment: the test runner's own variables (BASE_URL=/, ...) are not the CLI's.
    const env = { PATH: process.env.PATH, HOME: process.env.HOME, DATA_DIR: join(dir, 'data'), LOG_LEVEL: 'silent' };
    try {
      const seeded = await gantry(['seed'], env);
      expect(seeded.code, seeded.stderr).toBe(0);
      const exported = await gantry(['export-calendars', '--out', out, '--year', String(year + 1)], env);
      expect(exported.code, exported.stderr).toBe(0);
      expect(exported.stdout).toContain(`Wrote ${EUROPEAN_ATHLETICS_MEMBERS.length + 1 + 1} calendar files for ${year + 1}`);
      const names = readdirSync(out);
      expect(names).toContain(`european_calendar_${year + 1}.json`);
      expect(names).toContain(`domestic_calendar_fra_${year + 1}.json`);
      expect(names.some((n) => n.includes(`_${year}.json`))).toBe(false);
      const european = JSON.parse(readFileSync(join(out, `european_calendar_${year + 1}.json`), 'utf8')) as { slug: string }[];
      expect(european.map((c) => c.slug)).toEqual([`london-indoor-open-${year + 1}`, `norwegian-cross-country-cup-${year + 1}`, `meeting-de-paris-${year + 1}`]);
      const bad = await gantry(['export-calendars', '--year', 'next'], env);
      expect(bad.code).toBe(2);
      expect(bad.stderr).toContain('--year must be a year');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
