// GET /api/ for PYBOSSA clients: its plain-text banner, rate limited as the view `index` like every
// other PYBOSSA answer (browsers get the race server's page there: rest-compat/api-index.ts).
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { GatewayDeps } from '../../src/http/request-context.ts';
import { rateLimitHeaders } from '../../src/http/rate-limit.ts';
import { DEFAULT_TEXT, PybossaFailure, errorBody } from './errors.ts';

export const PYBOSSA_BANNER = 'The PYBOSSA API';

export function pybossaBanner(deps: GatewayDeps) {
  return async (request: FastifyRequest, reply: FastifyReply) => {
    if (deps.rateLimits) {
      const decision = await deps.rateLimits.hit('api.index', request.ip);
      if (deps.rateLimits.countsAsStatement) request.statementStats.statements += 1;
      reply.headers(rateLimitHeaders(decision));
      if (!decision.allowed) {
        const failure = new PybossaFailure(429, 'TooManyRequests', DEFAULT_TEXT[429]);
        return reply.code(429).type('application/json').send(errorBody(failure, 'index', request.url.split('?')[0]!));
      }
    }
    return reply.code(200).type('text/plain; charset=utf-8').send(PYBOSSA_BANNER);
  };
}
