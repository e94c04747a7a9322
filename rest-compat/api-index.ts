// GET /api/ is shared by two dialects: the race server documents its upload API there for browsers,
// PYBOSSA answers its banner there for API clients. The request's Accept header decides: text/html
// preferred (over plain text and JSON) gets the page, anything else (no Accept, */*) the banner.
// GET /api (no slash) is always the race server's page (rest-compat/raceserver/routes.ts).
import type { FastifyInstance, FastifyReply, FastifyRequest, FastifySchema } from 'fastify';
import type { GatewayDeps } from '../src/http/request-context.ts';
import { prefersHtml } from '../src/http/accept.ts';
import { apiPage } from './raceserver/routes.ts';
import { pybossaBanner } from './pybossa/index-banner.ts';

export function registerApiIndex(app: FastifyInstance, deps: GatewayDeps): void {
  const page = apiPage(deps);
  const banner = pybossaBanner(deps);
  app.get(
    '/api/',
    {
      schema: {
        summary: "PYBOSSA's banner, or the race server's API page for a browser",
        description:
          'With an Accept header preferring text/html: the race server\'s HTML page (as GET /api). Otherwise PYBOSSA\'s plain-text banner `The PYBOSSA API`, with its X-RateLimit-* headers.',
        tags: ['pybossa', 'raceserver'],
        produces: ['text/plain', 'text/html'],
        response: { 200: { description: 'The banner (text/plain) or the page (text/html).', type: 'string' } },
      } as FastifySchema,
    },
    (request: FastifyRequest, reply: FastifyReply) => (prefersHtml(request.headers.accept) ? page(request, reply) : banner(request, reply)),
  );
}
