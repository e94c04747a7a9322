// Every body type is held to the 5 MiB limit on every dialect's write routes, multipart included
// (per part, in total, and in number of parts), and answered 413 in the route's own dialect. A huge
// upload is refused as soon as it passes the limit, without being read or buffered whole.
import 'reflect-metadata';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { request as httpRequest } from 'node:http';
import type { AddressInfo } from 'node:net';
import { startTestApp, type TestApp } from '../helpers/app.ts';
import { seedDemo } from '../../src/seed/demo.ts';
import { shapeProblem } from '../stress/lib/shapes.ts';

let t: TestApp;

beforeAll(async () => {
  t = await startTestApp();
  await seedDemo(t.database.db);
});
afterAll(async () => t?.close());

const LIMIT = 5 * 1024 * 1024;
const BOUNDARY = 'gantry-test-boundary';

function multipart(parts: { name: string; value: string | Buffer; filename?: string }[]): Buffer {
  const chunks: Buffer[] = [];
  for (const part of parts) {
    const disposition = `form-data; name="${part.name}"${part.filename ? `; filename="${part.filename}"` : ''}`;
    chunks.push(Buffer.from(`--${BOUNDARY}\r\nContent-Disposition: ${disposition}\r\n${part.filename ? 'Content-Type: application/octet-stream\r\n' : ''}\r\n`));
    chunks.push(Buffer.isBuffer(part.value) ? part.value : Buffer.from(part.value));
    chunks.push(Buffer.from('\r\n'));
  }
  chunks.push(Buffer.from(`--${BOUNDARY}--\r\n`));
  return Buffer.concat(chunks);
}
const MULTIPART = `multipart/form-data; boundary=${BOUNDARY}`;

const big = 'x'.repeat(LIMIT + 1024);
const bodies: [string, string, string | Buffer][] = [
  ['JSON', 'application/json', JSON.stringify({ name: big })],
  ['form-encoded', 'application/x-www-form-urlencoded', `user=alice&buggy_json=${big}`],
  ['multipart field', MULTIPART, multipart([{ name: 'user', value: 'alice' }, { name: 'buggy_json', value: big }])],
  ['multipart file', MULTIPART, multipart([{ name: 'buggy_json', value: Buffer.from(big), filename: 'buggy.json' }])],
  ['multipart, many small parts', MULTIPART, multipart(Array.from({ length: 6 }, (_, i) => ({ name: `f${i}`, value: 'y'.repeat(LIMIT / 5) })))],
  ['text', 'text/plain', big],
  ['other type', 'application/octet-stream', big],
];
const routes: [string, string][] = [
  ['GraphQL', '/graphql'],
  ['PYBOSSA', '/api/project'],
  ['JSend', '/api/token'],
  ['race server', '/api/upload'],
  ['OpenTrack v1', '/api/v1/competitions'],
  ['OpenTrack legacy', '/api/get-auth-token/'],
];
const cases = routes.flatMap(([dialect, url]) => bodies.map(([kind, type, payload]) => [dialect, kind, url, type, payload] as const));

describe('body limits', () => {
  it.each(cases)('%s refuses a %s body over 5 MiB with 413 in its own shape', async (_, __, url, type, payload) => {
    const r = await t.app.inject({ method: 'POST', url, headers: { 'content-type': type }, payload });
    expect(shapeProblem({ method: 'POST', path: url, status: r.statusCode, headers: r.headers, body: r.body })).toBeNull();
    if (url === '/api/token') expect(r.json()).toMatchObject({ status: 'fail', message: 'Request body is too large' });
    else expect(r.statusCode).toBe(413);
    if (url === '/api/upload') expect(r.json()).toEqual({ error: expect.stringMatching(/too large/i) });
    if (url === '/api/project') expect(r.json()).toMatchObject({ status: 'failed', status_code: 413, exception_cls: 'RequestEntityTooLarge' });
    if (url.startsWith('/api/v1') || url.startsWith('/api/get-auth')) expect(r.json()).toEqual({ detail: expect.any(String) });
  });

  it.each(routes)('%s refuses a multipart body with too many parts (413), and still reads an honest one', async (_, url) => {
    const many = multipart(Array.from({ length: 1001 }, (_, i) => ({ name: `f${i}`, value: 'z' })));
    const r = await t.app.inject({ method: 'POST', url, headers: { 'content-type': MULTIPART }, payload: many });
    if (url === '/api/token') expect(r.json()).toMatchObject({ status: 'fail' });
    else expect(r.statusCode).toBe(413);
    const honest = await t.app.inject({
      method: 'POST',
      url: '/api/token',
      headers: { 'content-type': MULTIPART },
      payload: multipart([{ name: 'user_id', value: 'alice' }, { name: 'password', value: 'alice-password' }]),
    });
    expect(honest.json()).toMatchObject({ status: 'success', data: { token: expect.any(String) } });
  });

  it('multipart fields and files arrive whole below the limit (a 2 MiB field, a file part read as text)', async () => {
    const field = 'f'.repeat(2 * 1024 * 1024);
    const r = await t.app.inject({
      method: 'POST',
      url: '/api/token',
      headers: { 'content-type': MULTIPART },
      payload: multipart([{ name: 'user_id', value: 'alice' }, { name: 'password', value: Buffer.from('alice-password'), filename: 'p.txt' }, { name: 'pad', value: field }]),
    });
    expect(r.json()).toMatchObject({ status: 'success' });
  });
});

describe('malformed multipart bodies', () => {
  it.each([
    ['no boundary', 'multipart/form-data', 'x'],
    ['cut short', MULTIPART, `--${BOUNDARY}\r\nContent-Disposition: form-data; name="user"\r\n\r\nalice`],
    ['a __proto__ field', MULTIPART, multipart([{ name: '__proto__', value: 'x' }])],
  ])('%s: a client error, never a 500', async (_, type, payload) => {
    const r = await t.app.inject({ method: 'POST', url: '/api/upload', headers: { 'content-type': type }, payload });
    expect(r.statusCode).toBeGreaterThanOrEqual(400);
    expect(r.statusCode).toBeLessThan(500);
    expect(r.json()).toEqual({ error: expect.any(String) });
  });
});

describe('a 150 MB multipart upload', () => {
  it('is refused once past 5 MiB, without the server reading or keeping it', { timeout: 60_000 }, async () => {
    await t.app.listen({ port: 0, host: '127.0.0.1' });
    const port = (t.app.server.address() as AddressInfo).port;
    const before = process.memoryUsage().rss;
    const started = Date.now();
    const chunk = Buffer.alloc(1024 * 1024, 'a');
    const total = 150;
    let sent = 0;
    const answer = await new Promise<{ status: number; body: string; ms: number }>((resolve, reject) => {
      const req = httpRequest({ host: '127.0.0.1', port, method: 'POST', path: '/api/upload', headers: { 'content-type': MULTIPART, 'transfer-encoding': 'chunked' } }, (res) => {
        let body = '';
        res.on('data', (d) => (body += d));
        res.on('end', () => resolve({ status: res.statusCode!, body, ms: Date.now() - started }));
      });
      req.on('error', (error) => (sent < total ? undefined : reject(error)));
      req.write(`--${BOUNDARY}\r\nContent-Disposition: form-data; name="buggy_json"; filename="b.json"\r\n\r\n`);
      const pump = () => {
        while (sent < total) {
          sent += 1;
          if (!req.write(chunk)) return void req.once('drain', pump);
        }
        req.end(`\r\n--${BOUNDARY}--\r\n`);
      };
      pump();
    });
    expect(answer.status).toBe(413);
    expect(JSON.parse(answer.body)).toEqual({ error: expect.stringMatching(/too large/i) });
    // Answered long before the client could have sent it all, and nothing like 150 MB kept.
    expect(sent).toBeLessThan(total);
    expect(process.memoryUsage().rss - before).toBeLessThan(60 * 1024 * 1024);
  });
});
