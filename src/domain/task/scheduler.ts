// The task scheduler: which task an identity should answer next. Tasks served are stamped for that
// identity (in the database, so every gateway process agrees); a task run is accepted only with a live stamp.
import { sql } from 'kysely';
import type { GantryContext } from '../../graphql/context.ts';
import type { ProjectRow, TaskRow } from '../../db/tables.ts';
import { contributorIdentity, answeredBy } from '../../auth/identity.ts';
import { requireProjectToken } from '../../auth/project-token.ts';
import { GantryError, notFound, badInput } from '../../graphql/errors.ts';
import { MAX_LIMIT, pageOffset } from '../../graphql/list.ts';
import { requireReadableProject } from '../project/project.visibility.ts';

/** Expired stamps deleted, at most, by each call that stamps (several calls share the work). */
const PRUNE_BATCH = 1000;

export interface ServeArgs {
  projectId: number;
  externalUid?: string | null;
  offset?: number | null;
  limit?: number | null;
  orderBy?: 'id' | 'created' | 'priority0' | null;
  desc?: boolean | null;
}

const ORDER_COLUMNS = { id: 'id', created: 'created', priority0: 'priority_0' } as const;

export async function serveTasks(ctx: GantryContext, args: ServeArgs): Promise<TaskRow[]> {
  const project = await ctx.loaders.byId<ProjectRow>('projects').load(args.projectId);
  if (!project) throw notFound('Project', 'project_missing');
  // A draft serves its owners only (they try it out before publishing).
  requireReadableProject(ctx.viewer, project);
  if (!ctx.viewer.user && !project.allow_anonymous_contributors) {
    throw new GantryError('UNAUTHENTICATED', 'This project does not allow anonymous contributors', { reason: 'anonymous_not_allowed' });
  }
  if (args.externalUid) requireProjectToken(ctx.viewer, project);
  const limit = args.limit ?? 1;
  if (!Number.isInteger(limit) || limit < 1) throw badInput('limit must be 1 or more.', [{ field: 'limit', message: 'must be at least 1' }]);
  const offset = pageOffset(args.offset);
  const identity = contributorIdentity(ctx.viewer, args.externalUid, ctx.config.jwtSecret);
  const sched = String((project.info as Record<string, unknown>)?.sched ?? 'default');

  const column = sql.ref(`t.${ORDER_COLUMNS[args.orderBy ?? 'id']}`);
  const direction = args.desc ? sql`DESC` : sql`ASC`;
  // depth_first_all serves completed tasks too; breadth_first prefers tasks with the fewest answers.
  const stateCondition = sched === 'depth_first_all' ? sql`` : sql`AND t.state <> 'completed'`;
  const order = sched === 'breadth_first' ? sql`t.n_task_runs ASC, ${column} ${direction}, t.id ASC` : sql`${column} ${direction}, t.id ${direction}`;

  const served = await ctx.db.transaction().execute(async (trx) => {
    const { rows } = await sql<TaskRow>`
      SELECT t.* FROM tasks t
      WHERE t.project_id = ${project.id} ${stateCondition}
        AND NOT EXISTS (SELECT 1 FROM task_runs r WHERE r.task_id = t.id AND ${answeredBy(identity)})
      ORDER BY ${order} LIMIT ${Math.min(limit, MAX_LIMIT)} OFFSET ${offset}`.execute(trx);
    // HEAD asks what GET would answer: nothing is stamped.
    if (rows.length && !ctx.readOnly) {
      await sql`
        INSERT INTO task_stamps (identity, task_id, created, expires_at)
        SELECT ${identity.key}, id, now(), now() + make_interval(secs => ${ctx.config.taskStampTtlSeconds}) FROM unnest(${rows.map((r) => r.id)}::int[]) AS id
        ON CONFLICT (identity, task_id) DO UPDATE SET created = excluded.created, expires_at = excluded.expires_at`.execute(trx);
    }
    return rows;
  });
  if (served.length && !ctx.readOnly) await pruneExpiredStamps(ctx.db);
  return served;
}

/**
 * Stamps expire (TASK_STAMP_TTL) and are deleted by the calls that make new ones, a batch at a time,
 * so the table holds about one TTL's worth of stamps. One statement of its own, outside the stamping
 * transaction, that waits for no lock (SKIP LOCKED): concurrent calls in any process share the work
 * and can never deadlock with each other's stamps.
 */
export async function pruneExpiredStamps(db: GantryContext['db']): Promise<number> {
  const result = await sql`
    DELETE FROM task_stamps WHERE (identity, task_id) IN (
      SELECT identity, task_id FROM task_stamps WHERE expires_at <= now()
      ORDER BY expires_at LIMIT ${PRUNE_BATCH} FOR UPDATE SKIP LOCKED)`.execute(db);
  return Number(result.numAffectedRows ?? 0);
}
