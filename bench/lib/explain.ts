// EXPLAIN of the `info=key::value` list query. The WHERE clause is built by the gateway's own
// infoEquals (containment `@>` plus a `->>` recheck), so the plan follows the SQL the gateway sends.
import { Kysely, PostgresDialect, sql } from 'kysely';
import pg from 'pg';

export interface InfoExplain {
  filter: string;
  sqlText: string;
  plan: string;
  indexScan: boolean;
  seqScan: boolean;
  /** Index names the plan uses. */
  indexes: string[];
  executionMs: number | null;
}

export async function explainInfoQuery(url: string, key: string, value: string, limit = 100): Promise<InfoExplain> {
  // list.ts declares type-graphql input types, which need the metadata polyfill loaded first.
  await import('reflect-metadata');
  const { infoEquals } = await import('../../src/graphql/list.ts');
  const pool = new pg.Pool({ connectionString: url, max: 1 });
  // Kysely only compiles and sends here; its Database type is irrelevant.
  const db = new Kysely<Record<string, never>>({ dialect: new PostgresDialect({ pool }) });
  try {
    const query = sql`SELECT "tasks".* FROM "tasks" WHERE ${sql.join(infoEquals('tasks.info', [{ key, value }]), sql` AND `)}
    ORDER BY "tasks"."id" ASC LIMIT ${limit} OFFSET ${0}`;
    const compiled = query.compile(db);
    const { rows } = await sql<{ 'QUERY PLAN': string }>`EXPLAIN (ANALYZE, BUFFERS) ${query}`.execute(db);
    const plan = rows.map((r) => r['QUERY PLAN']).join('\n');
    const indexes = [...plan.matchAll(/(?:Index(?: Only)? Scan(?: Backward)? using|Bitmap Index Scan on) (\S+)/g)].map((m) => m[1]!);
    const execution = /Execution Time: ([\d.]+) ms/.exec(plan);
    return {
      filter: `${key}::${value}`,
      sqlText: `${compiled.sql.replace(/\s+/g, ' ')}  -- parameters: ${JSON.stringify(compiled.parameters)}`,
      plan,
      indexScan: indexes.length > 0,
      seqScan: /Seq Scan on tasks/.test(plan),
      indexes: [...new Set(indexes)],
      executionMs: execution ? Number(execution[1]) : null,
    };
  } finally {
    await db.destroy();
  }
}
