import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createConnection } from 'node:net';
import { randomBytes } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { loadConfig } from '../../src/config.ts';
import { buildApp } from '../../src/http/app.ts';
import type { DatabaseHandle } from '../../src/db/index.ts';
import { backend, openTestDatabase } from '../helpers/database.ts';

const redisUp = await new Promise<boolean>((resolve) => {
  const socket = createConnection({ host: '127.0.0.1', port: 6379 });
  socket.once('connect', () => (socket.destroy(), resolve(true)));
  socket.once('error', () => resolve(false));
  setTimeout(() => (socket.destroy(), resolve(false)), 500);
});
if (backend === 'postgres' && !redisUp) console.log('Redis is not reachable on 127.0.0.1:6379: the shared-counter test over Redis is skipped.');

let database: DatabaseHandle;
beforeAll(async () => {
  database = await openTestDatabase();
});
afterAll(async () => database?.close());

async function twoGateways(env: Record<string, string>): Promise<[FastifyInstance, FastifyInstance]> {
  const config = loadConfig({ JWT_SECRET: 'test-secret-of-enough-length', RATE_LIMIT: '4', ...env }, { persistSecret: false });
  return [await buildApp({ config, database, logger: false }), await buildApp({ config, database, logger: false })];
}

async function alternate(apps: [FastifyInstance, FastifyInstance], ip: string): Promise<number[]> {
  const statuses: number[] = [];
  for (let i = 0; i < 6; i++) {
    const r = await apps[i % 2]!.inject({ method: 'GET', url: '/api/category', remoteAddress: ip });
    statuses.push(r.statusCode);
  }
  return statuses;
}

describe.runIf(backend === 'postgres')('rate limits shared by several gateway processes', () => {
  it('counts requests to either process against one window (PostgreSQL store)', async () => {
    const apps = await twoGateways({});
    try {
      expect(await alternate(apps, '10.9.8.7')).toEqual([200, 200, 200, 429, 429, 429]);
    } finally {
      await Promise.all(apps.map((app) => app.close()));
    }
  });

  it.runIf(redisUp)('counts requests to either process against one window (Redis store)', async () => {
    const apps = await twoGateways({ REDIS_URL: 'redis://127.0.0.1:6379' });
    try {
      expect(await alternate(apps, `10.${randomBytes(1)[0]}.${randomBytes(1)[0]}.1`)).toEqual([200, 200, 200, 429, 429, 429]);
    } finally {
      await Promise.all(apps.map((app) => app.close()));
    }
  });
});

describe.runIf(backend === 'pglite')('rate limits in the embedded mode', () => {
  it('count in memory for the single process', async () => {
    const [app] = await twoGateways({});
    try {
      const statuses = [];
      for (let i = 0; i < 5; i++) statuses.push((await app.inject({ method: 'GET', url: '/api/category' })).statusCode);
      expect(statuses).toEqual([200, 200, 200, 429, 429]);
    } finally {
      await app.close();
    }
  });
});
