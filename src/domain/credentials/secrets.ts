// Race-server API keys and secrets.
//
// Keys are issued by staff and shown to them (the original's staff pages display them), so they
// are stored as issued; they are compared in constant time.
//
// Secrets are chosen by users and never shown again, so only a keyed hash is stored:
// HMAC-SHA256 under a key derived from JWT_SECRET, over the user id and the secret. A stolen copy
// of the database alone reveals nothing, equal secrets of two users hash differently, and checking
// costs microseconds. A slow password hash (scrypt) would add ~40 ms of CPU to every upload and
// make the unauthenticated upload route a cheap way to load the server, while buying little: a
// secret only lives for API_SECRET_TIME_TO_LIVE and is useless without the user's staff-issued key.
// Every gateway process shares JWT_SECRET already (tokens need it); rotating it voids set secrets,
// which users simply set again.
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

const SCHEME = 'hmac-sha256';

const secretKeyCache = new Map<string, Buffer>();

function hashKey(jwtSecret: string): Buffer {
  let key = secretKeyCache.get(jwtSecret);
  if (!key) {
    // A key of its own, so a secret's hash can never be confused with any token signature.
    key = createHmac('sha256', jwtSecret).update('gantry/race-api-secret/v1').digest();
    secretKeyCache.set(jwtSecret, key);
  }
  return key;
}

function digest(jwtSecret: string, userId: number, secret: string): Buffer {
  return createHmac('sha256', hashKey(jwtSecret)).update(`${userId}\0${secret}`).digest();
}

/** Stored form: hmac-sha256$<base64url digest>. */
export function hashApiSecret(jwtSecret: string, userId: number, secret: string): string {
  return `${SCHEME}$${digest(jwtSecret, userId, secret).toString('base64url')}`;
}

export function verifyApiSecret(jwtSecret: string, userId: number, secret: string, stored: string): boolean {
  const [scheme, encoded] = stored.split('$');
  if (scheme !== SCHEME || !encoded) return false;
  const expected = Buffer.from(encoded, 'base64url');
  const actual = digest(jwtSecret, userId, secret);
  return expected.length === actual.length && timingSafeEqual(expected, actual);
}

/** A fresh race-server API key: 16 upper-case hexadecimal characters from the system CSPRNG. */
export const generateRaceApiKey = (): string => randomBytes(8).toString('hex').toUpperCase();

/** A fresh JSend token key (Submitty's api_key: 16 random bytes as hex). */
export const generateTokenKey = (): string => randomBytes(16).toString('hex');
