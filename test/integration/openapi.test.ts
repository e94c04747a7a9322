// The OpenAPI document: valid OpenAPI 3 (checked by a real validator), covering every REST route of
// every dialect, served with Swagger UI and ReDoc from local assets.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Validator } from '@seriousme/openapi-schema-validator';
import { startTestApp, type TestApp } from '../helpers/app.ts';
import { routeInventory } from '../../src/http/openapi.ts';

let t: TestApp;
let doc: { openapi: string; paths: Record<string, Record<string, { tags?: string[]; parameters?: unknown[]; requestBody?: unknown; security?: unknown[] }>> };

beforeAll(async () => {
  t = await startTestApp();
  const r = await t.app.inject({ method: 'GET', url: '/api/v1/openapi.json' });
  expect(r.statusCode).toBe(200);
  doc = r.json();
});
afterAll(async () => t?.close());

/** Fastify's /api/v1/competitions/:id as OpenAPI's /api/v1/competitions/{id}, trailing slash aside. */
const openapiPath = (url: string) => url.replace(/:(\w+)/g, '{$1}').replace(/(.)\/$/, '$1');
const documented = () => new Map(Object.entries(doc.paths).map(([path, item]) => [openapiPath(path), item]));
// The documentation UI's own pages and assets.
const isDocsAsset = (url: string) => url.startsWith('/api/v1/docs') || url.startsWith('/api/v1/redoc/');

describe('GET /api/v1/openapi.json', () => {
  it('is a valid OpenAPI 3 document', async () => {
    expect(doc.openapi).toMatch(/^3\./);
    const result = await new Validator().validate(doc as unknown as Parameters<Validator["validate"]>[0]);
    expect(result.errors ?? []).toEqual([]);
    expect(result.valid).toBe(true);
  });

  it('documents every REST route the gateway serves, in every dialect, with its method', () => {
    const paths = documented();
    // Hidden wildcard routes are a dialect's catch-all 404s: they serve nothing to document.
    const catchAll = (r: { url: string; hidden: boolean }) => r.hidden && r.url.includes('*');
    const routes = routeInventory(t.app).filter(
      (r) => (r.url.startsWith('/api') || r.url.startsWith('/files')) && r.method !== 'HEAD' && !isDocsAsset(r.url) && !catchAll(r),
    );
    expect(routes.length).toBeGreaterThan(20);
    const missing: string[] = [];
    for (const route of routes) {
      const item = paths.get(openapiPath(route.url));
      // A hidden route is an alias (the other trailing slash, a 405 catch-all): its path must be documented.
      const ok = route.hidden ? Boolean(item) : Boolean(item?.[route.method.toLowerCase()]);
      if (!ok) missing.push(`${route.method} ${route.url}`);
    }
    expect(missing).toEqual([]);
    for (const dialect of ['/api/v1/competitions', '/api/get-auth-token', '/api/hello', '/api/my-competitions', '/files/live/euroath/{name}']) {
      expect(paths.has(dialect), dialect).toBe(true);
    }
  });

  it('describes the OpenTrack routes from the schemas that validate them', () => {
    const create = doc.paths['/api/v1/competitions/']!.post!;
    expect(create.tags).toEqual(['OpenTrack v1']);
    expect(create.security).toEqual([{ bearerAuth: [] }]);
    expect(create.requestBody).toMatchObject({
      content: { 'application/json': { schema: { required: ['full_name', 'slug', 'country_id', 'date', 'finish_date'] } } },
    });
    const list = doc.paths['/api/v1/competitions/']!.get!;
    expect((list.parameters as { name: string; in: string }[]).map((p) => `${p.in}:${p.name}`)).toEqual([
      'query:country', 'query:from_date', 'query:to_date', 'query:slug', 'query:organiser_id', 'query:updated_since', 'query:limit', 'query:offset',
      'query:include_deleted',
    ]);
    const changes = doc.paths['/api/v1/competitions/changes/']!.get!;
    expect(changes.security).toEqual([{ bearerAuth: [] }]);
    expect((changes.parameters as { name: string; in: string }[]).map((p) => `${p.in}:${p.name}`)).toEqual(['query:cursor', 'query:country', 'query:limit']);
    expect(Object.keys((changes as { responses?: object }).responses ?? {})).toEqual(['200', '401', '410', '422']);
    const token = doc.paths['/api/v1/auth/token']!.post!;
    expect(Object.keys((token.requestBody as { content: object }).content)).toContain('application/x-www-form-urlencoded');
  });
});

describe('documentation pages', () => {
  const externalReferences = (html: string) => [...html.matchAll(/(?:src|href)\s*=\s*["']((?:https?:)?\/\/[^"']+)/g)].map((m) => m[1]);

  it('serves Swagger UI at /api/v1/docs with its assets from this server', async () => {
    const page = await t.app.inject({ method: 'GET', url: '/api/v1/docs' });
    expect(page.statusCode).toBe(200);
    expect(page.headers['content-type']).toContain('text/html');
    expect(externalReferences(page.body)).toEqual([]);
    const scripts = [...page.body.matchAll(/<script src="([^"]+)"/g)].map((m) => m[1]!);
    expect(scripts.length).toBeGreaterThan(0);
    for (const src of scripts) {
      const asset = await t.app.inject({ method: 'GET', url: src });
      expect(asset.statusCode, src).toBe(200);
    }
    const spec = await t.app.inject({ method: 'GET', url: '/api/v1/docs/json' });
    expect(spec.json().paths).toEqual(doc.paths);
  });

  it('serves ReDoc at /api/v1/redoc with the standalone bundle from the redoc package', async () => {
    const page = await t.app.inject({ method: 'GET', url: '/api/v1/redoc' });
    expect(page.statusCode).toBe(200);
    expect(externalReferences(page.body)).toEqual([]);
    expect(page.body).toContain('spec-url="/api/v1/openapi.json"');
    const bundle = await t.app.inject({ method: 'GET', url: '/api/v1/redoc/redoc.standalone.js' });
    expect(bundle.statusCode).toBe(200);
    expect(bundle.headers['content-type']).toContain('javascript');
    expect(bundle.body.length).toBeGreaterThan(500_000);
  });
});
