// Credentials never reach the log: API keys and secrets in query strings, GraphQL GET variables and
// inline arguments named like secrets, and credential headers, at the most verbose level.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../helpers/app.ts';
import { seedDemo } from '../../src/seed/demo.ts';
import { redactUrl } from '../../src/http/logging.ts';

let t: TestApp;
const lines: string[] = [];

beforeAll(async () => {
  t = await startTestApp({ LOG_LEVEL: 'trace' }, { logLines: lines });
  await seedDemo(t.database.db);
});

afterAll(async () => {
  await t?.close();
});

const secret = (n: number) => `S3cr3tValue${n}x`;

describe('the log', () => {
  it('holds no credential sent in a query string, GraphQL GET variables, inline arguments or headers', async () => {
    const externalToken = `query { externalUserToken(shortName: "galaxyzoo", secretKey: "${secret(3)}") }`;
    const requests: { method: 'GET' | 'POST'; url: string; headers?: Record<string, string>; payload?: string }[] = [
      { method: 'GET', url: `/api/project?limit=1&api_key=${secret(1)}` },
      { method: 'GET', url: `/graphql?query=${encodeURIComponent('query($k: String!) { externalUserToken(shortName: "galaxyzoo", secretKey: $k) }')}&variables=${encodeURIComponent(JSON.stringify({ k: 'x', secretKey: secret(2), nested: { password: secret(9) } }))}` },
      { method: 'GET', url: `/graphql?query=${encodeURIComponent(externalToken)}` },
      { method: 'POST', url: `/api/upload?user=alice&key=${secret(4)}&secret=${secret(5)}`, headers: { 'content-type': 'application/x-www-form-urlencoded' }, payload: 'buggy_json=%7B%7D' },
      { method: 'GET', url: '/api/me', headers: { authorization: `Bearer ${secret(6)}`, cookie: `session=${secret(7)}`, 'x-api-key': secret(8) } },
      { method: 'GET', url: `/api/v1/competitions/?access_token=${secret(10)}&token=${secret(11)}&password=${secret(12)}&Api-Key=${secret(13)}` },
      // Paths no route serves, and a path that does not decode, are logged too.
      { method: 'GET', url: `/no/such/route?api_key=${secret(14)}` },
      { method: 'GET', url: `/api/nosuch?api_key=${secret(15)}` },
      { method: 'GET', url: `/api/project/%E0%A4%A?api_key=${secret(16)}` },
    ];
    for (const request of requests) await t.app.inject(request);
    const log = lines.join('');
    // The request lines are there, with their routes: the log stays useful.
    expect(log).toContain('/api/project?limit=1&api_key=[REDACTED]');
    expect(log).toContain('/api/upload?user=alice&key=[REDACTED]&secret=[REDACTED]');
    for (let n = 1; n <= 16; n++) expect(log, `secret ${n}`).not.toContain(secret(n));
  });
});

describe('redactUrl', () => {
  it('keeps what is not a credential, byte for byte', () => {
    expect(redactUrl('/api/task?info=key::photo&limit=3')).toBe('/api/task?info=key::photo&limit=3');
    expect(redactUrl('/api/project')).toBe('/api/project');
    expect(redactUrl('/api/x?api_key=a&API_KEY=b&passwd=c')).toBe('/api/x?api_key=[REDACTED]&API_KEY=[REDACTED]&passwd=[REDACTED]');
  });
  it('redacts secret-named GraphQL variables and inline string arguments', () => {
    const url = redactUrl(`/graphql?variables=${encodeURIComponent('{"a":1,"password":"p"}')}&query=${encodeURIComponent('{ login(nameOrEmail: "x", password: "p\\"q") { token } }')}`);
    const params = new URLSearchParams(url.split('?')[1]);
    expect(JSON.parse(params.get('variables')!)).toEqual({ a: 1, password: '[REDACTED]' });
    expect(params.get('query')).toBe('{ login(nameOrEmail: "x", password: "[REDACTED]") { token } }');
  });
  it('redacts a variables parameter that is not JSON as a whole', () => {
    expect(redactUrl('/graphql?variables=%7Bpassword')).toBe('/graphql?variables=[REDACTED]');
  });
});
