// The REST dialects, each translating its routes onto GraphQL operations (rest-compat/).
// Each dialect adds one line here.
import type { FastifyInstance } from 'fastify';
import type { GatewayDeps } from './request-context.ts';
import { registerJsend } from '../../rest-compat/jsend/routes.ts';
import { registerRaceServer } from '../../rest-compat/raceserver/routes.ts';
import { registerPybossa } from '../../rest-compat/pybossa/index.ts';
import { registerOpenTrack } from '../../rest-compat/opentrack/index.ts';
import { registerCalendarFeeds } from '../../rest-compat/ical/routes.ts';
import { registerApiIndex } from '../../rest-compat/api-index.ts';

export type DialectRegistrar = (app: FastifyInstance, deps: GatewayDeps) => Promise<void> | void;

const dialects: DialectRegistrar[] = [registerPybossa, registerJsend, registerRaceServer, registerApiIndex, registerOpenTrack, registerCalendarFeeds];

export async function registerDialects(app: FastifyInstance, deps: GatewayDeps): Promise<void> {
  for (const register of dialects) await register(app, deps);
}
