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

export const STAMP_TTL_SECONDS = 3600;

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

  return ctx.db.transaction().execute(async (trx) => {
    const { rows } = await sql<TaskRow>`
      SELECT t.* FROM tasks t
      WHERE t.project_id = ${project.id} ${stateCondition}
        AND NOT EXISTS (SELECT 1 FROM task_runs r WHERE r.task_id = t.id AND ${answeredBy(identity)})
      ORDER BY ${order} LIMIT ${Math.min(limit, MAX_LIMIT)} OFFSET ${offset}`.execute(trx);
    if (rows.length) {
      await sql`
        INSERT INTO task_stamps (identity, task_id, created, expires_at)
        SELECT ${identity.key}, id, now(), now() + make_interval(secs => ${STAMP_TTL_SECONDS}) FROM unnest(${rows.map((r) => r.id)}::int[]) AS id
        ON CONFLICT (identity, task_id) DO UPDATE SET created = excluded.created, expires_at = excluded.expires_at`.execute(trx);
    }
    return rows;
  });
}
