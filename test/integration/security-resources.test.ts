// OWASP API4 unrestricted resource consumption: the body size limit in every dialect's shape, query
// depth, cost, alias and size limits, page caps, and the statement_timeout that stops a request
// holding a connection.
import 'reflect-metadata';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../helpers/app.ts';
import { backend } from '../helpers/database.ts';
import { seedAndSignIn, type DemoSession } from '../helpers/demo.ts';
import { openDatabase, DEFAULT_STATEMENT_TIMEOUT_MS } from '../../src/db/index.ts';
import { buildApp } from '../../src/http/app.ts';
import { MAX_QUERY_ALIASES, MAX_QUERY_TOKENS } from '../../src/http/graphql.ts';
import { bearer } from './opentrack-helpers.ts';
import { shapeProblem } from '../stress/lib/shapes.ts';

let t: TestApp;
let demo: DemoSession;

beforeAll(async () => {
  t = await startTestApp();
  demo = await seedAndSignIn(t);
  // 150 more tasks and categories, so page caps have something to cap.
  await t.database.db.insertInto('tasks').values(Array.from({ length: 150 }, (_, i) => ({ project_id: 1, info: JSON.stringify({ n: i }) }))).execute();
});
afterAll(async () => t?.close());

describe('API4 resource consumption', () => {
  it('refuses a body over 5 MiB with 413, in the shape of each dialect', async () => {
    const huge = JSON.stringify({ name: 'x'.repeat(5 * 1024 * 1024) });
    const routes = ['/graphql', '/api/project', '/api/token', '/api/upload', '/api/v1/competitions', '/api/get-auth-token/'];
    for (const url of routes) {
      const r = await t.app.inject({ method: 'POST', url, headers: { 'content-type': 'application/json' }, payload: huge });
      expect(shapeProblem({ method: 'POST', path: url, status: r.statusCode, headers: r.headers, body: r.body }), url).toBeNull();
      if (url === '/api/token') expect(r.json()).toMatchObject({ status: 'fail', message: 'Request body is too large' });
      else expect(r.statusCode, url).toBe(413);
    }
    expect((await t.app.inject({ method: 'POST', url: '/api/project', headers: { 'content-type': 'application/json' }, payload: huge })).json()).toMatchObject({
      status: 'failed',
      status_code: 413,
      exception_cls: 'RequestEntityTooLarge',
    });
  });

  it('refuses GraphQL operations too deep, too costly, with too many aliases or too long before running them', async () => {
    const deep = await t.gql(`{ projects { ${'tasks { project { '.repeat(6)}id${' } }'.repeat(6)} } }`);
    expect(deep).toMatchObject({ status: 400, errors: [{ extensions: { code: 'QUERY_TOO_COMPLEX' } }] });
    const costly = await t.gql('{ projects(limit: 100) { tasks(limit: 100) { taskRuns(limit: 100) { id } } } }');
    expect(costly).toMatchObject({ status: 400, errors: [{ extensions: { code: 'QUERY_TOO_COMPLEX', maxCost: 250000 } }] });
    const aliases = await t.gql(`{ ${Array.from({ length: MAX_QUERY_ALIASES + 1 }, (_, i) => `a${i}: globalStats { nProjects }`).join(' ')} }`);
    expect(aliases).toMatchObject({ status: 400, errors: [{ extensions: { code: 'QUERY_TOO_COMPLEX', aliases: MAX_QUERY_ALIASES + 1 } }] });
    const ok = await t.gql(`{ ${Array.from({ length: MAX_QUERY_ALIASES }, (_, i) => `a${i}: globalStats { nProjects }`).join(' ')} }`);
    expect(ok.errors).toBeUndefined();
    const long = await t.gql(`{ me { ${'id '.repeat(MAX_QUERY_TOKENS)} } }`);
    expect(long.status).toBe(400);
    expect(long.errors?.[0]?.message).toMatch(/tokens/);
  });

  it('caps pages: PYBOSSA and GraphQL at 100 rows, OpenTrack at 1000', async () => {
    const pybossa = (await t.app.inject({ url: `/api/task?all=1&limit=100000&api_key=${demo.apiKeys.alice}` })).json() as unknown[];
    expect(pybossa).toHaveLength(100);
    const graphql = await t.gql<{ tasks: unknown[] }>('{ tasks(all: true, limit: 100000) { id } }');
    expect(graphql.errors).toBeUndefined();
    expect(graphql.data!.tasks.length).toBeLessThanOrEqual(100);
    const v1 = await t.app.inject({ url: '/api/v1/competitions?limit=100000', headers: await bearer(t, 'admin') });
    expect(v1.statusCode).toBe(422);
    expect(v1.json().detail[0]).toMatchObject({ loc: ['query', 'limit'], type: 'value_error.number.not_le' });
  });

  it.runIf(backend === 'postgres')('stops a statement that runs past statement_timeout and answers 503 cleanly, in each dialect', async () => {
    const url = process.env.TEST_DATABASE_URL!;
    const schema = t.database.schema!;
    // The gateway's own pool carries the default timeout.
    const shown = await t.database.pgPool!.query<{ statement_timeout: string }>('SHOW statement_timeout');
    expect(shown.rows[0]!.statement_timeout).toBe(`${DEFAULT_STATEMENT_TIMEOUT_MS / 1000}s`);

    const short = await openDatabase({ databaseUrl: url, schema, poolSize: 3, statementTimeoutMs: 400 });
    const app = await buildApp({ config: t.config, database: short, logger: false });
    const locker = new pg.Client({ connectionString: url, options: `-c search_path=${schema}` });
    await locker.connect();
    try {
      // Another session holds the categories and projects tables: every read of them waits, until the timeout.
      await locker.query('BEGIN');
      await locker.query('LOCK TABLE categories, projects IN ACCESS EXCLUSIVE MODE');
      const started = Date.now();
      const pybossa = await app.inject({ url: '/api/category' });
      const graphql = await app.inject({ method: 'POST', url: '/graphql', headers: { 'content-type': 'application/json' }, payload: JSON.stringify({ query: '{ categories { id } }' }) });
      expect(Date.now() - started).toBeLessThan(3000);
      expect(pybossa.statusCode).toBe(503);
      expect(pybossa.json()).toMatchObject({ status: 'failed', status_code: 503, exception_cls: 'ServiceUnavailable' });
      expect(graphql.statusCode).toBe(503);
      expect(graphql.json().errors[0]).toMatchObject({ message: expect.stringMatching(/longer than allowed/), extensions: { code: 'SERVICE_UNAVAILABLE' } });
    } finally {
      await locker.query('ROLLBACK');
      await locker.end();
      await app.close();
      await short.close();
    }
  });
});
