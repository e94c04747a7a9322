// The REST dialects, each translating its routes onto GraphQL operations (rest-compat/).
// Each dialect adds one line here.
import type { FastifyInstance } from 'fastify';
import type { GatewayDeps } from './request-context.ts';
import type { CredentialSurface } from '../auth/tokens.ts';
import { registerJsend } from '../../rest-compat/jsend/routes.ts';
import { registerRaceServer } from '../../rest-compat/raceserver/routes.ts';
import { registerPybossa } from '../../rest-compat/pybossa/index.ts';
import { registerOpenTrack } from '../../rest-compat/opentrack/index.ts';
import { registerCalendarFeeds } from '../../rest-compat/ical/routes.ts';
import { registerApiIndex } from '../../rest-compat/api-index.ts';

export type DialectRegistrar = (app: FastifyInstance, deps: GatewayDeps) => Promise<void> | void;

/**
 * Each dialect with the kind of credential its routes accept (src/auth/tokens.ts): a token of another
 * kind leaves the request anonymous there. The race server's upload and the calendar feeds take no
 * credential from headers.
 */
const dialects: [DialectRegistrar, (url: string) => CredentialSurface][] = [
  [registerPybossa, () => 'pybossa'],
  [registerJsend, () => 'jsend'],
  [registerRaceServer, () => 'none'],
  // GET /api/: PYBOSSA's banner, or the race server's page for a browser (no credential either way).
  [registerApiIndex, () => 'pybossa'],
  [registerOpenTrack, (url) => (/^\/api\/v1(\/|$)/.test(url) ? 'opentrack-v1' : 'opentrack-legacy')],
  [registerCalendarFeeds, () => 'none'],
];

export async function registerDialects(app: FastifyInstance, deps: GatewayDeps): Promise<void> {
  let surfaceOf: ((url: string) => CredentialSurface) | undefined;
  // Tags every route a dialect adds (its own scopes included) with the credential it accepts.
  app.addHook('onRoute', (route) => {
    if (surfaceOf && route.config?.credentials === undefined) route.config = { ...route.config, credentials: surfaceOf(route.url) };
  });
  for (const [register, surface] of dialects) {
    surfaceOf = surface;
    await register(app, deps);
  }
  surfaceOf = undefined;
}
