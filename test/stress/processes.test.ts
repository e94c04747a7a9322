// Two gateway processes on one PostgreSQL (and with Redis), driven at a larger scale.
import { afterAll, describe, expect, it } from 'vitest';
import { backend } from '../helpers/database.ts';
import { freshDatabase, startGateway } from './lib/gateway-process.ts';
import { redisAnswers, sharedStateAcrossProcesses } from './lib/processes.ts';
import { recordFigures } from './lib/figures.ts';

const redisUp = await redisAnswers();
const cleanups: (() => Promise<unknown>)[] = [];
afterAll(async () => {
  for (const cleanup of cleanups.reverse()) await cleanup().catch(() => undefined);
});

describe.runIf(backend === 'postgres')('stress: two gateway processes', () => {
  for (const store of ['postgres', 'redis'] as const) {
    it.runIf(store === 'postgres' || redisUp)(`agree on everything shared (${store} rate-limit store), 500 one-time-secret uploads`, async () => {
      const database = await freshDatabase(process.env.TEST_DATABASE_URL!);
      cleanups.push(() => database.drop());
      const env = { DATABASE_URL: database.url, ...(store === 'redis' ? { REDIS_URL: 'redis://127.0.0.1:6379' } : {}) };
      const a = await startGateway(env, { args: ['--seed-if-empty'] });
      cleanups.push(() => a.stop());
      const b = await startGateway(env);
      cleanups.push(() => b.stop());
      const f = await sharedStateAcrossProcesses(a, b, database.url, { uploads: 500, rateRequests: 40 });
      recordFigures(`two processes (${store})`, { ...f, rateLimit: { ...f.rateLimit, remaining: `${f.rateLimit.remaining[0]} .. ${f.rateLimit.remaining.at(-1)}` } });
      expect(f.rateLimit.strictlyDecreasing).toBe(true);
      if (store === 'postgres') expect(f.rateLimit.byOne).toBe(true);
      expect(Object.values(f.revocation).every(Boolean)).toBe(true);
      expect(f.oneTimeSecret.other).toEqual([]);
      expect([f.oneTimeSecret.succeeded, f.oneTimeSecret.refused]).toEqual([1, 499]);
      expect(f.stamps).toEqual({ servedOnASubmittedOnB: 2, unservedRefusedOnB: true, answeredTwiceAcceptedOnce: true });
    });
  }
});
