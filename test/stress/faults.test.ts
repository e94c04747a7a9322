// Faults at length: the database stopped (fast, then as in a crash) and restarted twice under load on
// every dialect, 1,000 clients disconnecting mid-request, SIGTERM under heavier load.
import 'reflect-metadata';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../helpers/app.ts';
import { seedDemo } from '../../src/seed/demo.ts';
import { clientDisconnects, restartUnderLoad, sigtermUnderLoad } from './lib/faults.ts';
import { startGateway } from './lib/gateway-process.ts';
import { privatePostgresUnavailable, startPrivatePostgres } from './lib/private-postgres.ts';
import { recordFigures } from './lib/figures.ts';

const unavailable = privatePostgresUnavailable();
const mustRun = process.env.CI === 'true';
if (unavailable && !mustRun) console.log(`Skipping the PostgreSQL restart runs: ${unavailable}.`);

describe('stress: PostgreSQL stopped and restarted under load', () => {
  for (const stopMode of ['fast', 'immediate'] as const) {
    it.skipIf(Boolean(unavailable) && !mustRun)(`two outages of 3 s (pg_ctl stop -m ${stopMode}) under 16 workers on every dialect`, async () => {
      const server = await startPrivatePostgres();
      const gateway = await startGateway({ DATABASE_URL: server.url }, { args: ['--seed-if-empty'] }).catch(async (error) => {
        await server.destroy();
        throw error;
      });
      try {
        const f = await restartUnderLoad(gateway, server, { workers: 16, healthyMs: 2000, downMs: 3000, cycles: 2, stopMode });
        recordFigures(`database restart (${stopMode})`, f);
        expect(f.shapeProblems).toEqual([]);
        expect({ serverErrors: f.serverErrors, hung: f.hung, lost: f.acknowledgedWritesLost, alive: f.gatewayAlive }).toEqual({ serverErrors: 0, hung: 0, lost: 0, alive: true });
        expect(f.duringOutage.cleanUnavailable + f.duringOutage.succeeded).toBe(f.duringOutage.requests);
        expect(f.duringOutage.slowestMs).toBeLessThan(3500);
        expect(f.recoveryMs).toBeLessThan(5000);
      } finally {
        await gateway.stop();
        await server.destroy();
      }
    });
  }
});

describe('stress: clients that disconnect, SIGTERM', () => {
  let t: TestApp;
  let base: string;
  beforeAll(async () => {
    t = await startTestApp();
    await seedDemo(t.database.db);
    await t.app.listen({ port: 0, host: '127.0.0.1', backlog: 4096 });
    base = `http://127.0.0.1:${(t.app.server.address() as AddressInfo).port}`;
  });
  afterAll(async () => t?.close());

  it('1,000 submissions aborted mid-request and 100 half-sent bodies leave no partial write', async () => {
    const f = await clientDisconnects(base, t.database.db, 1000);
    recordFigures('client disconnects', f);
    expect(f.inconsistentTasks).toEqual([]);
    expect(f.partialBodiesThatWrote).toBe(0);
  });

  it('SIGTERM under 32 workers: the request in flight finishes, every request received is answered, exit 0', async () => {
    const gateway = await startGateway({ LOG_LEVEL: 'info' }, { args: ['--seed-if-empty'] });
    const f = await sigtermUnderLoad(gateway, { workers: 32, loadMs: 2000 });
    recordFigures('sigterm', { ...f, timeline: f.timeline.join(', ') });
    expect(f).toMatchObject({ inFlightCompleted: true, exitCode: 0, receivedNotAnswered: 0, loadUnshaped: [] });
    expect(f.loadBroken.filter((e) => !['ECONNRESET', 'UND_ERR_SOCKET', 'ECONNREFUSED'].includes(e))).toEqual([]);
  });
});
