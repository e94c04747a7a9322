// Serves the web console (web/dist, built by `npm start` or `npm run build:web`) at /, with
// client-side routes falling back to index.html, and GraphiQL to browsers that open /graphql.
// Registered after every other route: a path the gateway knows is never shadowed, and unknown paths
// under the API prefixes get the gateway's ordinary 404, never the app.
import { ROOT_URL } from '../root.ts';
import { existsSync, statSync } from 'node:fs';
import { join, normalize, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import fastifyStatic from '@fastify/static';

export const WEB_DIST = fileURLToPath(new URL('web/dist/', ROOT_URL));

/** Path prefixes that belong to the gateway's APIs and files, never to the console. */
export const RESERVED_PREFIXES = ['/api', '/graphql', '/files', '/metrics', '/healthz', '/readyz', '/calendar'];

const isReserved = (path: string): boolean => RESERVED_PREFIXES.some((p) => path === p || path.startsWith(`${p}/`) || path.startsWith(`${p}.`));

// Everything the console loads comes from this origin; inline style attributes carry progress widths.
const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "worker-src 'self' blob:",
  "frame-ancestors 'none'",
  "base-uri 'self'",
  "form-action 'self'",
].join('; ');

function setPageHeaders(reply: FastifyReply): void {
  reply.header('cache-control', 'no-cache');
  reply.header('content-security-policy', CONTENT_SECURITY_POLICY);
  reply.header('x-content-type-options', 'nosniff');
  reply.header('referrer-policy', 'same-origin');
}

function isFile(path: string): boolean {
  try {
    return statSync(path).isFile();
  } catch {
    return false;
  }
}

/** A browser navigating to the URL (not fetch or curl asking for JSON). */
function wantsHtml(request: FastifyRequest): boolean {
  const accept = String(request.headers.accept ?? '');
  const html = accept.indexOf('text/html');
  if (html < 0) return false;
  const json = accept.search(/application\/(graphql-response\+)?json/);
  return json < 0 || html < json;
}

const NOT_BUILT = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Gantry</title></head><body>
<h1>Gantry is running</h1><p>The web console has not been built. Run <code>npm run build:web</code> (<code>npm start</code> does it for you)
and reload. The GraphQL API is at <a href="/graphql">/graphql</a>.</p></body></html>`;

export interface WebOptions {
  /** The built app; defaults to web/dist. */
  dist?: string;
}

export async function registerWeb(app: FastifyInstance, options: WebOptions = {}): Promise<void> {
  const dist = options.dist ?? WEB_DIST;
  // Only reply.sendFile: the routes below decide what is served.
  await app.register(fastifyStatic, { root: dist, serve: false });

  const sendPage = (reply: FastifyReply, file: string) => {
    if (!isFile(join(dist, file))) {
      reply.code(503).type('text/html; charset=utf-8');
      setPageHeaders(reply);
      return reply.send(NOT_BUILT);
    }
    setPageHeaders(reply);
    return reply.sendFile(file, { cacheControl: false });
  };

  // GraphiQL for a browser opening /graphql (where Apollo would otherwise show its CDN-hosted
  // landing page); API clients, which accept JSON first, are unaffected.
  app.addHook('onRequest', async (request, reply) => {
    if (request.method !== 'GET' || request.url.split('?', 1)[0] !== '/graphql' || !wantsHtml(request)) return;
    if (!existsSync(join(dist, 'graphiql.html'))) return;
    await sendPage(reply, 'graphiql.html');
    return reply;
  });

  app.route({
    method: 'GET',
    url: '/*',
    schema: { hide: true },
    handler: async (request, reply) => {
      const path = request.url.split('?', 1)[0]!;
      if (isReserved(path)) return reply.callNotFound();
      let relativePath: string;
      try {
        relativePath = normalize(decodeURIComponent(path)).replace(/^[/\\]+/, '');
      } catch {
        return reply.callNotFound();
      }
      const segments = relativePath.split(sep);
      if (relativePath.includes('\0') || segments.some((s) => s === '..' || s.startsWith('.'))) return reply.callNotFound();

      // Every HTML page (graphiql.html holds the session token) gets the page policy, whatever its URL.
      if (/\.html$/i.test(relativePath) && isFile(join(dist, relativePath))) return sendPage(reply, relativePath);
      if (relativePath !== '' && relativePath !== 'index.html' && isFile(join(dist, relativePath))) {
        // Hashed bundle files never change; the rest (favicon) may.
        const immutable = relativePath.startsWith(`assets${sep}`);
        return reply.sendFile(relativePath, {
          cacheControl: true,
          maxAge: immutable ? 365 * 24 * 3600 * 1000 : 3600 * 1000,
          immutable,
        });
      }
      // A missing file (a stale hashed asset, a typo) is a 404, not the app.
      const last = segments[segments.length - 1] ?? '';
      if (/\.[a-z0-9]{1,8}$/i.test(last) && last !== 'index.html') return reply.callNotFound();
      return sendPage(reply, 'index.html');
    },
  });
}
