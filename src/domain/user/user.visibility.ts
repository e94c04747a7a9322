// Who may see a user at all, and which of a user's values a caller may filter or order by, written
// once for the item query, lists, connections, nested relations (a project's owner, a task run's
// author) and every dialect.
//
// Rule (PYBOSSA's): a restricted user (`restrict`) is visible to themself only; lists never show
// them. Private values (email, API key, admin, privacy mode, info) are readable by the user and
// administrators; fullname and created also by everyone once the user left privacy mode.
import { sql, type RawBuilder } from 'kysely';
import type { Viewer } from '../../auth/viewer.ts';
import type { ListSpec } from '../../db/list-query.ts';
import type { UserRow } from '../../db/tables.ts';

/** The row check. Relations answer null for a user the viewer may not see. */
export const canSeeUser = (viewer: Viewer, user: Pick<UserRow, 'id' | 'restrict'>): boolean => !user.restrict || viewer.user?.id === user.id;

/** SQL on users: the viewer may read this user's private values (null: every row). */
function selfOrAdmin(viewer: Viewer): RawBuilder<boolean> | null {
  if (viewer.user?.admin) return null;
  return viewer.user ? sql<boolean>`users.id = ${viewer.user.id}` : sql<boolean>`FALSE`;
}

/** SQL on users: the viewer may read fullname and created. */
function profile(viewer: Viewer): RawBuilder<boolean> | null {
  if (viewer.user?.admin) return null;
  return viewer.user ? sql<boolean>`(users.privacy_mode = false OR users.id = ${viewer.user.id})` : sql<boolean>`users.privacy_mode = false`;
}

/** What a users list may filter, search and order by for this viewer. */
export function userReadability(viewer: Viewer): Pick<ListSpec, 'readable' | 'infoReadable'> {
  return {
    readable: {
      admin: () => selfOrAdmin(viewer),
      privacyMode: () => selfOrAdmin(viewer),
      fullname: () => profile(viewer),
      created: () => profile(viewer),
    },
    infoReadable: () => selfOrAdmin(viewer),
  };
}
