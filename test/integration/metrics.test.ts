// Operations: Prometheus metrics at /metrics and automatic persisted queries (Apollo's APQ protocol).
import 'reflect-metadata';
import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../helpers/app.ts';
import { seedDemo } from '../../src/seed/demo.ts';

let t: TestApp;

beforeAll(async () => {
  t = await startTestApp({ RATE_LIMIT: '3' });
  await seedDemo(t.database.db);
});
afterAll(async () => t?.close());

async function metrics(): Promise<string> {
  const r = await t.app.inject({ method: 'GET', url: '/metrics' });
  expect(r.statusCode).toBe(200);
  expect(r.headers['content-type']).toMatch(/^text\/plain; version=0\.0\.4/);
  return r.body;
}

/** The value of one sample line, e.g. value(text, 'gantry_http_requests_total{method="GET",route="/api/project",status="200"}'). */
function value(text: string, sample: string): number | undefined {
  const line = text.split('\n').find((l) => l.startsWith(sample + ' '));
  return line ? Number(line.slice(sample.length + 1)) : undefined;
}

describe('Prometheus metrics at /metrics', () => {
  it('counts requests by route pattern and status, with latency and SQL statements per request', async () => {
    // (RATE_LIMIT is 3 here: the third request to an endpoint in a window is refused.)
    await t.app.inject({ method: 'GET', url: '/api/project/1' });
    await t.app.inject({ method: 'GET', url: '/api/project/999999' });
    const text = await metrics();
    // Route patterns, never raw URLs: ids do not make new series.
    expect(value(text, 'gantry_http_requests_total{method="GET",route="/api/project/:id",status="200"}')).toBe(1);
    expect(value(text, 'gantry_http_requests_total{method="GET",route="/api/project/:id",status="404"}')).toBe(1);
    expect(text).not.toContain('/api/project/999999');
    expect(value(text, 'gantry_http_request_duration_seconds_count{method="GET",route="/api/project/:id"}')).toBe(2);
    expect(value(text, 'gantry_sql_statements_per_request_count{route="/api/project/:id"}')).toBe(2);
    expect(value(text, 'gantry_sql_statements_per_request_sum{route="/api/project/:id"}')).toBeGreaterThanOrEqual(2);
    expect(text).toContain('gantry_process_resident_memory_bytes');
  });

  it('records DataLoader batch sizes: one batch for the tasks of every project on a page', async () => {
    const r = await t.gql('{ projects(all: true, limit: 3) { id tasks(limit: 2) { id project { id } } } }');
    expect(r.errors).toBeUndefined();
    const text = await metrics();
    expect(value(text, 'gantry_dataloader_batch_size_count{loader="children:tasks"}')).toBeGreaterThanOrEqual(1);
    expect(value(text, 'gantry_dataloader_batch_size_sum{loader="children:tasks"}')).toBeGreaterThanOrEqual(3);
  });

  it('shows database pool usage and counts rate-limit refusals', async () => {
    for (let i = 0; i < 4; i++) await t.app.inject({ method: 'GET', url: '/api/category' });
    const text = await metrics();
    expect(value(text, 'gantry_rate_limit_refusals_total{bucket="api.api_category"}')).toBe(2);
    expect(value(text, 'gantry_http_requests_total{method="GET",route="/api/category",status="429"}')).toBe(2);
    expect(value(text, 'gantry_db_pool_connections{state="total"}')).toBeGreaterThanOrEqual(1);
    expect(text).toMatch(/gantry_db_pool_connections\{state="waiting"\} 0/);
  });
});

describe('automatic persisted queries (APQ)', () => {
  const query = '{ globalStats { nProjects } }';
  const sha256Hash = createHash('sha256').update(query).digest('hex');
  const apq = { persistedQuery: { version: 1, sha256Hash } };

  it('asks for the query once, then runs it by hash alone (POST and GET)', async () => {
    const unknown = await t.app.inject({ method: 'POST', url: '/graphql', headers: { 'content-type': 'application/json' }, payload: JSON.stringify({ extensions: apq }) });
    expect(unknown.json()).toMatchObject({ errors: [{ message: 'PersistedQueryNotFound', extensions: { code: 'PERSISTED_QUERY_NOT_FOUND' } }] });

    const register = await t.app.inject({ method: 'POST', url: '/graphql', headers: { 'content-type': 'application/json' }, payload: JSON.stringify({ query, extensions: apq }) });
    expect(register.json()).toEqual({ data: { globalStats: { nProjects: 3 } } });

    const byHash = await t.app.inject({ method: 'POST', url: '/graphql', headers: { 'content-type': 'application/json' }, payload: JSON.stringify({ extensions: apq }) });
    expect(byHash.json()).toEqual({ data: { globalStats: { nProjects: 3 } } });
    const viaGet = await t.app.inject({ method: 'GET', url: `/graphql?extensions=${encodeURIComponent(JSON.stringify(apq))}` });
    expect(viaGet.json()).toEqual({ data: { globalStats: { nProjects: 3 } } });
  });

  it('refuses a query whose hash does not match it', async () => {
    const wrong = { persistedQuery: { version: 1, sha256Hash: 'f'.repeat(64) } };
    const r = await t.app.inject({ method: 'POST', url: '/graphql', headers: { 'content-type': 'application/json' }, payload: JSON.stringify({ query, extensions: wrong }) });
    expect(r.statusCode).toBe(400);
    expect(r.json().errors[0].message).toMatch(/sha does not match/i);
  });
});
