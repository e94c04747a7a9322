// The GraphQL context for one HTTP request, whichever route it came through.
import type { FastifyRequest } from 'fastify';
import type { Config } from '../config.ts';
import type { DB } from '../db/index.ts';
import { resolveViewer } from '../auth/resolve-viewer.ts';
import { createContext, type GantryContext } from '../graphql/context.ts';

export interface GatewayDeps {
  db: DB;
  config: Config;
}

export async function contextFor(request: FastifyRequest, deps: GatewayDeps, apiKey?: string): Promise<GantryContext> {
  const header = request.headers.authorization;
  const viewer = await resolveViewer(deps.db, deps.config, {
    authorization: typeof header === 'string' ? header : undefined,
    apiKey,
    ip: request.ip,
  });
  return createContext(deps.db, deps.config, viewer);
}
