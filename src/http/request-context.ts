// The GraphQL context for one HTTP request, whichever route it came through.
import type { FastifyRequest } from 'fastify';
import type { Config } from '../config.ts';
import type { DB } from '../db/index.ts';
import { resolveViewer } from '../auth/resolve-viewer.ts';
import type { CredentialSurface } from '../auth/tokens.ts';
import { createContext, type GantryContext } from '../graphql/context.ts';
import type { RateLimits } from './rate-limit.ts';
import { StatementCounter } from '../db/statement-counter.ts';
import { withCatalogueOf } from '../db/columns.ts';
import { rememberRequest } from './error-log.ts';
import { ResponseBudget, ResponseBudgetPlugin } from '../graphql/response-budget.ts';

export interface GatewayDeps {
  db: DB;
  config: Config;
  /** Shared fixed-window counters (src/http/rate-limit.ts). */
  rateLimits?: RateLimits;
}

declare module 'fastify' {
  interface FastifyContextConfig {
    /** Which kind of credential the route accepts (set for each dialect's routes in src/http/dialects.ts). */
    credentials?: CredentialSurface;
  }
}

/**
 * The request's context. Its viewer comes from the one credential kind the route accepts: the
 * route's `credentials` config, or `surface` where the caller says (/graphql); none otherwise.
 */
export async function contextFor(request: FastifyRequest, deps: GatewayDeps, apiKey?: string, surface?: CredentialSurface): Promise<GantryContext> {
  const header = request.headers.authorization;
  // The request's statements are counted on its own Kysely view (x-sql-statements, metrics).
  // Its statements stop once its answer is over MAX_RESPONSE_BYTES (src/graphql/response-budget.ts).
  const budget = new ResponseBudget(deps.config.maxResponseBytes);
  const budgeted = deps.db.withPlugin(new ResponseBudgetPlugin(budget));
  const db = withCatalogueOf(deps.db, request.statementStats ? budgeted.withPlugin(new StatementCounter(request.statementStats)) : budgeted);
  const viewer = await resolveViewer(db, deps.config, {
    authorization: typeof header === 'string' ? header : undefined,
    apiKey,
    ip: request.ip,
  }, surface ?? request.routeOptions?.config?.credentials ?? 'none');
  const context = createContext(db, deps.config, viewer, deps.rateLimits);
  context.statements = request.statementStats;
  rememberRequest(context, request);
  // HEAD is GET without a body, and without side effects (Fastify answers HEAD for every GET route).
  if (request.method === 'HEAD') context.readOnly = true;
  context.responseBudget = budget;
  return context;
}
