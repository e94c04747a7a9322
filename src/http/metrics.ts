// Prometheus metrics at GET /metrics (prom-client): requests by route and status, latency, SQL
// statements per request, DataLoader batch sizes, database pool usage and rate-limit refusals. Each
// app has its own registry, so several apps in one process (tests) never share counters.
import type { FastifyInstance } from 'fastify';
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import type { DatabaseHandle } from '../db/index.ts';
import { batchObservers } from '../graphql/loaders.ts';
import type { RateLimits } from './rate-limit.ts';

export const METRICS_PATH = '/metrics';

export interface Metrics {
  registry: Registry;
  /** Wraps the rate limits so every refusal is counted. */
  countRefusals(limits: RateLimits): RateLimits;
}

export function registerMetrics(app: FastifyInstance, database: DatabaseHandle): Metrics {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: 'gantry_' });

  const requests = new Counter({
    name: 'gantry_http_requests_total',
    help: 'HTTP requests answered, by method, route pattern and status code.',
    labelNames: ['method', 'route', 'status'] as const,
    registers: [registry],
  });
  const duration = new Histogram({
    name: 'gantry_http_request_duration_seconds',
    help: 'Time from receiving a request to sending its answer, by method and route pattern.',
    labelNames: ['method', 'route'] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [registry],
  });
  const statements = new Histogram({
    name: 'gantry_sql_statements_per_request',
    help: 'SQL statements one HTTP request sent, by route pattern.',
    labelNames: ['route'] as const,
    buckets: [0, 1, 2, 3, 5, 8, 13, 21, 34, 55, 100],
    registers: [registry],
  });
  const inFlight = new Gauge({ name: 'gantry_http_requests_in_flight', help: 'Requests received and not yet answered.', registers: [registry] });
  const batches = new Histogram({
    name: 'gantry_dataloader_batch_size',
    help: 'Keys per DataLoader batch (one SQL statement each), by loader kind and table.',
    labelNames: ['loader'] as const,
    buckets: [1, 2, 5, 10, 20, 50, 100, 200, 500, 1000],
    registers: [registry],
  });
  const refusals = new Counter({
    name: 'gantry_rate_limit_refusals_total',
    help: 'Requests refused by a rate limit (429), by bucket.',
    labelNames: ['bucket'] as const,
    registers: [registry],
  });
  const pool = database.pgPool;
  new Gauge({
    name: 'gantry_db_pool_connections',
    help: 'Database pool connections by state (total, idle, waiting clients). Embedded mode: one connection.',
    labelNames: ['state'] as const,
    registers: [registry],
    collect() {
      this.set({ state: 'total' }, pool ? pool.totalCount : 1);
      this.set({ state: 'idle' }, pool ? pool.idleCount : 0);
      this.set({ state: 'waiting' }, pool ? pool.waitingCount : 0);
    },
  });

  const observeBatch = (loader: string, size: number) => batches.observe({ loader }, size);
  batchObservers.add(observeBatch);
  app.addHook('onClose', async () => {
    batchObservers.delete(observeBatch);
  });

  // A request leaves the in-flight count once: answered, or abandoned by its client.
  const open = new WeakSet<object>();
  const settle = (request: object) => {
    if (open.delete(request)) inFlight.dec();
  };
  app.addHook('onRequest', async (request) => {
    open.add(request);
    inFlight.inc();
  });
  app.addHook('onResponse', async (request, reply) => {
    settle(request);
    // The route pattern, never the raw URL: ids and query strings would make a series per request.
    const route = request.routeOptions.url ?? 'unmatched';
    requests.inc({ method: request.method, route, status: String(reply.statusCode) });
    duration.observe({ method: request.method, route }, reply.elapsedTime / 1000);
    if (request.statementStats) statements.observe({ route }, request.statementStats.statements);
  });
  app.addHook('onRequestAbort', async (request) => {
    settle(request);
  });

  app.get(METRICS_PATH, { schema: { hide: true } }, async (_request, reply) => {
    const text = await registry.metrics();
    return reply.type(registry.contentType).send(text);
  });

  return {
    registry,
    countRefusals(limits) {
      const bucketOf = (bucket: string) => bucket.replace(/[^\w:.-]/g, '_').slice(0, 80);
      return {
        ...limits,
        async hit(bucket, client, points, limit) {
          const decision = await limits.hit(bucket, client, points, limit);
          if (!decision.allowed) refusals.inc({ bucket: bucketOf(bucket) });
          return decision;
        },
        async peek(bucket, client, limit) {
          // A peek that finds the window spent refuses the request (credential-guessing limits).
          const decision = await limits.peek(bucket, client, limit);
          if (!decision.allowed) refusals.inc({ bucket: bucketOf(bucket) });
          return decision;
        },
      };
    },
  };
}
