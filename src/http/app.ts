// Assembles the Fastify application: /graphql, health, and (registered by later modules) the REST dialects.
import { loadColumnCatalogue } from '../db/columns.ts';
import Fastify, { type FastifyInstance, type FastifyServerOptions } from 'fastify';
import { randomUUID } from 'node:crypto';
import type { Config } from '../config.ts';
import type { DatabaseHandle } from '../db/index.ts';
import type { StatementStats } from '../db/statement-counter.ts';
import { registerGraphql } from './graphql.ts';
import { registerHealth } from './health.ts';
import { registerDialects } from './dialects.ts';
import { BODY_LIMIT, registerBodyParsers } from './body.ts';
import { createRateLimits } from './rate-limit.ts';
import { registerOpenApi } from './openapi.ts';
import { registerCalendarFiles } from '../calendars/files.ts';
import { registerTombstonePruning } from '../calendars/prune.ts';
import { registerWeb } from './web.ts';
import { frameworkErrors, registerDialectErrors } from './dialect-errors.ts';
import { registerMetrics } from './metrics.ts';
import { loggerOptions, type LogDestination } from './logging.ts';

declare module 'fastify' {
  interface FastifyRequest {
    statementStats: StatementStats;
  }
}

export interface AppDeps {
  config: Config;
  database: DatabaseHandle;
  /** false for tests; a pino options object or true otherwise. */
  logger?: FastifyServerOptions['logger'];
  /** Write the log (at config.logLevel, with the gateway's own options) to this stream instead of stdout. */
  logStream?: LogDestination;
}

export async function buildApp({ config, database, logger, logStream }: AppDeps): Promise<FastifyInstance> {
  const app = Fastify({
    logger: logStream ? loggerOptions(config, logStream) : (logger ?? loggerOptions(config)),
    requestIdHeader: 'x-request-id',
    genReqId: () => randomUUID(),
    trustProxy: false,
    bodyLimit: BODY_LIMIT,
    // Requests arriving while closing get 503 in their dialect's shape (src/http/dialect-errors.ts).
    return503OnClosing: false,
    forceCloseConnections: 'idle',
    frameworkErrors,
  });
  registerDialectErrors(app);
  // Relation loaders leave out unasked columns once they know the tables (src/db/columns.ts); until
  // then, or if the database is away at start, they read whole rows.
  await loadColumnCatalogue(database.db).catch(() => undefined);
  // A connection opened but never used (no byte sent) counts as busy for Node until its headers
  // timeout (60 s) and would stall a graceful shutdown that long: close those when closing.
  const sockets = new Set<import('node:net').Socket>();
  app.server.on('connection', (socket) => {
    sockets.add(socket);
    socket.once('close', () => sockets.delete(socket));
  });
  app.addHook('preClose', async () => {
    for (const socket of sockets) if (socket.bytesRead === 0) socket.destroy();
  });

  app.decorateRequest('statementStats', null as unknown as StatementStats);
  // Everything a request does runs inside its own statement counter.
  app.addHook('onRequest', (request, reply, done) => {
    request.statementStats = { statements: 0 };
    reply.header('x-request-id', request.id);
    done();
  });
  app.addHook('onSend', async (request, reply) => {
    if (request.statementStats) reply.header('x-sql-statements', String(request.statementStats.statements));
    if (request.graphqlOperation) reply.header('x-graphql-operation', request.graphqlOperation.name);
  });

  await registerBodyParsers(app);
  await registerOpenApi(app, { config });
  registerHealth(app, database);
  const metrics = registerMetrics(app, database);
  const rateLimits = metrics.countRefusals(await createRateLimits(config, database, app.log));
  app.addHook('onClose', async () => rateLimits.close());
  await registerGraphql(app, { config, database, rateLimits });
  await registerDialects(app, { db: database.db, config, rateLimits });
  registerCalendarFiles(app, { db: database.db, config });
  registerTombstonePruning(app, { db: database.db, config });
  await registerWeb(app); // last: the console never shadows a gateway route
  return app;
}
