// Concurrency with nothing lost, short run (the 1,000-submission run is in test/stress): concurrent
// task-run submissions by distinct users, the one-time-secret and duplicate-competition races, and
// concurrent token issues for one user, all over real HTTP and checked in the database.
import 'reflect-metadata';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AddressInfo } from 'node:net';
import { startTestApp, type TestApp } from '../helpers/app.ts';
import { seedDemo } from '../../src/seed/demo.ts';
import { concurrentSubmissions, concurrentTokenIssues, duplicateCompetitionRace, oneTimeSecretRace } from '../stress/lib/concurrency.ts';

let t: TestApp;
let base: string;

beforeAll(async () => {
  t = await startTestApp();
  await seedDemo(t.database.db);
  await t.app.listen({ port: 0, host: '127.0.0.1', backlog: 2048 });
  base = `http://127.0.0.1:${(t.app.server.address() as AddressInfo).port}`;
});
afterAll(async () => t?.close());

describe('concurrent writes lose nothing', () => {
  it('100 concurrent task-run submissions by distinct users: 100 rows, right task states and one result per completed task', async () => {
    const f = await concurrentSubmissions(base, t.database.db, 100);
    expect(f.refused).toEqual({});
    expect({ accepted: f.accepted, rows: f.rowsFound, completed: f.tasksCompletedFound, results: f.resultsFound, inconsistent: f.inconsistentTasks }).toEqual({
      accepted: 100,
      rows: 100,
      completed: f.tasksCompletedExpected,
      results: f.resultsExpected,
      inconsistent: [],
    });
    expect(f.tasksCompletedExpected).toBe(8); // 10 tasks with 10 answers each; tasks 3 and 7 need 20
  });

  it('100 concurrent uploads with one one-time secret: exactly one succeeds and the secret is spent once', async () => {
    const f = await oneTimeSecretRace(base, t.database.db, 100);
    expect(f.other).toEqual([]);
    expect([f.succeeded, f.refusedAsExpected, f.rowsFound]).toEqual([1, 99, 1]);
  });

  it('50 concurrent creates of one competition: one row, 49 duplicate answers', async () => {
    const f = await duplicateCompetitionRace(base, t.database.db, 50);
    expect(f.other).toEqual([]);
    expect([f.succeeded, f.refusedAsExpected, f.rowsFound]).toEqual([1, 49, 1]);
  });

  it('20 concurrent token issues for one user leave exactly one live token (and one static token)', async () => {
    const f = await concurrentTokenIssues(base, t.database.db, 20);
    expect(f.other).toEqual([]);
    expect({ issued: f.issued, live: f.liveFound, staticKeys: f.staticTokensDistinct, staticRows: f.staticRowsFound }).toEqual({ issued: 20, live: 1, staticKeys: 1, staticRows: 1 });
  });
});
