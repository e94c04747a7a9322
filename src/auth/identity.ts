// The identity a contribution is counted against: a signed-in user, an external user id of a
// partner app, or an anonymous caller's anonymised address (PYBOSSA's three kinds of volunteer).
import { sql } from 'kysely';
import type { Viewer } from './viewer.ts';
import { anonymizeIp } from './anonymize-ip.ts';
import { badInput } from '../graphql/errors.ts';

export interface ContributorIdentity {
  /** Stable key for scheduler stamps. */
  key: string;
  userId: number | null;
  userIp: string | null;
  externalUid: string | null;
}

/**
 * A partner app's user ids are short keys (an id, a UUID, an email address): longer ones are refused,
 * as they could not be indexed (PostgreSQL's index rows hold at most about 2.7 kB).
 */
export const EXTERNAL_UID_MAX_LENGTH = 255;

export function contributorIdentity(viewer: Viewer, externalUid: string | null | undefined, secret: string): ContributorIdentity {
  if (externalUid && externalUid.length > EXTERNAL_UID_MAX_LENGTH) {
    throw badInput(`externalUid must be at most ${EXTERNAL_UID_MAX_LENGTH} characters (got ${externalUid.length}).`, [
      { field: 'externalUid', message: `at most ${EXTERNAL_UID_MAX_LENGTH} characters` },
    ], 'external_uid_too_long');
  }
  if (externalUid) return { key: `ext:${externalUid}`, userId: null, userIp: null, externalUid };
  if (viewer.user) return { key: `user:${viewer.user.id}`, userId: viewer.user.id, userIp: null, externalUid: null };
  const userIp = anonymizeIp(viewer.ip, secret);
  return { key: `ip:${userIp}`, userId: null, userIp, externalUid: null };
}

/** SQL: this task run (alias r) belongs to the identity. */
export function answeredBy(identity: ContributorIdentity, alias = 'r') {
  const column = (name: string) => sql.ref(`${alias}.${name}`);
  if (identity.externalUid !== null) return sql<boolean>`${column('external_uid')} = ${identity.externalUid}`;
  if (identity.userId !== null) return sql<boolean>`${column('user_id')} = ${identity.userId}`;
  return sql<boolean>`${column('user_ip')} = ${identity.userIp} AND ${column('user_id')} IS NULL AND ${column('external_uid')} IS NULL`;
}
