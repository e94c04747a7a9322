// Counters for credential guessing (src/auth/attempts.ts), in the same store as the REST rate limits
// (PostgreSQL, Redis, or memory in the embedded single-process mode).
//
// Two counters: failed guesses at one target (an account, a race-server user, a project's secret)
// from one address, and failed guesses from one address at every target, with a much higher
// ceiling so a classroom or an office behind one NAT is not locked out by a few typos each. Each
// window starts at the key's first guess (not at an epoch boundary) and lasts
// CREDENTIAL_GUESSES_WINDOW seconds.
//
// A guess takes its point BEFORE the secret is checked (one atomic increment in the store), and the
// point is given back when the check passes or the attempt turns out to be no guess: concurrent
// guesses cannot all see an empty counter. Within one process the guesses at one target from one
// address also run one at a time, so concurrent honest requests (the same one-time secret sent
// twice) never see each other's points still held; across processes the atomic counter alone
// holds the limit.
import { createHash } from 'node:crypto';
import { RateLimiterMemory, RateLimiterPostgres, RateLimiterRedis, RateLimiterRes, type RateLimiterAbstract } from 'rate-limiter-flexible';
import type { Redis } from 'ioredis';
import type { Pool } from 'pg';
import type { FastifyBaseLogger } from 'fastify';
import type { Config } from '../config.ts';

export type GuessTake =
  | { allowed: true; release(): Promise<void> }
  | { allowed: false; scope: 'target' | 'address'; retryAfterSeconds: number };

export interface GuessLimits {
  readonly perTarget: number;
  readonly perAddress: number;
  /** Takes one guess at `target` from `address`; refused when either counter is spent. */
  take(target: string, address: string): Promise<GuessTake>;
  /** Runs `work` after every earlier call for the same target and address in this process. */
  serially<T>(target: string, address: string, work: () => Promise<T>): Promise<T>;
}

export type GuessStore = { redis: Redis } | { pgPool: Pool } | { memory: true };

const digest = (text: string) => createHash('sha256').update(text).digest('base64url').slice(0, 32);

export async function createGuessLimits(config: Config, store: GuessStore, log: FastifyBaseLogger): Promise<GuessLimits> {
  const { perTarget, perAddress, windowSeconds } = config.credentialGuesses;
  const make = async (keyPrefix: string, points: number): Promise<RateLimiterAbstract> => {
    const options = { points, duration: windowSeconds, keyPrefix };
    if ('redis' in store) return new RateLimiterRedis({ ...options, storeClient: store.redis });
    if ('pgPool' in store) {
      return new Promise<RateLimiterAbstract>((resolve, reject) => {
        const created: RateLimiterPostgres = new RateLimiterPostgres(
          { ...options, storeClient: store.pgPool, storeType: 'pool', tableName: 'rate_limits' },
          (error?: Error) => (error ? reject(error) : resolve(created)),
        );
      });
    }
    return new RateLimiterMemory(options);
  };
  const targets = await make('gantry_guess_target', perTarget);
  const addresses = await make('gantry_guess_address', perAddress);

  /** One point; null when the store failed (the guess goes through uncounted: an outage must not lock everyone out). */
  const consume = async (limiter: RateLimiterAbstract, key: string): Promise<RateLimiterRes | 'refused' | null> => {
    try {
      return await limiter.consume(key, 1);
    } catch (error) {
      if (error instanceof RateLimiterRes) return 'refused';
      log.warn({ err: error }, 'credential-guess store unavailable; guess not counted');
      return null;
    }
  };
  const retryAfter = async (limiter: RateLimiterAbstract, key: string) => {
    try {
      return Math.max(1, Math.ceil(((await limiter.get(key))?.msBeforeNext ?? windowSeconds * 1000) / 1000));
    } catch {
      return windowSeconds;
    }
  };
  const giveBack = async (limiter: RateLimiterAbstract, key: string) => {
    try {
      await limiter.reward(key, 1);
    } catch (error) {
      log.warn({ err: error }, 'credential-guess store unavailable; a guess point was not given back');
    }
  };

  const queues = new Map<string, Promise<unknown>>();
  return {
    perTarget,
    perAddress,
    async take(target, address) {
      const targetKey = `${digest(target)}/${address}`;
      const byTarget = await consume(targets, targetKey);
      if (byTarget === 'refused') return { allowed: false, scope: 'target', retryAfterSeconds: await retryAfter(targets, targetKey) };
      const byAddress = await consume(addresses, address);
      if (byAddress === 'refused') {
        // Refused before any check: the target's point goes back (only guesses that ran count).
        if (byTarget) await giveBack(targets, targetKey);
        return { allowed: false, scope: 'address', retryAfterSeconds: await retryAfter(addresses, address) };
      }
      let released = false;
      return {
        allowed: true,
        async release() {
          if (released) return;
          released = true;
          await Promise.all([byTarget && giveBack(targets, targetKey), byAddress && giveBack(addresses, address)]);
        },
      };
    },
    serially(target, address, work) {
      const key = `${digest(target)}/${address}`;
      const before = queues.get(key) ?? Promise.resolve();
      const run = before.then(work, work);
      const settled = run.then(
        () => undefined,
        () => undefined,
      );
      queues.set(key, settled);
      void settled.then(() => {
        if (queues.get(key) === settled) queues.delete(key);
      });
      return run;
    },
  };
}
