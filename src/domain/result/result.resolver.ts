import { Arg, Args, Ctx, FieldResolver, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import { GraphQLJSON } from 'graphql-scalars';
import type { GantryContext } from '../../graphql/context.ts';
import type { ProjectRow, ResultRow, TaskRow, TaskRunRow } from '../../db/tables.ts';
import type { ListInput, ListSpec } from '../../db/list-query.ts';
import { connectionRows, listRows } from '../../db/list-query.ts';
import { ConnectionType } from '../../graphql/connection.ts';
import { Result } from './result.type.ts';
import { ResultConnectionArgs, ResultListArgs, type ResultFilter } from './result.input.ts';
import { inOwnedProject } from '../project/project.repository.ts';
import { inVisibleProject, loadInVisibleProject } from '../project/project.visibility.ts';
import { requireProjectOwner } from '../../auth/policies.ts';
import { notFound } from '../../graphql/errors.ts';
import { Project } from '../project/project.type.ts';
import { Task } from '../task/task.type.ts';
import { TaskRun } from '../task-run/task-run.type.ts';
import { storedJson } from '../../graphql/response-budget.ts';

const ResultConnection = ConnectionType('Result', Result);

/** A task's current result (its last version), batched per request. */
export async function currentResultOf(ctx: GantryContext, taskId: number): Promise<ResultRow | null> {
  const results = await ctx.loaders.children<ResultRow>('results', 'task_id', { limit: 1, desc: true, where: { last_version: true } }).load(taskId);
  return results[0] ?? null;
}

function resultListSpec(ctx: GantryContext): ListSpec {
  return {
    table: 'results',
    filters: { id: 'id', projectId: 'project_id', taskId: 'task_id', lastVersion: 'last_version' },
    order: { id: 'id', created: 'created', projectId: 'project_id', taskId: 'task_id' },
    projectColumn: 'project_id',
    hasInfo: true,
    visible: () => inVisibleProject(ctx.viewer, 'results'),
    mine: () => inOwnedProject(ctx.viewer, 'results'),
  };
}

/** Only last versions unless the caller asks for a version or for all of them. */
function withVersionDefault(args: Omit<ListInput, 'filter'> & { allVersions?: boolean | null; filter?: ResultFilter | null }): ListInput {
  const filter: Record<string, unknown> = { ...args.filter };
  if (filter.lastVersion === undefined && !args.allVersions) filter.lastVersion = true;
  return { ...args, filter };
}

@Resolver(() => Result)
export class ResultResolver {
  @Query(() => Result, { nullable: true })
  result(@Arg('id', () => Int) id: number, @Ctx() ctx: GantryContext): Promise<ResultRow | null> {
    return loadInVisibleProject<ResultRow>(ctx, 'results', id);
  }

  @Query(() => [Result], { description: 'Results are made by the server when tasks complete.' })
  results(@Args(() => ResultListArgs) args: ResultListArgs, @Ctx() ctx: GantryContext): Promise<ResultRow[]> {
    return listRows<ResultRow>(ctx.db, resultListSpec(ctx), withVersionDefault(args));
  }

  @Query(() => ResultConnection)
  resultsConnection(@Args(() => ResultConnectionArgs) args: ResultConnectionArgs, @Ctx() ctx: GantryContext) {
    return connectionRows<ResultRow>(ctx.db, resultListSpec(ctx), withVersionDefault(args));
  }

  @FieldResolver(() => Project)
  async project(@Root() result: ResultRow, @Ctx() ctx: GantryContext): Promise<ProjectRow> {
    return (await ctx.loaders.byId<ProjectRow>('projects').load(result.project_id))!;
  }

  @FieldResolver(() => Task)
  async task(@Root() result: ResultRow, @Ctx() ctx: GantryContext): Promise<TaskRow> {
    return (await ctx.loaders.byId<TaskRow>('tasks').load(result.task_id))!;
  }

  @FieldResolver(() => [TaskRun])
  taskRuns(@Root() result: ResultRow, @Ctx() ctx: GantryContext): Promise<TaskRunRow[]> {
    return ctx.loaders.manyByIds<TaskRunRow>('task_runs').load(result.task_run_ids);
  }

  @Mutation(() => Result, { description: "Project owners and administrators record what a result means (its info); nothing else changes." })
  async updateResult(
    @Arg('id', () => Int) id: number,
    @Arg('info', () => GraphQLJSON, { nullable: true }) info: unknown,
    @Ctx() ctx: GantryContext,
  ): Promise<ResultRow> {
    const result = await ctx.loaders.byId<ResultRow>('results').load(id);
    if (!result) throw notFound('Result');
    const project = (await ctx.loaders.byId<ProjectRow>('projects').load(result.project_id))!;
    requireProjectOwner(ctx.viewer, project);
    return (await ctx.db
      .updateTable('results')
      .set({ info: info === undefined || info === null ? null : storedJson(ctx.config, 'info', info) })
      .where('id', '=', id)
      .returningAll()
      .executeTakeFirst())!;
  }
}
