// The GraphQL context for one HTTP request, whichever route it came through.
import type { FastifyRequest } from 'fastify';
import type { Config } from '../config.ts';
import type { DB } from '../db/index.ts';
import { resolveViewer } from '../auth/resolve-viewer.ts';
import { createContext, type GantryContext } from '../graphql/context.ts';
import type { RateLimits } from './rate-limit.ts';
import { StatementCounter } from '../db/statement-counter.ts';
import { withCatalogueOf } from '../db/columns.ts';
import { rememberRequest } from './error-log.ts';

export interface GatewayDeps {
  db: DB;
  config: Config;
  /** Shared fixed-window counters (src/http/rate-limit.ts). */
  rateLimits?: RateLimits;
}

export async function contextFor(request: FastifyRequest, deps: GatewayDeps, apiKey?: string): Promise<GantryContext> {
  const header = request.headers.authorization;
  // The request's statements are counted on its own Kysely view (x-sql-statements, metrics).
  const db = request.statementStats ? withCatalogueOf(deps.db, deps.db.withPlugin(new StatementCounter(request.statementStats))) : deps.db;
  const viewer = await resolveViewer(db, deps.config, {
    authorization: typeof header === 'string' ? header : undefined,
    apiKey,
    ip: request.ip,
  });
  const context = createContext(db, deps.config, viewer, deps.rateLimits);
  context.statements = request.statementStats;
  rememberRequest(context, request);
  // HEAD is GET without a body, and without side effects (Fastify answers HEAD for every GET route).
  if (request.method === 'HEAD') context.readOnly = true;
  return context;
}
