// Property-based fuzzing, short run (the 10,000-request run is in test/stress): generated requests
// to every dialect and GraphQL never get a 5xx, always get their dialect's error shape, and a
// refused request never changes the database.
import 'reflect-metadata';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../helpers/app.ts';
import { seedAndSignIn } from '../helpers/demo.ts';
import { fuzzWorld, runFuzz, type FuzzWorld } from '../stress/lib/fuzz.ts';
import { backend } from '../helpers/database.ts';
import { OBJECTS } from '../../rest-compat/pybossa/objects.ts';
import { changedTables, fingerprint } from '../stress/lib/snapshot.ts';

const COUNT = Number(process.env.FUZZ_COUNT ?? 500);
const SEED = Number(process.env.FUZZ_SEED ?? 20261125);

let t: TestApp;
let world: FuzzWorld;

beforeAll(async () => {
  t = await startTestApp();
  const demo = await seedAndSignIn(t);
  world = await fuzzWorld(t.database.db, t.config.jwtSecret, {
    headers: ['alice', 'bob', 'admin'].map((name) => demo.as(name)),
    apiKeys: Object.values(demo.apiKeys),
  });
});
afterAll(async () => t?.close());

describe('fuzzed requests across every dialect', () => {
  it(`${COUNT} generated requests: no 5xx, every answer in its dialect's shape, no write by a refused request`, async () => {
    const figures = await runFuzz(t.app, t.database.db, world, { count: COUNT, seed: SEED });
    console.log(`[fuzz ${backend}] ${figures.requests} requests in ${figures.seconds.toFixed(1)} s; by dialect ${JSON.stringify(figures.byDialect)}; by status ${JSON.stringify(figures.byStatus)}; 5xx ${figures.serverErrors}; refused ${figures.refused}`);
    expect(figures.findings.slice(0, 15)).toEqual([]);
    expect(figures.requests).toBe(COUNT);
    expect(figures.serverErrors).toBe(0);
  }, 300_000);
});

describe('found by fuzzing', () => {
  it('HEAD on a PYBOSSA object route answers as GET does and never writes (it used to run the DELETE branch)', async () => {
    const category = await t.app.inject({ method: 'POST', url: `/api/category?api_key=${world.apiKeys[0]}`, payload: { name: 'Head', short_name: 'head', description: 'x' } });
    expect(category.statusCode).toBe(200);
    const before = await fingerprint(t.database.db);
    for (const key of world.apiKeys) {
      for (const object of Object.values(OBJECTS)) {
        for (const url of [`/api/${object.name}/1`, `/api/${object.name}/${category.json().id}`, `/api/${object.name}`]) {
          const head = await t.app.inject({ method: 'HEAD', url, headers: { authorization: key } });
          const get = await t.app.inject({ method: 'GET', url, headers: { authorization: key } });
          expect(head.statusCode, `HEAD ${url}`).toBe(get.statusCode);
          expect(head.body).toBe('');
        }
      }
    }
    expect((await t.app.inject({ method: 'HEAD', url: '/api/globalstats' })).statusCode).toBe(200);
    expect(changedTables(before, await fingerprint(t.database.db))).toEqual([]);
  });
});
