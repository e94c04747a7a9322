// Several gateway processes on one PostgreSQL (and once with Redis for the rate-limit counters),
// behind no load balancer: the test drives both processes and checks that rate-limit counters,
// token revocation, one-time secrets and newtask stamps agree across them.
import { afterAll, describe, expect, it } from 'vitest';
import { backend } from '../helpers/database.ts';
import { freshDatabase, startGateway, type GatewayProcess } from '../stress/lib/gateway-process.ts';
import { redisAnswers, sharedStateAcrossProcesses } from '../stress/lib/processes.ts';

const redisUp = await redisAnswers();
if (backend === 'postgres' && !redisUp) console.log('Redis does not answer on 127.0.0.1:6379: the two-process run with REDIS_URL is skipped.');

const cleanups: (() => Promise<unknown>)[] = [];
afterAll(async () => {
  for (const cleanup of cleanups.reverse()) await cleanup().catch(() => undefined);
});

async function twoProcesses(extraEnv: Record<string, string>): Promise<{ a: GatewayProcess; b: GatewayProcess; url: string }> {
  const database = await freshDatabase(process.env.TEST_DATABASE_URL!);
  cleanups.push(() => database.drop());
  // The first migrates and loads the demo data; the second starts on the ready database.
  const a = await startGateway({ DATABASE_URL: database.url, ...extraEnv }, { args: ['--seed-if-empty'] });
  cleanups.push(() => a.stop());
  const b = await startGateway({ DATABASE_URL: database.url, ...extraEnv });
  cleanups.push(() => b.stop());
  return { a, b, url: database.url };
}

function expectShared(f: Awaited<ReturnType<typeof sharedStateAcrossProcesses>>, exactCounters: boolean) {
  expect(f.rateLimit.strictlyDecreasing, JSON.stringify(f.rateLimit.remaining)).toBe(true);
  if (exactCounters) expect(f.rateLimit.byOne, JSON.stringify(f.rateLimit.remaining)).toBe(true);
  expect(f.rateLimit.sameReset).toBe(true);
  expect(f.revocation).toEqual({ tokenFromAWorksOnB: true, oldTokenRefusedAfterNewIssueOnB: true, newTokenRefusedOnBAfterInvalidateOnA: true, sessionRefusedOnAAfterPasswordChangeOnB: true });
  expect(f.oneTimeSecret.other).toEqual([]);
  expect([f.oneTimeSecret.succeeded, f.oneTimeSecret.refused]).toEqual([1, f.oneTimeSecret.attempts - 1]);
  expect(f.stamps).toEqual({ servedOnASubmittedOnB: 2, unservedRefusedOnB: true, answeredTwiceAcceptedOnce: true });
}

describe.runIf(backend === 'postgres')('two gateway processes on one PostgreSQL', () => {
  it('share rate-limit counters, token revocation, one-time secrets and newtask stamps (PostgreSQL store)', async () => {
    const { a, b, url } = await twoProcesses({});
    const f = await sharedStateAcrossProcesses(a, b, url, { uploads: 20, rateRequests: 6 });
    expectShared(f, true);
  }, 120_000);

  it.runIf(redisUp)('share them too with the rate-limit counters in Redis (REDIS_URL)', async () => {
    const { a, b, url } = await twoProcesses({ REDIS_URL: 'redis://127.0.0.1:6379' });
    const f = await sharedStateAcrossProcesses(a, b, url, { uploads: 20, rateRequests: 6 });
    // Other test runs may count against the same Redis key (client 127.0.0.1) meanwhile: decreasing, not exactly by one.
    expectShared(f, false);
  }, 120_000);
});
