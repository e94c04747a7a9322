import { Arg, Args, Ctx, FieldResolver, Info, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import type { GraphQLResolveInfo } from 'graphql';
import { Reads } from '../../graphql/selection.ts';
import { GraphQLJSON } from 'graphql-scalars';
import { sql } from 'kysely';
import type { GantryContext } from '../../graphql/context.ts';
import type { CategoryRow, ProjectRow, ResultRow, TaskRow, UserRow } from '../../db/tables.ts';
import { connectionRows, listRows } from '../../db/list-query.ts';
import { ConnectionType } from '../../graphql/connection.ts';
import { Project, ProjectProgress } from './project.type.ts';
import { CreateProjectInput, ProjectConnectionArgs, ProjectListArgs, UpdateProjectInput } from './project.input.ts';
import { PUBLIC_INFO_KEYS, RESERVED_SHORT_NAMES, projectListSpec } from './project.repository.ts';
import { canReadProject, ownsProject, refuse, requireProjectOwner, requireUser } from '../../auth/policies.ts';
import { Problems, refuseEmptyRequired } from '../../graphql/validation.ts';
import { canSeeUser } from '../user/user.visibility.ts';
import { badInput, forbidden, notFound } from '../../graphql/errors.ts';
import { rethrowUniqueAsConflict } from '../../db/errors.ts';
import { User } from '../user/user.type.ts';
import { Category } from '../category/category.type.ts';
import { Task } from '../task/task.type.ts';
import { Result } from '../result/result.type.ts';
import { NestedListArgs, nestedOptions } from '../../graphql/nested-args.ts';
import { signProjectToken } from '../../auth/tokens.ts';
import { safeEqual } from '../../auth/safe-equal.ts';
import { guardCredentialAttempt } from '../../auth/attempts.ts';
import { storedJson } from '../../graphql/response-budget.ts';
import { newProjectSecret, removesAnOwner } from './project-secret.ts';

const ProjectConnection = ConnectionType('Project', Project);
const SHORT_NAME = /^[A-Za-z0-9_-]+$/;

function validate(
  input: { name?: string | null; shortName?: string | null; description?: string | null; webhook?: string | null },
  creating: boolean,
): void {
  const problems = new Problems();
  problems.text('name', input.name, { required: creating, max: 255 });
  problems.text('shortName', input.shortName, { required: creating, max: 255 });
  problems.text('description', input.description, { required: creating, max: 255 });
  if (input.shortName && !SHORT_NAME.test(input.shortName)) problems.add('shortName', 'shortName may hold only letters, digits, dashes and underscores.');
  if (input.webhook && !/^https?:\/\/\S+$/.test(input.webhook)) problems.add('webhook', 'webhook must be an http(s) URL.');
  problems.throwIfAny();
  if (input.shortName && RESERVED_SHORT_NAMES.has(input.shortName.toLowerCase())) {
    throw badInput("Project short_name is not valid, as it's used by the system.", [{ field: 'shortName', message: 'reserved by the system' }], 'reserved_short_name');
  }
}

function rethrow(error: unknown): never {
  return rethrowUniqueAsConflict(error, 'project', [['short_name', 'shortName'], ['name', 'name']]);
}

async function categoryExists(ctx: GantryContext, id: number): Promise<void> {
  if (!(await ctx.loaders.byId<CategoryRow>('categories').load(id))) {
    throw badInput('category_id does not exist', [{ field: 'categoryId', message: 'no category has this id' }], 'category_missing');
  }
}

const ownerOnly = (ctx: GantryContext, project: ProjectRow) => ownsProject(ctx.viewer, project);

@Resolver(() => Project)
export class ProjectResolver {
  @Query(() => Project, { nullable: true, description: 'Unpublished projects are visible to their owners and administrators.' })
  async project(@Arg('id', () => Int) id: number, @Ctx() ctx: GantryContext): Promise<ProjectRow | null> {
    const project = await ctx.loaders.byId<ProjectRow>('projects').load(id);
    if (!project) return null;
    if (!canReadProject(ctx.viewer, project)) refuse(ctx.viewer, 'This project is not published.', 'unpublished');
    return project;
  }

  @Query(() => [Project])
  projects(@Args(() => ProjectListArgs) args: ProjectListArgs, @Ctx() ctx: GantryContext): Promise<ProjectRow[]> {
    return listRows<ProjectRow>(ctx.db, projectListSpec(ctx.viewer), { ...args, filter: { ...args.filter } });
  }

  @Query(() => ProjectConnection)
  projectsConnection(@Args(() => ProjectConnectionArgs) args: ProjectConnectionArgs, @Ctx() ctx: GantryContext) {
    const search = args.search?.trim();
    const conditions = search
      ? [sql<boolean>`to_tsvector('english', projects.name || ' ' || projects.description || ' ' || projects.long_description) @@ plainto_tsquery('english', ${search})`]
      : [];
    return connectionRows<ProjectRow>(ctx.db, projectListSpec(ctx.viewer), { ...args, filter: { ...args.filter } }, { conditions });
  }

  @Query(() => String, {
    description: "A partner app's token for external users (PYBOSSA): give the project's short name and secret key; send the token as `Authorization: Bearer <token>`.",
  })
  async externalUserToken(
    @Arg('shortName', () => String) shortName: string,
    @Arg('secretKey', () => String) secretKey: string,
    @Ctx() ctx: GantryContext,
  ): Promise<string> {
    // A project's secret is guessed like a password (src/auth/attempts.ts): the target is the project.
    return guardCredentialAttempt(ctx, `project:${shortName}`, async () => {
      const project = await ctx.db.selectFrom('projects').selectAll().where('short_name', '=', shortName).executeTakeFirst();
      if (!project || !safeEqual(project.secret_key, secretKey)) throw notFound('Project', 'project_token_mismatch');
      return signProjectToken(project.secret_key, { short_name: project.short_name, project_id: project.id });
    });
  }

  @FieldResolver(() => GraphQLJSON, { description: 'Owners see all of it; others see the public keys (task_presenter, thumbnail, sched, ...).' })
  @Reads('owner_id', 'owners_ids', 'info')
  info(@Root() project: ProjectRow, @Ctx() ctx: GantryContext): unknown {
    if (ownerOnly(ctx, project)) return project.info;
    const info = (project.info ?? {}) as Record<string, unknown>;
    return Object.fromEntries(Object.entries(info).filter(([key]) => PUBLIC_INFO_KEYS.includes(key)));
  }

  @FieldResolver(() => String, { nullable: true, description: 'Owners and administrators only.' })
  @Reads('owner_id', 'owners_ids', 'secret_key')
  secretKey(@Root() project: ProjectRow, @Ctx() ctx: GantryContext): string | null {
    return ownerOnly(ctx, project) ? project.secret_key : null;
  }

  @FieldResolver(() => String, { nullable: true, description: 'Owners and administrators only.' })
  @Reads('owner_id', 'owners_ids', 'webhook')
  webhook(@Root() project: ProjectRow, @Ctx() ctx: GantryContext): string | null {
    return ownerOnly(ctx, project) ? project.webhook : null;
  }

  @FieldResolver(() => Boolean, { nullable: true, description: 'Owners and administrators only.' })
  @Reads('owner_id', 'owners_ids', 'published')
  published(@Root() project: ProjectRow, @Ctx() ctx: GantryContext): boolean | null {
    return ownerOnly(ctx, project) ? project.published : null;
  }

  @FieldResolver(() => Boolean, { nullable: true, description: 'Owners and administrators only.' })
  @Reads('owner_id', 'owners_ids', 'allow_anonymous_contributors')
  allowAnonymousContributors(@Root() project: ProjectRow, @Ctx() ctx: GantryContext): boolean | null {
    return ownerOnly(ctx, project) ? project.allow_anonymous_contributors : null;
  }

  @FieldResolver(() => Boolean, { nullable: true, description: 'Owners and administrators only.' })
  @Reads('owner_id', 'owners_ids', 'zip_download')
  zipDownload(@Root() project: ProjectRow, @Ctx() ctx: GantryContext): boolean | null {
    return ownerOnly(ctx, project) ? project.zip_download : null;
  }

  @FieldResolver(() => Boolean, { nullable: true, description: 'Owners and administrators only.' })
  @Reads('owner_id', 'owners_ids', 'contacted')
  contacted(@Root() project: ProjectRow, @Ctx() ctx: GantryContext): boolean | null {
    return ownerOnly(ctx, project) ? project.contacted : null;
  }

  @FieldResolver(() => User, { nullable: true, description: 'Null when the owner restricted their profile (visible to themself only).' })
  @Reads('owner_id')
  async owner(@Root() project: ProjectRow, @Ctx() ctx: GantryContext, @Info() info: GraphQLResolveInfo): Promise<UserRow | null> {
    const owner = await ctx.loaders.byId<UserRow>('users', 'id', info).load(project.owner_id);
    return owner && canSeeUser(ctx.viewer, owner) ? owner : null;
  }

  @FieldResolver(() => Category, { nullable: true })
  @Reads('category_id')
  category(@Root() project: ProjectRow, @Ctx() ctx: GantryContext): Promise<CategoryRow | null> | null {
    return project.category_id === null ? null : ctx.loaders.byId<CategoryRow>('categories').load(project.category_id);
  }

  @FieldResolver(() => [Task], { description: 'The project tasks, by id.' })
  @Reads()
  tasks(
    @Root() project: ProjectRow,
    @Args(() => NestedListArgs) args: NestedListArgs,
    @Ctx() ctx: GantryContext,
    @Info() info: GraphQLResolveInfo,
  ): Promise<TaskRow[]> {
    return ctx.loaders.children<TaskRow>('tasks', 'project_id', nestedOptions(args), info).load(project.id);
  }

  @FieldResolver(() => [Result], { description: 'Current results (last versions), by id.' })
  @Reads()
  results(@Root() project: ProjectRow, @Args(() => NestedListArgs) args: NestedListArgs, @Ctx() ctx: GantryContext): Promise<ResultRow[]> {
    return ctx.loaders.children<ResultRow>('results', 'project_id', { ...nestedOptions(args), where: { last_version: true } }).load(project.id);
  }

  @FieldResolver(() => ProjectProgress)
  @Reads()
  progress(@Root() project: ProjectRow, @Ctx() ctx: GantryContext) {
    return ctx.loaders
      .aggregate<{ total: number; completed: number; task_runs: number }>({
        table: 'tasks',
        groupBy: 'project_id',
        columns: { total: 'count(*)', completed: "count(*) FILTER (WHERE state = 'completed')", task_runs: 'coalesce(sum(n_task_runs), 0)' },
      })
      .load(project.id);
  }

  @Mutation(() => Project, { description: 'Any signed-in user; the caller becomes the owner. Projects start unpublished.' })
  async createProject(@Arg('input', () => CreateProjectInput) input: CreateProjectInput, @Ctx() ctx: GantryContext): Promise<ProjectRow> {
    const user = requireUser(ctx.viewer, 'Sign in to create a project.');
    refuseEmptyRequired(input, ['name', 'shortName', 'description']);
    validate(input, true);
    let categoryId = input.categoryId ?? null;
    if (categoryId === null) {
      const first = await ctx.db.selectFrom('categories').select('id').orderBy('id').limit(1).executeTakeFirst();
      categoryId = first?.id ?? null;
    } else {
      await categoryExists(ctx, categoryId);
    }
    try {
      return await ctx.db
        .insertInto('projects')
        .values({
          name: input.name.trim(),
          short_name: input.shortName,
          description: input.description,
          long_description: input.longDescription ?? '',
          category_id: categoryId,
          allow_anonymous_contributors: input.allowAnonymousContributors ?? true,
          webhook: input.webhook ?? null,
          zip_download: input.zipDownload ?? true,
          owner_id: user.id,
          owners_ids: [user.id],
          info: storedJson(ctx.config, 'info', input.info ?? {}),
        })
        .returningAll()
        .executeTakeFirstOrThrow();
    } catch (error) {
      rethrow(error);
    }
  }

  @Mutation(() => Project, { description: 'Owners and administrators.' })
  async updateProject(
    @Arg('id', () => Int) id: number,
    @Arg('input', () => UpdateProjectInput) input: UpdateProjectInput,
    @Ctx() ctx: GantryContext,
  ): Promise<ProjectRow> {
    const project = await ctx.loaders.byId<ProjectRow>('projects').load(id);
    if (!project) throw notFound('Project');
    requireProjectOwner(ctx.viewer, project);
    refuseEmptyRequired(input, ['name', 'shortName', 'description']);
    validate(input, false);
    if (typeof input.featured === 'boolean' && input.featured !== project.featured && !ctx.viewer.user?.admin) {
      throw forbidden('Only administrators may feature a project.', 'admin_only');
    }
    if (input.categoryId !== undefined && input.categoryId !== null) await categoryExists(ctx, input.categoryId);
    const changes = {
      ...(input.name ? { name: input.name.trim() } : {}),
      ...(input.shortName ? { short_name: input.shortName } : {}),
      ...(input.description ? { description: input.description } : {}),
      ...(input.longDescription !== undefined && input.longDescription !== null ? { long_description: input.longDescription } : {}),
      ...(input.categoryId ? { category_id: input.categoryId } : {}),
      ...(typeof input.allowAnonymousContributors === 'boolean' ? { allow_anonymous_contributors: input.allowAnonymousContributors } : {}),
      ...(input.webhook !== undefined ? { webhook: input.webhook } : {}),
      ...(typeof input.zipDownload === 'boolean' ? { zip_download: input.zipDownload } : {}),
      ...(typeof input.featured === 'boolean' ? { featured: input.featured } : {}),
      ...(input.ownersIds ? { owners_ids: [...new Set([project.owner_id, ...input.ownersIds])] } : {}),
      ...(input.info ? { info: storedJson(ctx.config, 'info', input.info) } : {}),
    };
    // A removed owner read the secret key: a new one, so what they held mints nothing (project-secret.ts).
    if (changes.owners_ids && removesAnOwner(project.owners_ids, changes.owners_ids)) Object.assign(changes, { secret_key: newProjectSecret() });
    try {
      return (await ctx.db
        .updateTable('projects')
        .set({ ...changes, updated: new Date() })
        .where('id', '=', id)
        .returningAll()
        .executeTakeFirst())!;
    } catch (error) {
      rethrow(error);
    }
  }

  @Mutation(() => Project, { description: 'Owners and administrators: make the project visible to everyone (it needs at least one task).' })
  async publishProject(@Arg('id', () => Int) id: number, @Ctx() ctx: GantryContext): Promise<ProjectRow> {
    const project = await ctx.loaders.byId<ProjectRow>('projects').load(id);
    if (!project) throw notFound('Project');
    requireProjectOwner(ctx.viewer, project);
    const task = await ctx.db.selectFrom('tasks').select('id').where('project_id', '=', id).limit(1).executeTakeFirst();
    if (!task) throw badInput('Add at least one task before publishing the project.', [{ field: 'id', message: 'project has no tasks' }], 'no_tasks');
    return (await ctx.db.updateTable('projects').set({ published: true, updated: new Date() }).where('id', '=', id).returningAll().executeTakeFirst())!;
  }

  @Mutation(() => Boolean, {
    description: 'Deletes the project with its tasks, task runs and results in one transaction. Owners may delete projects without results; administrators any project.',
  })
  async deleteProject(@Arg('id', () => Int) id: number, @Ctx() ctx: GantryContext): Promise<boolean> {
    const project = await ctx.loaders.byId<ProjectRow>('projects').load(id);
    if (!project) throw notFound('Project');
    requireProjectOwner(ctx.viewer, project);
    await ctx.db.transaction().execute(async (trx) => {
      if (!ctx.viewer.user!.admin) {
        const result = await trx.selectFrom('results').select('id').where('project_id', '=', id).limit(1).executeTakeFirst();
        if (result) throw forbidden('This project has results; only an administrator may delete it.', 'has_results');
      }
      // Foreign keys cascade: tasks, task runs, results and stamps go with the project.
      await trx.deleteFrom('projects').where('id', '=', id).execute();
    });
    return true;
  }
}
