// The race server's credential check: user name + staff-issued key + user-set secret, in the
// original's order and with its exact texts (docs/dialects/raceserver.md, Credential checks). The first failure
// refuses the request; every failure is UNAUTHENTICATED with `reason` naming the rule.
import type { DB } from '../../db/index.ts';
import type { UserRow } from '../../db/tables.ts';
import { unauthenticated } from '../../graphql/errors.ts';
import { pyStrip } from '../buggy/python-values.ts';
import { verifyApiSecret } from './secrets.ts';
import { safeEqual } from '../../auth/safe-equal.ts';
import { notAGuess } from '../../auth/attempts.ts';
import type { RaceSettings } from './settings.ts';

export const RACE_REFUSALS = {
  missing_user: 'missing user',
  missing_key: 'missing API key',
  missing_secret: 'missing secret',
  bad_user: 'not authorised (bad user)',
  wrong_key: 'not authorised (wrong API key for this user)',
  no_secret: 'not authorised (missing secret)',
  no_secret_timestamp: 'not authorised (missing secret timestamp)',
  bad_secret: 'not authorised (bad secret)',
  secret_expired: 'not authorised (secret has expired)',
  secret_used: 'one-time secret has already been used',
} as const;

export type RaceRefusal = keyof typeof RACE_REFUSALS;

const refuse = (reason: RaceRefusal): never => {
  throw unauthenticated(RACE_REFUSALS[reason], reason);
};

export interface RaceCredentials {
  user?: string | null;
  key?: string | null;
  secret?: string | null;
}

/** Seconds since the secret was set, compared strictly: a secret exactly TTL seconds old still works. */
export const secretExpired = (setAt: Date, now: Date, ttlSeconds: number): boolean => now.getTime() - setAt.getTime() > ttlSeconds * 1000;

/**
 * Checks the credentials and, for a one-time secret, spends it. Run it inside the request's
 * transaction: the spend is one conditional UPDATE, so of any number of concurrent requests with
 * the same one-time secret exactly one passes (the others wait for its row lock, then find the
 * counter already moved). The spend commits with the request even when the upload then fails.
 */
export async function checkRaceCredentials(
  trx: DB,
  jwtSecret: string,
  settings: RaceSettings,
  input: RaceCredentials,
  now: Date,
): Promise<UserRow> {
  // Surrounding whitespace is stripped; blank counts as missing.
  const name = pyStrip(input.user ?? '');
  if (!name) refuse('missing_user');
  const key = pyStrip(input.key ?? '');
  if (!key) refuse('missing_key');
  const secret = pyStrip(input.secret ?? '');
  if (!secret) refuse('missing_secret');

  // The lookup is exact (case-sensitive). Deviation from the original: an inactive user is refused,
  // as its own documentation says.
  // (A NUL cannot be in any name, and PostgreSQL refuses it as a parameter.)
  const user = name.includes('\0') ? undefined : await trx.selectFrom('users').selectAll().where('name', '=', name).executeTakeFirst();
  // A deactivated user's request is refused before any key or secret is checked: no guess.
  if (user && !user.active) throw notAGuess(unauthenticated(RACE_REFUSALS.bad_user, 'bad_user'));
  if (!user) return refuse('bad_user');
  if (user.race_api_key === null || !safeEqual(user.race_api_key, key)) refuse('wrong_key');
  if (user.api_secret_hash === null) refuse('no_secret');
  if (user.api_secret_at === null) return refuse('no_secret_timestamp');
  if (!verifyApiSecret(jwtSecret, user.id, secret, user.api_secret_hash!)) refuse('bad_secret');
  // The lifetime is the setting now, not when the secret was set.
  if (secretExpired(user.api_secret_at, now, settings.API_SECRET_TIME_TO_LIVE)) refuse('secret_expired');
  if (user.is_api_secret_otp) {
    const spent = await trx
      .updateTable('users')
      .set((eb) => ({ api_secret_count: eb('api_secret_count', '+', 1) }))
      .where('id', '=', user.id)
      .where('api_secret_hash', '=', user.api_secret_hash!)
      .where('api_secret_count', '=', 0)
      .returning('api_secret_count')
      .executeTakeFirst();
    if (!spent) refuse('secret_used');
    user.api_secret_count = spent!.api_secret_count;
  }
  return user;
}
