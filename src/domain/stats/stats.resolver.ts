// Counts across the whole platform and per volunteer (PYBOSSA's globalstats and userprogress).
import { Args, ArgsType, Ctx, Field, Int, ObjectType, Query, Resolver } from 'type-graphql';
import { sql } from 'kysely';
import type { GantryContext } from '../../graphql/context.ts';
import type { ProjectRow } from '../../db/tables.ts';
import { contributorIdentity, answeredBy } from '../../auth/identity.ts';
import { badInput, notFound } from '../../graphql/errors.ts';
import { requireReadableProject } from '../project/project.visibility.ts';

@ObjectType()
class CategoryCount {
  @Field(() => String, { name: 'shortName' })
  short_name!: string;

  @Field(() => Int)
  projects!: number;
}

@ObjectType({ description: 'Platform totals.' })
class GlobalStats {
  @Field(() => Int, { name: 'nProjects' })
  n_projects!: number;

  @Field(() => Int, { name: 'nUsers' })
  n_users!: number;

  @Field(() => Int, { name: 'nTasks' })
  n_tasks!: number;

  @Field(() => Int, { name: 'nTaskRuns' })
  n_task_runs!: number;

  @Field(() => Int, { name: 'nPendingTasks', description: 'Tasks minus task runs, as PYBOSSA counts it.' })
  n_pending_tasks!: number;

  @Field(() => Int, { name: 'nResults' })
  n_results!: number;

  @Field(() => [CategoryCount], { description: 'Published projects per category.' })
  categories!: CategoryCount[];

  @Field(() => Int, { description: 'Featured projects.' })
  featured!: number;

  @Field(() => Int, { description: 'Unpublished projects.' })
  draft!: number;
}

@ObjectType({ description: "A volunteer's progress in one project." })
class UserProgress {
  @Field(() => Int, { description: 'Task runs this caller (or externalUid) gave in the project.' })
  done!: number;

  @Field(() => Int, { description: 'Tasks in the project.' })
  total!: number;
}

@ArgsType()
class UserProgressArgs {
  @Field(() => Int, { nullable: true })
  projectId?: number | null;

  @Field(() => String, { nullable: true })
  shortName?: string | null;

  @Field(() => String, { nullable: true })
  externalUid?: string | null;
}

@Resolver()
export class StatsResolver {
  @Query(() => GlobalStats)
  async globalStats(@Ctx() ctx: GantryContext): Promise<GlobalStats> {
    const { rows } = await sql<Omit<GlobalStats, 'categories'> & { categories: CategoryCount[] }>`SELECT
      (SELECT count(*)::int FROM projects) AS n_projects,
      (SELECT count(*)::int FROM users) AS n_users,
      (SELECT count(*)::int FROM tasks) AS n_tasks,
      (SELECT count(*)::int FROM task_runs) AS n_task_runs,
      (SELECT count(*)::int FROM results) AS n_results,
      (SELECT count(*)::int FROM projects WHERE featured) AS featured,
      (SELECT count(*)::int FROM projects WHERE NOT published) AS draft,
      (SELECT coalesce(json_agg(json_build_object('short_name', c.short_name, 'projects',
          (SELECT count(*) FROM projects p WHERE p.category_id = c.id AND p.published)) ORDER BY c.id), '[]'::json)
       FROM categories c) AS categories`.execute(ctx.db);
    const row = rows[0]!;
    return { ...row, n_pending_tasks: row.n_tasks - row.n_task_runs };
  }

  @Query(() => UserProgress, { description: 'The caller is the signed-in user, else externalUid, else the anonymous address.' })
  async userProgress(@Args(() => UserProgressArgs) args: UserProgressArgs, @Ctx() ctx: GantryContext): Promise<UserProgress> {
    if (!args.projectId && !args.shortName) throw badInput('Give projectId or shortName.', [{ field: 'projectId', message: 'required' }]);
    const project = args.projectId
      ? await ctx.loaders.byId<ProjectRow>('projects').load(args.projectId)
      : await ctx.db.selectFrom('projects').selectAll().where('short_name', '=', args.shortName!).executeTakeFirst();
    if (!project) throw notFound('Project', 'project_missing');
    requireReadableProject(ctx.viewer, project);
    const identity = contributorIdentity(ctx.viewer, ctx.viewer.user ? null : args.externalUid, ctx.config.jwtSecret);
    const { rows } = await sql<UserProgress>`SELECT
      (SELECT count(*)::int FROM task_runs r WHERE r.project_id = ${project.id} AND ${answeredBy(identity)}) AS done,
      (SELECT count(*)::int FROM tasks WHERE project_id = ${project.id}) AS total`.execute(ctx.db);
    return rows[0]!;
  }
}

