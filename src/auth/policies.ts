// Who may do what. Resolvers call these; every dialect inherits the same answers.
import type { Viewer } from './viewer.ts';
import type { ProjectRow, UserRow } from '../db/tables.ts';
import { forbidden, unauthenticated } from '../graphql/errors.ts';

/** PYBOSSA's rule: refused anonymous callers get 401, refused signed-in callers 403. */
export function refuse(viewer: Viewer, message?: string, reason?: string): never {
  if (!viewer.user) throw unauthenticated(message, reason);
  throw forbidden(message, reason);
}

export function requireUser(viewer: Viewer, message = 'Sign in to do this.'): UserRow {
  if (!viewer.user) throw unauthenticated(message);
  return viewer.user;
}

export function requireAdmin(viewer: Viewer): UserRow {
  if (!viewer.user?.admin) refuse(viewer, 'Only administrators may do this.', 'admin_only');
  return viewer.user;
}

export function ownsProject(viewer: Viewer, project: Pick<ProjectRow, 'owner_id' | 'owners_ids'>): boolean {
  const user = viewer.user;
  if (!user) return false;
  return user.admin || project.owner_id === user.id || project.owners_ids.includes(user.id);
}

export function requireProjectOwner(viewer: Viewer, project: Pick<ProjectRow, 'owner_id' | 'owners_ids'>): void {
  if (!ownsProject(viewer, project)) refuse(viewer, 'Only the project owners or an administrator may do this.', 'not_owner');
}

/** Unpublished projects are visible to their owners and admins only. */
export const canReadProject = (viewer: Viewer, project: ProjectRow): boolean => project.published || ownsProject(viewer, project);

export const isSelfOrAdmin = (viewer: Viewer, userId: number): boolean => Boolean(viewer.user && (viewer.user.admin || viewer.user.id === userId));
