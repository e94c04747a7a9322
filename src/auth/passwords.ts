// Password and secret hashing with scrypt (node:crypto); constant-time comparison.
import type { UserRow } from '../db/tables.ts';
import { randomBytes, scrypt as scryptCallback, timingSafeEqual, type ScryptOptions } from 'node:crypto';

const KEY_LENGTH = 32;
// N=2^14 keeps a login around 30-50 ms on these machines while staying well above brute-force reach.
const PARAMS: ScryptOptions = { N: 16384, r: 8, p: 1, maxmem: 64 * 1024 * 1024 };

function scrypt(secret: string, salt: Buffer, options: ScryptOptions): Promise<Buffer> {
  return new Promise((resolve, reject) =>
    scryptCallback(secret.normalize('NFC'), salt, KEY_LENGTH, options, (error, key) => (error ? reject(error) : resolve(key))),
  );
}

/** Format: scrypt$N$r$p$salt$hash (base64url). */
export async function hashPassword(secret: string): Promise<string> {
  const salt = randomBytes(16);
  const key = await scrypt(secret, salt, PARAMS);
  return ['scrypt', PARAMS.N, PARAMS.r, PARAMS.p, salt.toString('base64url'), key.toString('base64url')].join('$');
}

// Unknown users still cost one hash, so response times do not tell which names exist.
let dummyHash: Promise<string> | undefined;

/**
 * The user when they exist, are active and the password matches (else null, in the same time), and
 * whether the password was the account's own: the right password of a deactivated account is refused
 * all the same, but it is no guess (src/auth/attempts.ts).
 */
export async function signInOutcome(user: UserRow | undefined, password: string): Promise<{ user: UserRow | null; rightPassword: boolean }> {
  dummyHash ??= hashPassword('gantry-no-such-user');
  const ok = await verifyPassword(password, user?.passwd_hash ?? (await dummyHash));
  const rightPassword = Boolean(user?.passwd_hash && ok);
  return { user: user && rightPassword && user.active ? user : null, rightPassword };
}

export async function verifyPassword(secret: string, stored: string | null | undefined): Promise<boolean> {
  if (!stored) return false;
  const parts = stored.split('$');
  if (parts.length !== 6 || parts[0] !== 'scrypt') return false;
  const [, n, r, p, saltText, hashText] = parts;
  const expected = Buffer.from(hashText!, 'base64url');
  const key = await scrypt(secret, Buffer.from(saltText!, 'base64url'), {
    N: Number(n),
    r: Number(r),
    p: Number(p),
    maxmem: 64 * 1024 * 1024,
  });
  return key.length === expected.length && timingSafeEqual(key, expected);
}
