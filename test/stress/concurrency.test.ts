// 1,000 concurrent task-run submissions by distinct users, and the dialect races at a larger scale.
import 'reflect-metadata';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../helpers/app.ts';
import { seedDemo } from '../../src/seed/demo.ts';
import { concurrentSubmissions, concurrentTokenIssues, duplicateCompetitionRace, oneTimeSecretRace } from './lib/concurrency.ts';
import { recordFigures } from './lib/figures.ts';

let t: TestApp;
let base: string;

beforeAll(async () => {
  t = await startTestApp();
  await seedDemo(t.database.db);
  await t.app.listen({ port: 0, host: '127.0.0.1', backlog: 4096 });
  base = `http://127.0.0.1:${(t.app.server.address() as AddressInfo).port}`;
});
afterAll(async () => t?.close());

describe('stress: concurrency with nothing lost', () => {
  it('1,000 concurrent task-run submissions by distinct users', async () => {
    const f = await concurrentSubmissions(base, t.database.db, 1000);
    recordFigures('submissions', f);
    expect(f.refused).toEqual({});
    expect({ rows: f.rowsFound, completed: f.tasksCompletedFound, results: f.resultsFound, inconsistent: f.inconsistentTasks }).toEqual({
      rows: 1000,
      completed: 75,
      results: 75,
      inconsistent: [],
    });
  });

  it('1,000 concurrent uploads with one one-time secret', async () => {
    const f = await oneTimeSecretRace(base, t.database.db, 1000);
    recordFigures('one-time secret', f);
    expect(f.other).toEqual([]);
    expect([f.succeeded, f.refusedAsExpected, f.rowsFound]).toEqual([1, 999, 1]);
  });

  it('200 concurrent creates of one competition', async () => {
    const f = await duplicateCompetitionRace(base, t.database.db, 200);
    recordFigures('duplicate competition', f);
    expect(f.other).toEqual([]);
    expect([f.succeeded, f.refusedAsExpected, f.rowsFound]).toEqual([1, 199, 1]);
  });

  it('200 concurrent token issues for one user', async () => {
    const f = await concurrentTokenIssues(base, t.database.db, 200);
    recordFigures('token issues', f);
    expect(f.other).toEqual([]);
    expect({ issued: f.issued, live: f.liveFound, staticKeys: f.staticTokensDistinct, staticRows: f.staticRowsFound }).toEqual({ issued: 200, live: 1, staticKeys: 1, staticRows: 1 });
  });
});
