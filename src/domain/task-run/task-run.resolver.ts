import { Arg, Args, Ctx, FieldResolver, Info, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import type { GraphQLResolveInfo } from 'graphql';
import { Reads } from '../../graphql/selection.ts';
import { sql } from 'kysely';
import type { GantryContext } from '../../graphql/context.ts';
import type { ProjectRow, ResultRow, TaskRow, TaskRunRow, UserRow } from '../../db/tables.ts';
import type { ListSpec } from '../../db/list-query.ts';
import { connectionRows, listRows } from '../../db/list-query.ts';
import { ConnectionType } from '../../graphql/connection.ts';
import { TaskRun } from './task-run.type.ts';
import { SubmitTaskRunInput, TaskRunConnectionArgs, TaskRunListArgs, UpdateTaskRunInput } from './task-run.input.ts';
import { countTaskRun } from './completion.ts';
import { inOwnedProject } from '../project/project.repository.ts';
import { inVisibleProject, loadInVisibleProject, ownedProjectGuard, ownedProjectIds, requireReadableProject } from '../project/project.visibility.ts';
import { contributorIdentity } from '../../auth/identity.ts';
import { requireProjectToken } from '../../auth/project-token.ts';
import { refuse } from '../../auth/policies.ts';
import { GantryError, forbidden, notFound, unauthenticated } from '../../graphql/errors.ts';
import { isUniqueViolation } from '../../db/errors.ts';
import { Problems } from '../../graphql/validation.ts';
import { canSeeUser } from '../user/user.visibility.ts';
import { Project } from '../project/project.type.ts';
import { Task } from '../task/task.type.ts';
import { User } from '../user/user.type.ts';
import { Result } from '../result/result.type.ts';
import { currentResultOf } from '../result/result.resolver.ts';
import { storedJson } from '../../graphql/response-budget.ts';

const TaskRunConnection = ConnectionType('TaskRun', TaskRun);

/** Task runs this request submitted: the submitter's own answer shows its address (PYBOSSA's POST reply does). */
const submittedHere = new WeakSet<TaskRunRow>();

export function taskRunListSpec(ctx: GantryContext): ListSpec {
  return {
    table: 'task_runs',
    filters: {
      id: 'id',
      projectId: 'project_id',
      taskId: 'task_id',
      userId: 'user_id',
      userIp: 'user_ip',
      externalUid: 'external_uid',
      timeout: 'timeout',
      calibration: 'calibration',
      mediaUrl: 'media_url',
    },
    order: { id: 'id', created: 'created', finishTime: 'finish_time', projectId: 'project_id', taskId: 'task_id', userId: 'user_id' },
    projectColumn: 'project_id',
    hasInfo: true,
    visible: () => inVisibleProject(ctx.viewer, 'task_runs'),
    mine: () => inOwnedProject(ctx.viewer, 'task_runs'),
    readable: { userIp: () => ownedProjectGuard(ctx.viewer, 'task_runs') },
  };
}

function validate(input: { mediaUrl?: string | null; timeout?: number | null; calibration?: number | null }) {
  const problems = new Problems();
  problems.text('mediaUrl', input.mediaUrl, { min: 0, max: 2048 });
  problems.intRange('timeout', input.timeout, 0, 86_400 * 365);
  problems.intRange('calibration', input.calibration, 0, 1_000_000);
  problems.throwIfAny();
}

/** Changing or deleting a task run: never anonymously, never once it is part of a result; its own user or an administrator. */
async function requireTaskRunEditor(ctx: GantryContext, run: TaskRunRow): Promise<void> {
  if (!ctx.viewer.user) throw unauthenticated('Sign in to change a task run.');
  const inResult = await ctx.db
    .selectFrom('results')
    .select('id')
    .where('task_id', '=', run.task_id)
    .where(sql<boolean>`${run.id} = ANY(task_run_ids)`)
    .limit(1)
    .executeTakeFirst();
  if (inResult) throw forbidden('This task run is part of a result and can no longer change.', 'in_result');
  const viewer = ctx.viewer.user;
  if (!viewer.admin && (run.user_id === null || run.user_id !== viewer.id)) refuse(ctx.viewer, 'Only its author or an administrator may change a task run.', 'not_author');
}

@Resolver(() => TaskRun)
export class TaskRunResolver {
  @Query(() => TaskRun, { nullable: true })
  taskRun(@Arg('id', () => Int) id: number, @Ctx() ctx: GantryContext): Promise<TaskRunRow | null> {
    return loadInVisibleProject<TaskRunRow>(ctx, 'task_runs', id);
  }

  @Query(() => [TaskRun])
  taskRuns(@Args(() => TaskRunListArgs) args: TaskRunListArgs, @Ctx() ctx: GantryContext): Promise<TaskRunRow[]> {
    return listRows<TaskRunRow>(ctx.db, taskRunListSpec(ctx), { ...args, filter: { ...args.filter } });
  }

  @Query(() => TaskRunConnection)
  taskRunsConnection(@Args(() => TaskRunConnectionArgs) args: TaskRunConnectionArgs, @Ctx() ctx: GantryContext) {
    return connectionRows<TaskRunRow>(ctx.db, taskRunListSpec(ctx), { ...args, filter: { ...args.filter } });
  }

  @FieldResolver(() => Project)
  @Reads('project_id')
  async project(@Root() run: TaskRunRow, @Ctx() ctx: GantryContext, @Info() info: GraphQLResolveInfo): Promise<ProjectRow> {
    return (await ctx.loaders.byId<ProjectRow>('projects', 'id', info).load(run.project_id))!;
  }

  @FieldResolver(() => Task)
  @Reads('task_id')
  async task(@Root() run: TaskRunRow, @Ctx() ctx: GantryContext, @Info() info: GraphQLResolveInfo): Promise<TaskRow> {
    return (await ctx.loaders.byId<TaskRow>('tasks', 'id', info).load(run.task_id))!;
  }

  @FieldResolver(() => User, { nullable: true, description: 'Null for anonymous and external volunteers, and for a user who restricted their profile.' })
  @Reads('user_id')
  async user(@Root() run: TaskRunRow, @Ctx() ctx: GantryContext, @Info() info: GraphQLResolveInfo): Promise<UserRow | null> {
    if (run.user_id === null) return null;
    const user = await ctx.loaders.byId<UserRow>('users', 'id', info).load(run.user_id);
    return user && canSeeUser(ctx.viewer, user) ? user : null;
  }

  @FieldResolver(() => String, {
    nullable: true,
    description: "Anonymised address of an anonymous volunteer: shown to the project's owners and administrators (and in the submitter's own reply), null for everyone else.",
  })
  @Reads('user_ip', 'project_id')
  async userIp(@Root() run: TaskRunRow, @Ctx() ctx: GantryContext): Promise<string | null> {
    if (run.user_ip === null || ctx.viewer.user?.admin || submittedHere.has(run)) return run.user_ip;
    if (!ctx.viewer.user) return null;
    return (await ownedProjectIds(ctx)).has(run.project_id) ? run.user_ip : null;
  }

  @FieldResolver(() => Result, { nullable: true, description: "The task's current result." })
  @Reads('task_id')
  async result(@Root() run: TaskRunRow, @Ctx() ctx: GantryContext): Promise<ResultRow | null> {
    return currentResultOf(ctx, run.task_id);
  }

  @Mutation(() => TaskRun, {
    description:
      'Answer a task served by newTask. Each identity (user, externalUid, anonymous address) answers a task once; the server fills in who and when.',
  })
  async submitTaskRun(@Arg('input', () => SubmitTaskRunInput) input: SubmitTaskRunInput, @Ctx() ctx: GantryContext): Promise<TaskRunRow> {
    validate(input);
    const task = await ctx.loaders.byId<TaskRow>('tasks').load(input.taskId);
    if (!task) throw forbidden('Invalid task_id', 'invalid_task');
    if (task.project_id !== input.projectId) throw forbidden('Invalid project_id', 'invalid_project');
    const project = (await ctx.loaders.byId<ProjectRow>('projects').load(task.project_id))!;
    // PYBOSSA stores answers to drafts; Gantry takes them from the draft's owners only (nobody else is served its tasks).
    requireReadableProject(ctx.viewer, project);
    if (input.externalUid) {
      try {
        requireProjectToken(ctx.viewer, project);
      } catch (error) {
        // For a submission PYBOSSA answers token problems as 403 with the token check's text.
        const e = error as GantryError;
        throw new GantryError('FORBIDDEN', e.message, { reason: 'project_token', details: { jwtCode: e.extensions.jwtCode, description: e.message } });
      }
    }
    const identity = contributorIdentity(ctx.viewer, input.externalUid, ctx.config.jwtSecret);
    return ctx.db.transaction().execute(async (trx) => {
      // The stamp proves the task was served to this identity; it is spent by this submission.
      const stamp = await sql<{ created: Date }>`
        DELETE FROM task_stamps WHERE identity = ${identity.key} AND task_id = ${task.id} AND expires_at > now() RETURNING created`.execute(trx);
      if (!stamp.rows.length) throw forbidden('You must request a task first!', 'no_stamp');
      if (!ctx.viewer.user && !project.allow_anonymous_contributors) {
        throw unauthenticated('This project does not allow anonymous contributors', 'anonymous_not_allowed');
      }
      let run: TaskRunRow;
      try {
        run = await trx
          .insertInto('task_runs')
          .values({
            project_id: task.project_id,
            task_id: task.id,
            user_id: identity.userId,
            user_ip: identity.userIp,
            external_uid: identity.externalUid,
            created: stamp.rows[0]!.created,
            finish_time: new Date(),
            info: input.info === undefined ? null : storedJson(ctx.config, 'info', input.info),
            media_url: input.mediaUrl ?? null,
            timeout: input.timeout ?? null,
            calibration: input.calibration ?? null,
          })
          .returningAll()
          .executeTakeFirstOrThrow();
      } catch (error) {
        if (isUniqueViolation(error)) throw forbidden('You have already answered this task.', 'duplicate');
        throw error;
      }
      await countTaskRun(trx, task.id, 1);
      submittedHere.add(run);
      return run;
    });
  }

  @Mutation(() => TaskRun, { description: 'Its author or an administrator, while the task run is not part of a result.' })
  async updateTaskRun(@Arg('id', () => Int) id: number, @Arg('input', () => UpdateTaskRunInput) input: UpdateTaskRunInput, @Ctx() ctx: GantryContext): Promise<TaskRunRow> {
    const run = await ctx.loaders.byId<TaskRunRow>('task_runs').load(id);
    if (!run) throw notFound('Task run');
    await requireTaskRunEditor(ctx, run);
    validate(input);
    const changes = {
      ...(input.info !== undefined ? { info: storedJson(ctx.config, 'info', input.info) } : {}),
      ...(input.mediaUrl !== undefined ? { media_url: input.mediaUrl } : {}),
      ...(input.timeout !== undefined ? { timeout: input.timeout } : {}),
      ...(input.calibration !== undefined ? { calibration: input.calibration } : {}),
    };
    if (!Object.keys(changes).length) return run;
    return (await ctx.db.updateTable('task_runs').set(changes).where('id', '=', id).returningAll().executeTakeFirst())!;
  }

  @Mutation(() => Boolean, { description: 'Its author or an administrator, while the task run is not part of a result.' })
  async deleteTaskRun(@Arg('id', () => Int) id: number, @Ctx() ctx: GantryContext): Promise<boolean> {
    const run = await ctx.loaders.byId<TaskRunRow>('task_runs').load(id);
    if (!run) throw notFound('Task run');
    await requireTaskRunEditor(ctx, run);
    await ctx.db.transaction().execute(async (trx) => {
      await trx.deleteFrom('task_runs').where('id', '=', id).execute();
      await countTaskRun(trx, run.task_id, -1);
    });
    return true;
  }
}
