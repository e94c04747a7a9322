// Assembles the Fastify application: /graphql, health, and (registered by later modules) the REST dialects.
import Fastify, { type FastifyInstance, type FastifyServerOptions } from 'fastify';
import { randomUUID } from 'node:crypto';
import type { Config } from '../config.ts';
import type { DatabaseHandle } from '../db/index.ts';
import { countStatements, type StatementStats } from '../db/statement-counter.ts';
import { registerGraphql } from './graphql.ts';
import { registerHealth } from './health.ts';
import { registerDialects } from './dialects.ts';
import { registerBodyParsers } from './body.ts';

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
}

export async function buildApp({ config, database, logger }: AppDeps): Promise<FastifyInstance> {
  const app = Fastify({
    logger: logger ?? { level: config.logLevel },
    requestIdHeader: 'x-request-id',
    genReqId: () => randomUUID(),
    trustProxy: false,
    bodyLimit: 5 * 1024 * 1024,
    return503OnClosing: true,
    forceCloseConnections: 'idle',
  });

  app.decorateRequest('statementStats', null as unknown as StatementStats);
  // Everything a request does runs inside its own statement counter.
  app.addHook('onRequest', (request, reply, done) => {
    request.statementStats = { statements: 0 };
    reply.header('x-request-id', request.id);
    countStatements(request.statementStats, done);
  });
  app.addHook('onSend', async (request, reply) => {
    if (request.statementStats) reply.header('x-sql-statements', String(request.statementStats.statements));
  });

  await registerBodyParsers(app);
  registerHealth(app, database);
  await registerGraphql(app, { config, database });
  await registerDialects(app, { db: database.db, config });
  return app;
}
