import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { startTestApp, type TestApp } from '../helpers/app.ts';
import { seedAndSignIn } from '../helpers/demo.ts';
import { seedScale } from '../../src/seed/scale.ts';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
  await seedAndSignIn(t);
  await seedScale(t.database.db, 3000); // 3 projects of 1000 tasks, 3 task runs each
});
afterAll(async () => t?.close());

const nested = `query($p: Int!, $t: Int!) {
  projects(limit: $p) { id name owner { name } category { name } progress { total completed }
    tasks(limit: $t) { id state taskRuns { id user { name } } result { id taskRuns { id } } } }
}`;

describe('batched resolvers', () => {
  it('answer a nested query with a fixed number of statements, whatever the list lengths', async () => {
    const small = await t.gql(nested, { p: 2, t: 2 });
    const large = await t.gql(nested, { p: 50, t: 20 });
    expect(small.errors).toBeUndefined();
    expect(large.errors).toBeUndefined();
    const projects = (large.data as { projects: { tasks: { taskRuns: unknown[] }[] }[] }).projects;
    expect(projects.length).toBe(6);
    expect(projects.flatMap((p) => p.tasks).length).toBeGreaterThan(60);
    expect(projects.flatMap((p) => p.tasks.flatMap((task) => task.taskRuns)).length).toBeGreaterThan(150);
    expect(large.statements).toBe(small.statements);
    // Viewer-free: projects, owners, categories, progress, tasks, task runs, users, results, result
    // task runs (+1 for the rate-limit counter when it lives in PostgreSQL).
    expect(large.statements - (t.database.kind === 'postgres' ? 1 : 0)).toBeLessThanOrEqual(9);
  });

  it('count statements per request on the x-sql-statements header', async () => {
    // Only the rate-limit counter, and only when it lives in PostgreSQL.
    const r = await t.gql('{ server { version } }');
    expect(r.statements).toBe(t.database.kind === 'postgres' ? 1 : 0);
    const { rows } = await sql<{ n: number }>`SELECT count(*)::int AS n FROM projects`.execute(t.database.db);
    expect(rows[0]!.n).toBe(6);
  });
});
