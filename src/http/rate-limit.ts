// Fixed-window rate limits shared by every gateway process: counters live in PostgreSQL (or Redis when
// REDIS_URL is set); the embedded single-process mode counts in memory. PYBOSSA's semantics: a window
// of PER seconds aligned to the epoch, LIMIT requests per endpoint per client address, and the request
// that brings the count to LIMIT is the first refused (Remaining 0 arrives with the 429).
import { RateLimiterMemory, RateLimiterPostgres, RateLimiterRedis, RateLimiterRes, type RateLimiterAbstract } from 'rate-limiter-flexible';
import type { Redis } from 'ioredis';
import type { FastifyBaseLogger } from 'fastify';
import type { Config } from '../config.ts';
import type { DatabaseHandle } from '../db/index.ts';
import { createGuessLimits, type GuessLimits } from './guess-limits.ts';

export interface RateDecision {
  allowed: boolean;
  limit: number;
  remaining: number;
  /** Epoch seconds when the window resets. */
  reset: number;
}

export interface RateLimits {
  /** True when each hit is one SQL statement (the PostgreSQL store), counted in x-sql-statements. */
  readonly countsAsStatement: boolean;
  hit(bucket: string, client: string, points?: number, limit?: number): Promise<RateDecision>;
  /** The window's state without counting anything. */
  peek(bucket: string, client: string, limit?: number): Promise<RateDecision>;
  /** Credential-guessing counters (per target and address, per address), in the same store. */
  guesses?: GuessLimits;
  close(): Promise<void>;
}

export async function createRateLimits(config: Config, database: DatabaseHandle, log: FastifyBaseLogger): Promise<RateLimits> {
  const per = config.rateLimit.durationSeconds;
  // The store only needs to keep a window's counter a little past its end.
  const base = { points: Number.MAX_SAFE_INTEGER, duration: per + 10, keyPrefix: 'gantry_rl' };
  let limiter: RateLimiterAbstract;
  let redis: Redis | undefined;
  let guesses: GuessLimits;
  if (config.redisUrl) {
    // Imported only when configured: the client costs several MB a PostgreSQL-only process never uses.
    const { Redis } = await import('ioredis');
    redis = new Redis(config.redisUrl, { enableOfflineQueue: false, maxRetriesPerRequest: 1, lazyConnect: false });
    redis.on('error', (error) => log.warn({ err: error }, 'rate-limit store (Redis) error'));
    // Commands are not queued while disconnected (a request must not wait on Redis): start once it is ready.
    const ready = await new Promise<boolean>((resolve) => {
      const timer = setTimeout(() => resolve(false), 3000);
      redis!.once('ready', () => (clearTimeout(timer), resolve(true)));
    });
    if (!ready) log.warn('Redis for rate limits is not ready yet; requests are not counted until it is');
    limiter = new RateLimiterRedis({ ...base, storeClient: redis });
    guesses = await createGuessLimits(config, { redis }, log);
  } else if (database.pgPool) {
    limiter = await new Promise<RateLimiterAbstract>((resolve, reject) => {
      const created: RateLimiterPostgres = new RateLimiterPostgres(
        { ...base, storeClient: database.pgPool, storeType: 'pool', tableName: 'rate_limits' },
        (error?: Error) => (error ? reject(error) : resolve(created)),
      );
    });
    guesses = await createGuessLimits(config, { pgPool: database.pgPool }, log);
  } else {
    limiter = new RateLimiterMemory(base);
    guesses = await createGuessLimits(config, { memory: true }, log);
  }

  const keyOf = (bucket: string, client: string) => {
    const reset = Math.floor(Date.now() / 1000 / per) * per + per;
    return { key: `${bucket}/${client}/${reset}`, reset };
  };
  return {
    countsAsStatement: !config.redisUrl && Boolean(database.pgPool),
    guesses,
    async peek(bucket, client, limit = config.rateLimit.points) {
      const { key, reset } = keyOf(bucket, client);
      try {
        const current = Math.min((await limiter.get(key))?.consumedPoints ?? 0, limit);
        return { allowed: current < limit, limit, remaining: limit - current, reset };
      } catch (error) {
        log.warn({ err: error }, 'rate-limit store unavailable');
        return { allowed: true, limit, remaining: limit, reset };
      }
    },
    async hit(bucket, client, points = 1, limit = config.rateLimit.points) {
      const { key, reset } = keyOf(bucket, client);
      let consumed: number;
      try {
        consumed = (await limiter.consume(key, points)).consumedPoints;
      } catch (error) {
        if (error instanceof RateLimiterRes) {
          consumed = error.consumedPoints;
        } else {
          // A store outage must not take the API down with it: count nothing, let the request through.
          log.warn({ err: error }, 'rate-limit store unavailable; request not counted');
          return { allowed: true, limit, remaining: limit, reset };
        }
      }
      const current = Math.min(consumed, limit);
      return { allowed: current < limit, limit, remaining: limit - current, reset };
    },
    async close() {
      redis?.disconnect();
    },
  };
}

export function rateLimitHeaders(decision: RateDecision): Record<string, string> {
  return {
    'X-RateLimit-Limit': String(decision.limit),
    'X-RateLimit-Remaining': String(decision.remaining),
    'X-RateLimit-Reset': String(decision.reset),
  };
}
