import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { startTestApp, type TestApp } from '../helpers/app.ts';
import { migrateToLatest } from '../../src/db/migrator.ts';
import { seedDemo } from '../../src/seed/demo.ts';
import { seedScale } from '../../src/seed/scale.ts';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(async () => t?.close());

describe('HTTP foundation', () => {
  it('answers /healthz and /readyz', async () => {
    expect((await t.app.inject('/healthz')).json()).toEqual({ status: 'ok' });
    const ready = await t.app.inject('/readyz');
    expect(ready.statusCode).toBe(200);
    expect(ready.json().status).toBe('ready');
  });

  it('answers GraphQL over POST and GET, with a request id', async () => {
    const post = await t.gql('{ server { version } }');
    expect(post.data).toEqual({ server: { version: expect.any(String) } });
    const get = await t.app.inject({ method: 'GET', url: '/graphql?query=%7B__typename%7D' });
    expect(get.json()).toEqual({ data: { __typename: 'Query' } });
    expect(get.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
    const echoed = await t.app.inject({ method: 'GET', url: '/healthz', headers: { 'x-request-id': 'abc-123' } });
    expect(echoed.headers['x-request-id']).toBe('abc-123');
  });

  it('answers a body that is not JSON with a coded GraphQL error', async () => {
    const response = await t.app.inject({ method: 'POST', url: '/graphql', headers: { 'content-type': 'application/json' }, payload: '{"query": ' });
    expect(response.statusCode).toBe(400);
    expect(response.json().errors[0].extensions.code).toBe('BAD_USER_INPUT');
    expect(response.json().errors[0].message).toMatch(/not valid JSON/);
  });

  it('reports readiness as 503 when the database does not answer', async () => {
    const broken = { ...t.database, ping: () => Promise.reject(new Error('down')) };
    const { buildApp } = await import('../../src/http/app.ts');
    const app = await buildApp({ config: t.config, database: broken, logger: false });
    const response = await app.inject('/readyz');
    expect(response.statusCode).toBe(503);
    expect(response.json().status).toBe('unavailable');
    await app.close();
  });
});

describe('database', () => {
  it('re-running migrations is a no-op', async () => {
    const again = await migrateToLatest(t.database.db, t.database.schema);
    expect(again.results).toEqual([]);
  });

  it('indexes every foreign key column', async () => {
    const { rows } = await sql<{ table: string; column: string }>`
      SELECT c.conrelid::regclass::text AS table, a.attname AS column
      FROM pg_constraint c
      JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = c.conkey[1]
      WHERE c.contype = 'f' AND c.connamespace = current_schema()::regnamespace
        AND NOT EXISTS (
          SELECT 1 FROM pg_index i WHERE i.indrelid = c.conrelid AND i.indkey[0] = c.conkey[1]
        )`.execute(t.database.db);
    expect(rows).toEqual([]);
  });

  it('gives every info column a GIN index', async () => {
    const { rows } = await sql<{ tablename: string }>`
      SELECT tablename FROM pg_indexes
      WHERE schemaname = current_schema() AND indexdef ILIKE '%USING gin (info)%' ORDER BY tablename`.execute(t.database.db);
    expect(rows.map((r) => r.tablename)).toEqual(['categories', 'projects', 'results', 'task_runs', 'tasks', 'users']);
  });

  it('seeds demo data and large synthetic data with consistent task states', async () => {
    const demo = await seedDemo(t.database.db);
    expect(demo.users.map((u) => u.name)).toEqual(['admin', 'alice', 'bob', 'carol']);
    await seedScale(t.database.db, 2000);
    const { rows } = await sql<{ tasks: number; runs: number; inconsistent: number; countries: number }>`
      SELECT (SELECT count(*)::int FROM tasks) AS tasks,
             (SELECT count(*)::int FROM task_runs) AS runs,
             (SELECT count(*)::int FROM tasks t WHERE (t.state = 'completed') <> (t.n_task_runs >= t.n_answers)
                OR t.n_task_runs <> (SELECT count(*) FROM task_runs r WHERE r.task_id = t.id)) AS inconsistent,
             (SELECT count(DISTINCT country_id)::int FROM competitions) AS countries`.execute(t.database.db);
    expect(rows[0]).toEqual({ tasks: 30 + 2000, runs: 27 + 6000, inconsistent: 0, countries: 12 });
  });
});
