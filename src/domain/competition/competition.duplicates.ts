// Duplicate competitions: the same name (trimmed, case-insensitive) on the same start date. A create
// that finds one is refused with the matches and an override token: a JWT bound to that name and
// date, valid three days, that makes the next create with the same name and date go through.
//
// Concurrent creates of one competition serialise on a transaction-scoped advisory lock taken on
// (normalised name, date) before the check, so exactly one of them inserts; the others then see it.
import { sql } from 'kysely';
import type { DB } from '../../db/index.ts';
import type { CompetitionRow } from '../../db/tables.ts';
import { signToken, TokenError, verifyToken } from '../../auth/tokens.ts';
import { normaliseName } from './competition.rules.ts';

export const OVERRIDE_TTL_SECONDS = 3 * 24 * 3600;
/** First key of our advisory locks, so they never meet another feature's locks. */
const LOCK_NAMESPACE = 0x6f74; // "ot"

/** Blocks until no other transaction creates a competition with this name and date; released at commit or rollback. */
export async function lockNameAndDate(trx: DB, name: string, date: string): Promise<void> {
  await sql`SELECT pg_advisory_xact_lock(${LOCK_NAMESPACE}::int, hashtext(${`${normaliseName(name)}|${date}`})::int)`.execute(trx);
}

/** Competitions with this name and start date, other than `except` (the one being updated). */
export async function competitionsWithNameAndDate(db: DB, name: string, date: string, except?: string): Promise<CompetitionRow[]> {
  const others = except ? sql`AND id <> ${except}::uuid` : sql``;
  const { rows } = await sql<CompetitionRow>`
    SELECT * FROM competitions WHERE lower(btrim(full_name)) = ${normaliseName(name)} AND date = ${date}::date ${others} ORDER BY created, id`.execute(db);
  return rows;
}

/** The gateway's signing secret and its issuer name (BASE_URL). */
interface Signer {
  jwtSecret: string;
  baseUrl: string;
}

export function signOverrideToken(signer: Signer, name: string, date: string): string {
  return signToken(signer.jwtSecret, { typ: 'override', name: normaliseName(name), date }, { expiresInSeconds: OVERRIDE_TTL_SECONDS, issuer: signer.baseUrl });
}

export type OverrideCheck = 'valid' | 'expired' | 'invalid' | 'other_competition';

export function checkOverrideToken(signer: Signer, token: string, name: string, date: string): OverrideCheck {
  try {
    const claims = verifyToken(signer.jwtSecret, token, 'override', { issuer: signer.baseUrl });
    return claims.name === normaliseName(name) && claims.date === date ? 'valid' : 'other_competition';
  } catch (error) {
    if (error instanceof TokenError) return error.reason === 'expired' ? 'expired' : 'invalid';
    throw error;
  }
}

export const OVERRIDE_PROBLEMS: Record<Exclude<OverrideCheck, 'valid'>, string> = {
  expired: 'The override_token has expired (they are valid for 3 days): use the new one.',
  invalid: 'The override_token is not valid: use the one returned with this answer.',
  other_competition: 'The override_token was issued for another name or date: use the one returned with this answer.',
};
