// Who is asking: the signed-in user (if any) and the client's address, shared by every dialect.
import type { UserRow } from '../db/tables.ts';

/** How the user was authenticated. */
export type Credential = 'none' | 'session' | 'api-key' | 'jsend-token' | 'opentrack-token' | 'drf-token' | 'race-key';

export interface Viewer {
  user: UserRow | null;
  /** The client's address, used for anonymous identities and rate limits. */
  ip: string;
  credential: Credential;
  /** The raw Authorization header, for checks that need its exact form (PYBOSSA's external-uid JWT rules). */
  authorization?: string;
}

export const anonymousViewer = (ip: string): Viewer => ({ user: null, ip, credential: 'none' });

export const isAdmin = (viewer: Viewer): boolean => viewer.user?.admin === true;
