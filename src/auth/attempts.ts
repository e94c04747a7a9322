// Credential guessing is limited per target and address: each route that checks a password, an
// API secret, a race-server key or a project's secret names what is being guessed (an account,
// a race-server user, a project) and the guard counts that target's failed guesses from the
// client's address (CREDENTIAL_GUESSES_PER_TARGET, 10 by default) and the address's failed guesses
// at every target (CREDENTIAL_GUESSES_PER_ADDRESS, 300), per CREDENTIAL_GUESSES_WINDOW seconds
// (900). So a classroom behind one NAT is not locked out by each student's typo, and a guesser
// is stopped at the one account it guesses.
//
// The point is taken before the check and given back when the check passes (or the failure is
// no guess), so concurrent guesses cannot outrun the limit (src/http/guess-limits.ts). Not
// guesses: a right secret that is spent or expired, a right password of a deactivated account,
// a missing field, anything after the credentials passed.
import { isIPv6 } from 'node:net';
import type { GantryContext } from '../graphql/context.ts';
import type { UserRow } from '../db/tables.ts';
import { GantryError } from '../graphql/errors.ts';

/** Refusal reasons that mean a wrong secret was tried (every other failure gives the point back). */
const GUESS_REASONS = new Set([
  'bad_credentials', // a password (GraphQL login, JSend, OpenTrack)
  'bad_user', // race server: no such (active) user
  'wrong_key', // race server: wrong API key
  'bad_secret', // race server: wrong secret
  'project_token_mismatch', // PYBOSSA: a project's secret key
  'wrong_current_password', // updateUser: the current password
]);

const notGuesses = new WeakSet<object>();
const guesses = new WeakSet<object>();

/** Marks a refusal as no guess (e.g. the right password of a deactivated account); its text is unchanged. */
export function notAGuess<E extends object>(error: E): E {
  notGuesses.add(error);
  return error;
}

/** Marks a refusal as a guess whatever its reason (e.g. an email change refused because the address is taken). */
export function aGuess<E extends object>(error: E): E {
  guesses.add(error);
  return error;
}

function isGuess(error: unknown): boolean {
  if (!(error instanceof GantryError) || notGuesses.has(error)) return false;
  if (guesses.has(error)) return true;
  const reason = error.extensions.reason;
  return typeof reason === 'string' && GUESS_REASONS.has(reason);
}

/** The target of a password guess: the account when the name resolved to one, else the name as given. */
export function passwordTarget(user: UserRow | undefined | null, given: string | null | undefined): string {
  return user ? `account:${user.id}` : `name:${(given ?? '').trim().toLowerCase()}`;
}

/**
 * The address guesses are counted by: an IPv4 address as it is (an IPv4-mapped IPv6 address as its
 * IPv4 one), an IPv6 address by its /64 network, which one host or home usually holds whole.
 */
export function guessingAddress(ip: string): string {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(ip);
  if (mapped) return mapped[1]!;
  if (!isIPv6(ip)) return ip;
  const [head = '', tail = ''] = ip.split('::');
  const left = head ? head.split(':') : [];
  const right = tail ? tail.split(':') : [];
  const groups = ip.includes('::') ? [...left, ...Array<string>(8 - left.length - right.length).fill('0'), ...right] : left;
  return `${groups.slice(0, 4).map((g) => parseInt(g, 16).toString(16)).join(':')}::/64`;
}

export async function guardCredentialAttempt<T>(ctx: GantryContext, target: string, attempt: () => Promise<T>): Promise<T> {
  const guesses = ctx.rateLimits?.guesses;
  if (!guesses) return attempt();
  const address = guessingAddress(ctx.viewer.ip);
  return guesses.serially(target, address, async () => {
    const taken = await guesses.take(target, address);
    if (!taken.allowed) {
      const message =
        taken.scope === 'target'
          ? 'Too many failed attempts with these credentials from your address; try again later.'
          : 'Too many failed attempts from your address; try again later.';
      throw new GantryError('RATE_LIMITED', message, {
        reason: 'credential_attempts',
        details: { scope: taken.scope, retryAfter: taken.retryAfterSeconds },
      });
    }
    let guessed = false;
    try {
      return await attempt();
    } catch (error) {
      guessed = isGuess(error);
      throw error;
    } finally {
      if (!guessed) await taken.release();
    }
  });
}
