// A project's statistics (PYBOSSA's ProjectStats, served with ?stats=1): counted live in one statement
// per batch of projects, so a list of projects costs the same number of statements as one.
import { Ctx, Field, FieldResolver, Int, ObjectType, Resolver, Root } from 'type-graphql';
import { DateTimeISOResolver } from 'graphql-scalars';
import DataLoader from 'dataloader';
import { sql } from 'kysely';
import type { GantryContext } from '../../graphql/context.ts';
import type { ProjectRow } from '../../db/tables.ts';
import { Reads } from '../../graphql/selection.ts';
import { Project } from './project.type.ts';

@ObjectType({ description: "A project's statistics, counted when asked." })
export class ProjectStats {
  @Field(() => Int, { name: 'projectId' })
  project_id!: number;

  @Field(() => Int, { name: 'nTasks' })
  n_tasks!: number;

  @Field(() => Int, { name: 'nTaskRuns' })
  n_task_runs!: number;

  @Field(() => Int, { name: 'nResults', description: 'Current results (last versions).' })
  n_results!: number;

  @Field(() => Int, { name: 'nCompletedTasks' })
  n_completed_tasks!: number;

  @Field(() => Int, { name: 'nVolunteers', description: 'Distinct contributors: users, external users and anonymous addresses.' })
  n_volunteers!: number;

  @Field(() => Int, { name: 'overallProgress', description: 'Completed tasks in percent of all tasks, rounded down (0 without tasks).' })
  overall_progress!: number;

  @Field(() => DateTimeISOResolver, { name: 'lastActivity', nullable: true, description: 'When the latest task run was finished.' })
  last_activity!: Date | null;
}

const loaders = new WeakMap<GantryContext, DataLoader<number, ProjectStats>>();

function statsLoader(ctx: GantryContext): DataLoader<number, ProjectStats> {
  let loader = loaders.get(ctx);
  if (!loader) {
    loader = new DataLoader<number, ProjectStats>(async (ids) => {
      // Each count uses its table's project_id index; identities count as PYBOSSA's volunteers do.
      const { rows } = await sql<ProjectStats>`
        SELECT p.id AS project_id, t.n_tasks, t.n_completed_tasks, r.n_task_runs, r.n_volunteers, r.last_activity, s.n_results,
          CASE WHEN t.n_tasks = 0 THEN 0 ELSE (t.n_completed_tasks * 100 / t.n_tasks) END AS overall_progress
        FROM unnest(${[...ids]}::int[]) AS p(id)
        CROSS JOIN LATERAL (SELECT count(*)::int AS n_tasks, (count(*) FILTER (WHERE state = 'completed'))::int AS n_completed_tasks
                            FROM tasks WHERE project_id = p.id) t
        CROSS JOIN LATERAL (SELECT count(*)::int AS n_task_runs, max(finish_time) AS last_activity,
                                   count(DISTINCT CASE WHEN user_id IS NOT NULL THEN 'u' || user_id
                                                       WHEN external_uid IS NOT NULL THEN 'x' || external_uid
                                                       ELSE 'i' || coalesce(user_ip, '') END)::int AS n_volunteers
                            FROM task_runs WHERE project_id = p.id) r
        CROSS JOIN LATERAL (SELECT count(*)::int AS n_results FROM results WHERE project_id = p.id AND last_version) s`.execute(ctx.db);
      const byId = new Map(rows.map((row) => [row.project_id, row]));
      return ids.map((id) => byId.get(id)!);
    });
    loaders.set(ctx, loader);
  }
  return loader;
}

@Resolver(() => Project)
export class ProjectStatsResolver {
  @FieldResolver(() => ProjectStats, { description: "The project's statistics (PYBOSSA's ?stats=1)." })
  @Reads('id')
  stats(@Root() project: ProjectRow, @Ctx() ctx: GantryContext): Promise<ProjectStats> {
    return statsLoader(ctx).load(project.id);
  }
}
