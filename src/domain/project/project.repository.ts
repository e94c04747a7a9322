import { sql } from 'kysely';
import type { ListSpec } from '../../db/list-query.ts';
import type { Viewer } from '../../auth/viewer.ts';
import type { DB } from '../../db/index.ts';
import type { ProjectRow } from '../../db/tables.ts';

/** info keys anyone may read; the rest of a project's info is for its owners. */
export const PUBLIC_INFO_KEYS = ['container', 'thumbnail', 'thumbnail_url', 'task_presenter', 'tutorial', 'sched'];

/** Short names the web app uses for its own routes. */
export const RESERVED_SHORT_NAMES = new Set([
  'new', 'search', 'category', 'categories', 'page', 'update', 'delete', 'tasks', 'task', 'export', 'stats', 'settings',
  'blog', 'newtask', 'featured', 'draft', 'published', 'results', 'result', 'coowners', 'tutorial', 'password', 'api',
  'import', 'taskrun', 'taskruns', 'project', 'projects', 'admin', 'account', 'help', 'about', 'static', 'uploads',
]);

/** Conditions "this viewer owns the project" on projects.* for SQL lists. */
export function ownedBy(viewer: Viewer, alias = 'projects') {
  const id = viewer.user!.id;
  return sql<boolean>`(${sql.ref(`${alias}.owner_id`)} = ${id} OR ${id} = ANY(${sql.ref(`${alias}.owners_ids`)}))`;
}

/** SQL: the viewer may read this project's owner-only values (null: every project; FALSE when anonymous). */
function ownerGuard(viewer: Viewer) {
  if (viewer.user?.admin) return null;
  return viewer.user ? ownedBy(viewer) : sql<boolean>`FALSE`;
}

export function projectListSpec(viewer: Viewer): ListSpec {
  return {
    table: 'projects',
    filters: {
      id: 'id',
      name: 'name',
      shortName: 'short_name',
      description: 'description',
      ownerId: 'owner_id',
      categoryId: 'category_id',
      published: 'published',
      featured: 'featured',
      allowAnonymousContributors: 'allow_anonymous_contributors',
    },
    order: {
      id: 'id',
      name: 'name',
      shortName: 'short_name',
      created: 'created',
      updated: 'updated',
      ownerId: 'owner_id',
      categoryId: 'category_id',
      featured: 'featured',
    },
    hasInfo: true,
    visible: () => (viewer.user?.admin ? null : viewer.user ? sql<boolean>`(projects.published OR ${ownedBy(viewer)})` : sql<boolean>`projects.published`),
    mine: () => (viewer.user ? ownedBy(viewer) : null),
    // Owner-only values filter only the viewer's own projects (`published` needs no guard: every
    // project others may see is published).
    readable: { allowAnonymousContributors: () => ownerGuard(viewer) },
    infoReadable: (key) => (PUBLIC_INFO_KEYS.includes(key) ? null : ownerGuard(viewer)),
  };
}

/** "Mine" for rows that belong to a project through project_id (tasks, task runs, results). */
export function inOwnedProject(viewer: Viewer, table: string) {
  if (!viewer.user) return null;
  return sql<boolean>`${sql.ref(`${table}.project_id`)} IN (SELECT projects.id FROM projects WHERE ${ownedBy(viewer)})`;
}

export async function lockProject(db: DB, id: number): Promise<ProjectRow | undefined> {
  return db.selectFrom('projects').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
}
