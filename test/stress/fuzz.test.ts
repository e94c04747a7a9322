// 10,000 fuzzed requests across every dialect and GraphQL (FUZZ_COUNT to change, FUZZ_SEED to replay).
import 'reflect-metadata';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../helpers/app.ts';
import { seedAndSignIn } from '../helpers/demo.ts';
import { fuzzWorld, runFuzz, type FuzzWorld } from './lib/fuzz.ts';
import { recordFigures } from './lib/figures.ts';

const COUNT = Number(process.env.FUZZ_COUNT ?? 10_000);
const SEED = Number(process.env.FUZZ_SEED ?? Math.floor(Math.random() * 2 ** 31));

let t: TestApp;
let world: FuzzWorld;

beforeAll(async () => {
  t = await startTestApp();
  const demo = await seedAndSignIn(t);
  world = await fuzzWorld(t.database.db, t.config.jwtSecret, { headers: ['alice', 'bob', 'admin'].map((name) => demo.as(name)), apiKeys: Object.values(demo.apiKeys) });
});
afterAll(async () => t?.close());

describe('stress: fuzzing', () => {
  it(`${COUNT} fuzzed requests: no 5xx, every answer in its dialect's shape, no write by a refused request`, async () => {
    const f = await runFuzz(t.app, t.database.db, world, { count: COUNT, seed: SEED });
    recordFigures('fuzz', { seed: SEED, requests: f.requests, serverErrors: f.serverErrors, shapeProblems: f.shapeProblems, refused: f.refused, refusedThatWrote: f.refusedThatWrote, byDialect: f.byDialect, byStatus: f.byStatus, seconds: f.seconds });
    expect(f.findings.slice(0, 20), `seed ${SEED}`).toEqual([]);
    expect(f.requests).toBe(COUNT);
    expect(f.serverErrors).toBe(0);
  });
});
