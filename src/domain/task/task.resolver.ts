import { Arg, Args, Ctx, FieldResolver, Info, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import type { GraphQLResolveInfo } from 'graphql';
import { Reads } from '../../graphql/selection.ts';
import { sql } from 'kysely';
import type { GantryContext } from '../../graphql/context.ts';
import type { ProjectRow, ResultRow, TaskRow, TaskRunRow } from '../../db/tables.ts';
import { connectionRows, listRows } from '../../db/list-query.ts';
import { ConnectionType } from '../../graphql/connection.ts';
import { Task } from './task.type.ts';
import { CreateTaskInput, NewTaskArgs, NewTasksArgs, TaskConnectionArgs, TaskListArgs, UpdateTaskInput } from './task.input.ts';
import { taskListSpec } from './task.repository.ts';
import { serveTasks } from './scheduler.ts';
import { requireProjectOwner, refuse } from '../../auth/policies.ts';
import { loadInVisibleProject } from '../project/project.visibility.ts';
import { Problems } from '../../graphql/validation.ts';
import { notFound, forbidden } from '../../graphql/errors.ts';
import { contributorIdentity, answeredBy } from '../../auth/identity.ts';
import { Project } from '../project/project.type.ts';
import { TaskRun } from '../task-run/task-run.type.ts';
import { Result } from '../result/result.type.ts';
import { currentResultOf } from '../result/result.resolver.ts';
import { NestedListArgs, nestedOptions } from '../../graphql/nested-args.ts';
import { settleTaskState } from '../task-run/completion.ts';
import { storedJson } from '../../graphql/response-budget.ts';

const TaskConnection = ConnectionType('Task', Task);

function validate(input: { nAnswers?: number | null; quorum?: number | null; calibration?: number | null; priority0?: number | null }) {
  const problems = new Problems();
  problems.intRange('nAnswers', input.nAnswers, 1, 10_000);
  problems.intRange('quorum', input.quorum, 0, 10_000);
  problems.intRange('calibration', input.calibration, 0, 1_000_000);
  if (input.priority0 !== undefined && input.priority0 !== null && !(input.priority0 >= 0 && input.priority0 <= 1)) {
    problems.add('priority0', 'priority0 must be a number from 0 to 1.');
  }
  problems.throwIfAny();
}

async function projectOf(ctx: GantryContext, projectId: number): Promise<ProjectRow> {
  const project = await ctx.loaders.byId<ProjectRow>('projects').load(projectId);
  if (!project) throw notFound('Project', 'project_missing');
  return project;
}

@Resolver(() => Task)
export class TaskResolver {
  @Query(() => Task, { nullable: true })
  task(@Arg('id', () => Int) id: number, @Ctx() ctx: GantryContext): Promise<TaskRow | null> {
    return loadInVisibleProject<TaskRow>(ctx, 'tasks', id);
  }

  @Query(() => [Task])
  tasks(@Args(() => TaskListArgs) args: TaskListArgs, @Ctx() ctx: GantryContext): Promise<TaskRow[]> {
    const conditions = [];
    if (args.participated) {
      const identity = contributorIdentity(ctx.viewer, args.externalUid, ctx.config.jwtSecret);
      conditions.push(sql<boolean>`NOT EXISTS (SELECT 1 FROM task_runs r WHERE r.task_id = tasks.id AND ${answeredBy(identity)})`);
    }
    return listRows<TaskRow>(ctx.db, taskListSpec(ctx.viewer), { ...args, filter: { ...args.filter } }, { conditions });
  }

  @Query(() => TaskConnection)
  tasksConnection(@Args(() => TaskConnectionArgs) args: TaskConnectionArgs, @Ctx() ctx: GantryContext) {
    return connectionRows<TaskRow>(ctx.db, taskListSpec(ctx.viewer), { ...args, filter: { ...args.filter } });
  }

  @Query(() => Task, {
    nullable: true,
    description: 'The next task this caller (user, externalUid or anonymous) has not answered and that still needs answers; null when none is left.',
  })
  async newTask(@Args(() => NewTaskArgs) args: NewTaskArgs, @Ctx() ctx: GantryContext): Promise<TaskRow | null> {
    return (await serveTasks(ctx, { ...args, limit: 1 }))[0] ?? null;
  }

  @Query(() => [Task], { description: 'Like newTask, several at once.' })
  newTasks(@Args(() => NewTasksArgs) args: NewTasksArgs, @Ctx() ctx: GantryContext): Promise<TaskRow[]> {
    return serveTasks(ctx, args);
  }

  @FieldResolver(() => Project)
  @Reads('project_id')
  async project(@Root() task: TaskRow, @Ctx() ctx: GantryContext, @Info() info: GraphQLResolveInfo): Promise<ProjectRow> {
    return (await ctx.loaders.byId<ProjectRow>('projects', 'id', info).load(task.project_id))!;
  }

  @FieldResolver(() => [TaskRun])
  @Reads()
  taskRuns(
    @Root() task: TaskRow,
    @Args(() => NestedListArgs) args: NestedListArgs,
    @Ctx() ctx: GantryContext,
    @Info() info: GraphQLResolveInfo,
  ): Promise<TaskRunRow[]> {
    return ctx.loaders.children<TaskRunRow>('task_runs', 'task_id', nestedOptions(args), info).load(task.id);
  }

  @FieldResolver(() => Result, { nullable: true, description: 'The current result, once the task is completed.' })
  @Reads()
  async result(@Root() task: TaskRow, @Ctx() ctx: GantryContext): Promise<ResultRow | null> {
    return currentResultOf(ctx, task.id);
  }

  @Mutation(() => Task, { description: 'Project owners and administrators.' })
  async createTask(@Arg('input', () => CreateTaskInput) input: CreateTaskInput, @Ctx() ctx: GantryContext): Promise<TaskRow> {
    if (!ctx.viewer.user) refuse(ctx.viewer, 'Sign in to add tasks.');
    const project = await projectOf(ctx, input.projectId);
    requireProjectOwner(ctx.viewer, project);
    validate(input);
    return ctx.db
      .insertInto('tasks')
      .values({
        project_id: project.id,
        info: storedJson(ctx.config, 'info', input.info ?? {}),
        n_answers: input.nAnswers ?? 30,
        quorum: input.quorum ?? 0,
        calibration: input.calibration ?? 0,
        priority_0: input.priority0 ?? 0,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
  }

  @Mutation(() => Task, { description: 'Project owners and administrators. Changing nAnswers settles the state against the task runs received.' })
  async updateTask(@Arg('id', () => Int) id: number, @Arg('input', () => UpdateTaskInput) input: UpdateTaskInput, @Ctx() ctx: GantryContext): Promise<TaskRow> {
    const task = await ctx.loaders.byId<TaskRow>('tasks').load(id);
    if (!task) throw notFound('Task');
    requireProjectOwner(ctx.viewer, await projectOf(ctx, task.project_id));
    validate(input);
    const changes = {
      // info is never null (the column is NOT NULL jsonb, Task.info non-null): an explicit null
      // changes nothing, as for projects, categories and users.
      ...(input.info !== undefined && input.info !== null ? { info: storedJson(ctx.config, 'info', input.info) } : {}),
      ...(typeof input.nAnswers === 'number' ? { n_answers: input.nAnswers } : {}),
      ...(typeof input.quorum === 'number' ? { quorum: input.quorum } : {}),
      ...(typeof input.calibration === 'number' ? { calibration: input.calibration } : {}),
      ...(typeof input.priority0 === 'number' ? { priority_0: input.priority0 } : {}),
    };
    if (Object.keys(changes).length === 0) return task;
    return ctx.db.transaction().execute(async (trx) => {
      const updated = (await trx.updateTable('tasks').set(changes).where('id', '=', id).returningAll().executeTakeFirst())!;
      return typeof input.nAnswers === 'number' ? settleTaskState(trx, updated) : updated;
    });
  }

  @Mutation(() => Boolean, { description: 'Administrators always; owners while the task has no result.' })
  async deleteTask(@Arg('id', () => Int) id: number, @Ctx() ctx: GantryContext): Promise<boolean> {
    const task = await ctx.loaders.byId<TaskRow>('tasks').load(id);
    if (!task) throw notFound('Task');
    requireProjectOwner(ctx.viewer, await projectOf(ctx, task.project_id));
    await ctx.db.transaction().execute(async (trx) => {
      if (!ctx.viewer.user!.admin) {
        const result = await trx.selectFrom('results').select('id').where('task_id', '=', id).limit(1).executeTakeFirst();
        if (result) throw forbidden('This task has a result; only an administrator may delete it.', 'has_result');
      }
      await trx.deleteFrom('tasks').where('id', '=', id).execute();
    });
    return true;
  }
}
