// The OpenTrack dialect: v1 (/api/v1, FastAPI style) and the older camelCase routes (/api/...).
// Its routes live in their own Fastify scope so their validator, serializer, body decoding and rate
// limit apply to them only.
import type { FastifyInstance } from 'fastify';
import type { GatewayDeps } from '../../src/http/request-context.ts';
import { rateLimitHeaders } from '../../src/http/rate-limit.ts';
import { decodeTextBody, serializerCompiler, validatorCompiler } from './fastapi.ts';
import { registerV1 } from './v1.ts';
import { registerLegacy } from './legacy.ts';

export async function registerOpenTrack(app: FastifyInstance, deps: GatewayDeps): Promise<void> {
  await app.register(async (scope) => {
    scope.setValidatorCompiler(validatorCompiler);
    scope.setSerializerCompiler(serializerCompiler);
    // RATE_LIMIT requests per RATE_LIMIT_PER seconds, per client address and route (token routes included).
    scope.addHook('onRequest', async (request, reply) => {
      if (!deps.rateLimits) return;
      const decision = await deps.rateLimits.hit(`opentrack:${(request.routeOptions.url ?? request.url).replace(/\/$/, '')}`, request.ip);
      if (deps.rateLimits.countsAsStatement) request.statementStats.statements += 1;
      reply.headers(rateLimitHeaders(decision));
      if (!decision.allowed) {
        const retryAfter = Math.max(1, decision.reset - Math.floor(Date.now() / 1000));
        return reply.code(429).header('retry-after', String(retryAfter)).send({ detail: `Too many requests: try again in ${retryAfter} seconds.` });
      }
    });
    scope.addHook('preValidation', decodeTextBody);
    registerV1(scope, deps);
    registerLegacy(scope, deps);
  });
}
