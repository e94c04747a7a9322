// Submitty-style API tokens (docs/dialects/jsend.md, The token): a user id + password buys a JWT that
// carries the user's current token key. Rotating the key (a new token, invalidate, a password
// change) revokes every token issued before, in every gateway process, because each request checks
// the key against the database (src/auth/resolve-viewer.ts).
import type { DB } from '../../db/index.ts';
import type { Config } from '../../config.ts';
import type { UserRow } from '../../db/tables.ts';
import { badInput, unauthenticated } from '../../graphql/errors.ts';
import { signInOutcome } from '../../auth/passwords.ts';
import { notAGuess, passwordTarget } from '../../auth/attempts.ts';
import { signToken } from '../../auth/tokens.ts';
import { generateTokenKey } from './secrets.ts';
import { findUserByName } from '../user/user.repository.ts';

export const JSEND_MESSAGES = {
  blank: 'Cannot leave user id or password blank',
  badLogin: 'Could not login using that user id or password',
  unauthenticated: 'Unauthenticated access. Please log in.',
} as const;

/**
 * Submitty's login: both fields must be present (an empty string counts as present, as PHP's isset),
 * the user id names a user (findUserByName), and the password must match an active user's.
 */
export async function authenticateForToken(
  db: DB,
  userId: string | null | undefined,
  password: string | null | undefined,
  /** Runs the password check under the credential-guessing limits (src/auth/attempts.ts). */
  guard: (target: string, check: () => Promise<UserRow>) => Promise<UserRow> = (_target, check) => check(),
): Promise<UserRow> {
  if (userId === null || userId === undefined || password === null || password === undefined) {
    throw badInput(JSEND_MESSAGES.blank, [{ field: userId == null ? 'userId' : 'password', message: 'is required' }], 'blank');
  }
  // The user id is trimmed and matched by the sign-in rule for names (findUserByName): the exact name,
  // else the one user whose name matches ignoring case. Submitty lower-cases ids; doing so here locked
  // `Zed` out once `zed` existed.
  const user = await findUserByName(db, userId);
  return guard(passwordTarget(user, userId), async () => {
    const { user: signedIn, rightPassword } = await signInOutcome(user, password);
    if (!signedIn) {
      const refusal = unauthenticated(JSEND_MESSAGES.badLogin, 'bad_credentials');
      throw rightPassword ? notAGuess(refusal) : refusal;
    }
    return signedIn;
  });
}

/** A new token key for the user: every token issued before stops working. */
export async function rotateTokenKey(db: DB, userId: number): Promise<string> {
  const tokenKey = generateTokenKey();
  await db.updateTable('users').set({ token_key: tokenKey }).where('id', '=', userId).execute();
  return tokenKey;
}

/** HS256 JWT with iss (the base URL), iat and the token key; no expiry unless JSEND_TOKEN_MAX_AGE is set. */
export const signJsendToken = (config: Config, userId: number, tokenKey: string): string =>
  signToken(config.jwtSecret, { typ: 'jsend', sub: String(userId), tk: tokenKey }, { issuer: config.baseUrl });

/** Submitty's user_given_name / user_family_name from our single full name. */
export function splitFullname(fullname: string): { given: string; family: string } {
  const parts = fullname.trim().split(/\s+/).filter(Boolean);
  return { given: parts[0] ?? '', family: parts.slice(1).join(' ') };
}
