// Who may see a project and what hangs off it, written once: the row check (canReadProject in
// src/auth/policies.ts) and the same rule as SQL, used by every path that reaches a project's tasks,
// task runs and results (item, list, connection, search, scheduler, progress) and by the guards that
// keep owner-only values out of filters, searches and orderings.
//
// Rule: a published project and everything in it is public. An unpublished project (a draft), its
// tasks, task runs and results are visible to its owners, co-owners and administrators only; others
// are refused by id (401 anonymous, 403 signed in, like the project itself) and never see them in lists.
import DataLoader from 'dataloader';
import { sql, type RawBuilder } from 'kysely';
import type { Viewer } from '../../auth/viewer.ts';
import type { GantryContext } from '../../graphql/context.ts';
import { canReadProject, refuse } from '../../auth/policies.ts';
import type { ProjectRow } from '../../db/tables.ts';
import { ownedBy } from './project.repository.ts';

/** SQL on projects (as `alias`): the viewer may read this project. Null: every project (administrators). */
export function projectVisibleSql(viewer: Viewer, alias = 'projects'): RawBuilder<boolean> | null {
  if (viewer.user?.admin) return null;
  const published = sql<boolean>`${sql.ref(`${alias}.published`)}`;
  return viewer.user ? sql<boolean>`(${published} OR ${ownedBy(viewer, alias)})` : published;
}

/** SQL on a child table: its project_id names a project the viewer may read. Null: every row. */
export function inVisibleProject(viewer: Viewer, table: string): RawBuilder<boolean> | null {
  const visible = projectVisibleSql(viewer, 'vp');
  if (!visible) return null;
  return sql<boolean>`${sql.ref(`${table}.project_id`)} IN (SELECT vp.id FROM projects vp WHERE ${visible})`;
}

/**
 * SQL on a child table: the viewer may read the row's owner-only values (task runs' addresses): it
 * owns the row's project. Null: every row (administrators); FALSE for anonymous callers.
 */
export function ownedProjectGuard(viewer: Viewer, table: string): RawBuilder<boolean> | null {
  if (viewer.user?.admin) return null;
  if (!viewer.user) return sql<boolean>`FALSE`;
  return sql<boolean>`${sql.ref(`${table}.project_id`)} IN (SELECT op.id FROM projects op WHERE ${ownedBy(viewer, 'op')})`;
}

const UNPUBLISHED = 'This belongs to an unpublished project: only its owners and administrators may see it.';

/** The row check, for paths that hold the project already (scheduler, submissions, progress). */
export function requireReadableProject(viewer: Viewer, project: ProjectRow): void {
  if (!canReadProject(viewer, project)) refuse(viewer, UNPUBLISHED, 'unpublished');
}

type ChildTable = 'tasks' | 'task_runs' | 'results';
const visibleLoaders = new WeakMap<GantryContext, Map<ChildTable, DataLoader<number, Record<string, unknown> | null>>>();

/**
 * A task, task run or result by id, for item queries: null when missing, refused when its project
 * is a draft the viewer may not read. One batched statement, the same count as a plain load.
 */
export async function loadInVisibleProject<Row>(ctx: GantryContext, table: ChildTable, id: number): Promise<Row | null> {
  const visible = inVisibleProject(ctx.viewer, 'c');
  if (!visible) return ctx.loaders.byId<Row>(table).load(id);
  let loaders = visibleLoaders.get(ctx);
  if (!loaders) visibleLoaders.set(ctx, (loaders = new Map()));
  let loader = loaders.get(table);
  if (!loader) {
    loader = new DataLoader<number, Record<string, unknown> | null>(async (ids) => {
      const { rows } = await sql<Record<string, unknown> & { id: number; _visible: boolean }>`
        SELECT c.*, ${visible} AS _visible FROM ${sql.table(table)} c WHERE c.id = ANY(${[...ids]}::int[])`.execute(ctx.db);
      const found = new Map(rows.map((row) => [row.id, row]));
      return ids.map((key) => found.get(key) ?? null);
    });
    loaders.set(table, loader);
  }
  const row = await loader.load(id);
  if (!row) return null;
  if (!row._visible) refuse(ctx.viewer, UNPUBLISHED, 'unpublished');
  const { _visible: _, ...rest } = row;
  return rest as Row;
}

const ownedProjects = new WeakMap<GantryContext, Promise<Set<number>>>();

/** The ids of the projects the signed-in viewer owns or co-owns: one statement per request, only when asked. */
export function ownedProjectIds(ctx: GantryContext): Promise<Set<number>> {
  const user = ctx.viewer.user;
  if (!user) return Promise.resolve(new Set());
  let owned = ownedProjects.get(ctx);
  if (!owned) {
    owned = (async () => {
      const { rows } = await sql<{ id: number }>`SELECT id FROM projects WHERE owner_id = ${user.id} OR ${user.id} = ANY(owners_ids)`.execute(ctx.db);
      return new Set(rows.map((row) => row.id));
    })();
    ownedProjects.set(ctx, owned);
  }
  return owned;
}
