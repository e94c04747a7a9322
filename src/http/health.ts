import type { FastifyInstance } from 'fastify';
import type { DatabaseHandle } from '../db/index.ts';

const READY_TIMEOUT_MS = 2000;

export function registerHealth(app: FastifyInstance, database: DatabaseHandle): void {
  // The process is up and serving HTTP.
  app.get('/healthz', async () => ({ status: 'ok' }));

  // The database answers within a short time.
  app.get('/readyz', async (_request, reply) => {
    let timer: NodeJS.Timeout | undefined;
    try {
      await Promise.race([
        database.ping(),
        new Promise((_, reject) => {
          timer = setTimeout(() => reject(new Error('timed out')), READY_TIMEOUT_MS);
        }),
      ]);
      return { status: 'ready', database: database.kind };
    } catch (error) {
      reply.code(503);
      return { status: 'unavailable', database: database.kind, reason: (error as Error).message };
    } finally {
      clearTimeout(timer);
    }
  });
}
