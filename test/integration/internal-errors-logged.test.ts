// No silent 500s: an internal error, in GraphQL and in every REST dialect, writes one `error` line
// with the request id, the route (and the GraphQL operation), the code and the stack, while the
// client gets only the generic message. The database is broken on purpose (tables renamed away),
// which no handler expects.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { startTestApp, type TestApp } from '../helpers/app.ts';
import { seedDemo } from '../../src/seed/demo.ts';

let t: TestApp;
let dataDir: string;
const lines: string[] = [];
let accessToken = '';

/** Renames tables away for the length of one request: every statement on them fails (42P01). */
async function withTablesGone<T>(tables: string[], work: () => Promise<T>): Promise<T> {
  const rename = (from: string, to: string) => sql`ALTER TABLE ${sql.ref(from)} RENAME TO ${sql.ref(to)}`.execute(t.database.db);
  for (const table of tables) await rename(table, `${table}_gone`);
  try {
    return await work();
  } finally {
    for (const table of tables) await rename(`${table}_gone`, table);
  }
}

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'gantry-errlog-'));
  // LOG_LEVEL=error: the line is written at the quietest level that still reports problems.
  t = await startTestApp({ DATA_DIR: dataDir, LOG_LEVEL: 'error' }, { logLines: lines });
  await seedDemo(t.database.db);
  const issued = await t.gql<{ issueAccessToken: { accessToken: string } }>(
    'mutation { issueAccessToken(username: "alice", password: "alice-password") { accessToken } }',
  );
  accessToken = issued.data!.issueAccessToken.accessToken;
  // A calendar "file" that cannot be read: a directory where the file should be.
  mkdirSync(join(dataDir, 'files', 'live', 'euroath', 'european_calendar_2031.json'), { recursive: true });
});

afterAll(async () => {
  await t?.close();
  rmSync(dataDir, { recursive: true, force: true });
});

type Request = { method: 'GET' | 'POST'; url: string; payload?: string; headers?: Record<string, string>; gone: string[] };
const form = { 'content-type': 'application/x-www-form-urlencoded' };
const json = { 'content-type': 'application/json' };

const requests: [string, Request, string][] = [
  ['GraphQL', { method: 'POST', url: '/graphql', headers: json, payload: JSON.stringify({ query: 'query Broken { projects { id name } }' }), gone: ['projects'] }, 'Broken'],
  ['PYBOSSA', { method: 'GET', url: '/api/project?limit=2', gone: ['projects'] }, 'PybossaList_project'],
  ['JSend', { method: 'POST', url: '/api/token', headers: form, payload: 'user_id=alice&password=alice-password', gone: ['users'] }, ''],
  ['race server', { method: 'POST', url: '/api/upload', headers: form, payload: 'user=alice&key=K&secret=S&buggy_json=%7B%7D', gone: ['users'] }, ''],
  ['OpenTrack v1', { method: 'GET', url: '/api/v1/competitions/', headers: { authorization: 'Bearer %TOKEN%' }, gone: ['competitions'] }, ''],
  ['OpenTrack legacy', { method: 'POST', url: '/api/get-auth-token/', headers: form, payload: 'username=alice&password=alice-password', gone: ['users'] }, ''],
  ['ical', { method: 'GET', url: '/calendar/gbr.ics', gone: ['competitions'] }, ''],
  ['static calendar files', { method: 'GET', url: '/files/live/euroath/european_calendar_2031.json', gone: [] }, ''],
];

describe('internal errors', () => {
  it.each(requests)('%s: the client gets the generic message, the log one error line with request id, route, code and stack', async (_, request, operation) => {
    const before = lines.length;
    const { gone, ...sent } = request;
    const headers = Object.fromEntries(Object.entries(sent.headers ?? {}).map(([k, v]) => [k, v.replace('%TOKEN%', accessToken)]));
    const response = await withTablesGone(gone, () => t.app.inject({ ...sent, headers }));
    const requestId = response.headers['x-request-id'];
    expect(requestId).toBeTruthy();
    // Nothing of the database's wording reaches the client.
    expect(response.body).not.toMatch(/_gone|does not exist|relation|stack|EISDIR/i);
    const logged = lines.slice(before).map((line) => JSON.parse(line));
    const errors = logged.filter((line) => line.level === 50 && line.reqId === requestId);
    expect(errors, JSON.stringify(logged)).toHaveLength(1);
    const [line] = errors;
    expect(line).toMatchObject({ code: 'INTERNAL_SERVER_ERROR', route: expect.stringMatching(new RegExp(`^${request.method} /`)) });
    expect(line.route).not.toContain('?');
    expect(line.err.stack).toMatch(/\n\s+at /);
    if (operation) expect(line.operation).toBe(operation);
  });
});
