// GraphQL over HTTP compliance: the graphql-http package's server audit against /graphql. Every
// MUST passes; every SHOULD passes or is explained below.
import 'reflect-metadata';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { serverAudits, type AuditResult } from 'graphql-http';
import { startTestServer, type TestServer } from '../helpers/server.ts';

/**
 * SHOULDs Gantry answers differently, on purpose. With `Accept: application/json` the spec prefers
 * HTTP 200 for a document that does not parse or validate or whose variables do not coerce. Gantry
 * (like Apollo Server) answers such a request-level failure with 400: every dialect maps the same
 * error code to the same HTTP status, so proxies, metrics and rate-limit dashboards see a refused
 * request as refused. The body is still the GraphQL error list, and clients that accept
 * application/graphql-response+json get exactly what the spec asks for (4xx).
 */
const EXPLAINED_SHOULDS = new Set([
  'SHOULD use 200 status code on document parsing failure when accepting application/json',
  'SHOULD use 200 status code on document validation failure when accepting application/json',
  'SHOULD use a status code of 200 on variable coercion failure when accepting application/json',
]);

let server: TestServer;
const results: { name: string; result: AuditResult }[] = [];

beforeAll(async () => {
  server = await startTestServer();
  for (const audit of serverAudits({ url: `${server.url}/graphql` })) results.push({ name: audit.name, result: await audit.fn() });
  const count = (prefix: string, status?: string) => results.filter((r) => r.name.startsWith(prefix) && (!status || r.result.status === status)).length;
  console.log(
    `[graphql-http audit] ${results.length} audits: MUST ${count('MUST', 'ok')}/${count('MUST')} ok, SHOULD ${count('SHOULD', 'ok')}/${count('SHOULD')} ok (${count('SHOULD', 'warn')} explained), MAY ${count('MAY', 'ok')}/${count('MAY')} ok`,
  );
});
afterAll(async () => server?.close());

describe('graphql-http server audit of /graphql', () => {
  it('passes every MUST', () => {
    const failed = results.filter((r) => r.name.startsWith('MUST') && r.result.status !== 'ok').map((r) => `${r.name}: ${r.result.status === 'ok' ? '' : r.result.reason}`);
    expect(results.filter((r) => r.name.startsWith('MUST')).length).toBeGreaterThanOrEqual(13);
    expect(failed).toEqual([]);
  });

  it('passes every SHOULD but the explained ones, and those still answer with GraphQL errors', () => {
    const unexplained = results.filter((r) => r.name.startsWith('SHOULD') && r.result.status !== 'ok' && !EXPLAINED_SHOULDS.has(r.name)).map((r) => r.name);
    expect(unexplained).toEqual([]);
    // An explained SHOULD that starts passing should leave the list.
    const nowPassing = results.filter((r) => EXPLAINED_SHOULDS.has(r.name) && r.result.status === 'ok').map((r) => r.name);
    expect(nowPassing).toEqual([]);
  });

  it('answers a parse failure with 400 and a GraphQL error list for application/json clients', async () => {
    const r = await fetch(`${server.url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json', accept: 'application/json' }, body: JSON.stringify({ query: '{' }) });
    expect(r.status).toBe(400);
    expect(await r.json()).toMatchObject({ errors: [{ message: expect.stringContaining('Syntax Error'), extensions: { code: 'BAD_USER_INPUT' } }] });
  });
});
