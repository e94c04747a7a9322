// The REST dialects, each translating its routes onto GraphQL operations (rest-compat/).
// Each dialect adds one line here.
import type { FastifyInstance } from 'fastify';
import type { GatewayDeps } from './request-context.ts';

export type DialectRegistrar = (app: FastifyInstance, deps: GatewayDeps) => Promise<void> | void;

const dialects: DialectRegistrar[] = [];

export async function registerDialects(app: FastifyInstance, deps: GatewayDeps): Promise<void> {
  for (const register of dialects) await register(app, deps);
}
