// The gateway serves the built console at / with client-side routes falling back to the app, and
// never lets it shadow the API, GraphQL, files, metrics or health routes.
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../helpers/app.ts';
import { ensureWebBuild } from '../helpers/web-build.ts';
import { WEB_DIST } from '../../src/http/web.ts';

const APP_MARKER = '<div id="app">';

describe('web console serving', () => {
  let t: TestApp;
  let script: string;

  beforeAll(async () => {
    ensureWebBuild();
    script = readdirSync(join(WEB_DIST, 'assets')).find((f) => /^console-.*\.js$/.test(f))!;
    t = await startTestApp();
  });
  afterAll(async () => t?.close());

  it('serves the app at / and at every client-side route, never cached, with a same-origin-only policy', async () => {
    for (const url of ['/', '/projects', '/projects/12/contribute?x=1', '/api-keys', '/competitions/new']) {
      const response = await t.app.inject({ method: 'GET', url, headers: { accept: 'text/html' } });
      expect(response.statusCode, url).toBe(200);
      expect(response.headers['content-type']).toContain('text/html');
      expect(response.body).toContain(APP_MARKER);
      expect(response.headers['cache-control']).toBe('no-cache');
      expect(response.headers['content-security-policy']).toContain("default-src 'self'");
    }
    const head = await t.app.inject({ method: 'HEAD', url: '/projects' });
    expect(head.statusCode).toBe(200);
  });

  it('serves hashed bundle files for a year, answers 304 to a revalidation, and 404s a missing file', async () => {
    const asset = await t.app.inject({ method: 'GET', url: `/assets/${script}` });
    expect(asset.statusCode).toBe(200);
    expect(asset.headers['content-type']).toContain('javascript');
    expect(asset.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    const again = await t.app.inject({ method: 'GET', url: `/assets/${script}`, headers: { 'if-none-match': String(asset.headers.etag) } });
    expect(again.statusCode).toBe(304);

    for (const url of ['/assets/console-gone.js', '/favicon.ico', '/.build-hash', '/%2e%2e/package.json', '/..%2fpackage.json']) {
      const response = await t.app.inject({ method: 'GET', url });
      expect(response.statusCode, url).toBe(404);
      expect(response.body, url).not.toContain(APP_MARKER);
    }
  });

  it('never shadows the gateway: unknown API paths are 404s in JSON, known routes answer as before', async () => {
    for (const url of ['/api/no-such-route', '/graphql/nothing', '/files/none.json', '/metrics/x', '/calendar/xyz', '/healthz/x']) {
      const response = await t.app.inject({ method: 'GET', url, headers: { accept: 'text/html' } });
      expect(response.statusCode, url).toBe(404);
      expect(response.body, url).not.toContain(APP_MARKER);
    }
    const health = await t.app.inject({ method: 'GET', url: '/healthz', headers: { accept: 'text/html' } });
    expect(health.json()).toEqual({ status: 'ok' });
    const ready = await t.app.inject({ method: 'GET', url: '/readyz' });
    expect(ready.json()).toMatchObject({ status: 'ready' });
    const post = await t.gql('{ server { version } }');
    expect(post.data).toMatchObject({ server: { version: expect.any(String) } });
    const notAllowed = await t.app.inject({ method: 'POST', url: '/projects' });
    expect(notAllowed.statusCode).toBe(404);
  });

  it('opens GraphiQL for a browser at /graphql, and JSON for API clients there', async () => {
    const browser = await t.app.inject({ method: 'GET', url: '/graphql', headers: { accept: 'text/html,application/xhtml+xml,*/*;q=0.8' } });
    expect(browser.statusCode).toBe(200);
    expect(browser.body).toContain('<div id="graphiql"');
    expect(browser.body).not.toMatch(/https?:\/\/(?!localhost)/); // nothing from another host

    const api = await t.app.inject({ method: 'GET', url: `/graphql?query=${encodeURIComponent('{ server { version } }')}`, headers: { accept: 'application/json, text/html' } });
    expect(api.headers['content-type']).toContain('application/json');
    expect(api.json().data.server.version).toEqual(expect.any(String));
    const json = await t.app.inject({ method: 'GET', url: '/graphql', headers: { accept: 'application/json' } });
    expect(json.body).not.toContain('<div id="graphiql"');
  });

  it("serves every HTML page, GraphiQL's own file included, with the page policy: CSP, frame-ancestors none, nosniff, no caching", async () => {
    for (const url of ['/graphiql.html', '/graphql', '/', '/index.html']) {
      const page = await t.app.inject({ method: 'GET', url, headers: { accept: 'text/html' } });
      expect(page.statusCode, url).toBe(200);
      expect(page.headers['content-security-policy'], url).toContain("frame-ancestors 'none'");
      expect(page.headers['content-security-policy'], url).toContain("script-src 'self'");
      expect(page.headers['x-content-type-options'], url).toBe('nosniff');
      expect(page.headers['cache-control'], url).toBe('no-cache');
    }
  });
});
