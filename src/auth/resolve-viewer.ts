// Turns request credentials into a Viewer. Every dialect and /graphql use this one function, and each
// route accepts only the credential of its own kind (src/auth/tokens.ts lists them):
//   /graphql           Authorization: Bearer <session jwt>
//   JSend              Authorization: <jsend jwt>  (or Bearer <jsend jwt>)
//   OpenTrack v1       Authorization: Bearer <opentrack jwt>
//   OpenTrack older    Authorization: Token <static token>
//   PYBOSSA            Authorization: <api key> (the raw header value overrides ?api_key=), ?api_key=<key>
// Any other credential leaves the request anonymous, as PYBOSSA does with an unknown key; dialects
// that must refuse it (JSend, OpenTrack) check viewer.credential or viewer.user. A Bearer value that
// named no user stays in viewer.authorization for PYBOSSA's external-uid check.
import type { DB } from '../db/index.ts';
import type { Config } from '../config.ts';
import type { UserRow } from '../db/tables.ts';
import { anonymousViewer, type Credential, type Viewer } from './viewer.ts';
import { sessionKey } from './session-key.ts';
import { ACCEPTED_CREDENTIAL, looksLikeJwt, TOKEN_PURPOSE, TokenError, verifyToken, type CredentialSurface, type UserTokenPurpose } from './tokens.ts';

export interface RequestCredentials {
  authorization?: string;
  apiKey?: string;
  ip: string;
}

/** A key no one has (too long, or holding a NUL, which PostgreSQL refuses as a parameter). */
const impossibleKey = (value: string) => value.length > 200 || value.includes('\0');

async function userById(db: DB, id: unknown): Promise<UserRow | null> {
  const numeric = Number(id);
  if (!Number.isSafeInteger(numeric) || numeric <= 0) return null;
  return (await db.selectFrom('users').selectAll().where('id', '=', numeric).executeTakeFirst()) ?? null;
}

/** The live user of a JWT of this purpose, or null. */
async function fromJwt(db: DB, config: Config, token: string, purpose: UserTokenPurpose): Promise<UserRow | null> {
  if (!looksLikeJwt(token)) return null;
  let payload;
  try {
    payload = verifyToken(config.jwtSecret, token, purpose, {
      issuer: config.baseUrl,
      ...(purpose === 'jsend' && config.jsendTokenMaxAge ? { maxAgeSeconds: config.jsendTokenMaxAge } : {}),
    });
  } catch (error) {
    if (error instanceof TokenError) return null;
    throw error;
  }
  const user = await userById(db, payload.sub);
  if (!user || !user.active) return null;
  // JSend tokens carry the user's token key: rotating it (new token, invalidate, password change)
  // revokes every JSend token issued before, in every process. Session and OpenTrack tokens carry a
  // fingerprint of the password hash and the user's session key (src/auth/session-key.ts).
  if (purpose === 'jsend' ? payload.tk !== user.token_key : payload.tk !== sessionKey(user, config.jwtSecret, purpose)) return null;
  return user;
}

async function byStaticToken(db: DB, key: string): Promise<UserRow | null> {
  if (impossibleKey(key)) return null;
  const row = await db
    .selectFrom('auth_tokens')
    .innerJoin('users', 'users.id', 'auth_tokens.user_id')
    .selectAll('users')
    .where('auth_tokens.key', '=', key)
    .executeTakeFirst();
  return row && row.active ? row : null;
}

async function byApiKey(db: DB, apiKey: string): Promise<UserRow | null> {
  if (impossibleKey(apiKey)) return null;
  const user = await db.selectFrom('users').selectAll().where('api_key', '=', apiKey).executeTakeFirst();
  return user && user.active ? user : null;
}

/** The user named by the credential this surface accepts, or null. */
async function userFor(db: DB, config: Config, credentials: RequestCredentials, accepted: Credential): Promise<UserRow | null> {
  const header = credentials.authorization?.trim();
  const [scheme, value, ...rest] = header ? header.split(/\s+/) : [];
  const schemed = (name: RegExp) => (rest.length === 0 && value && name.test(scheme!) ? value : undefined);
  const purpose = TOKEN_PURPOSE[accepted];
  switch (accepted) {
    case 'session':
    case 'opentrack-token': {
      const token = schemed(/^bearer$/i);
      return token ? fromJwt(db, config, token, purpose!) : null;
    }
    case 'jsend-token': {
      // Submitty clients send the token raw; `Bearer <token>` works too.
      const token = header && !value ? header : schemed(/^bearer$/i);
      return token ? fromJwt(db, config, token, purpose!) : null;
    }
    case 'drf-token': {
      const key = schemed(/^token$/i);
      return key ? byStaticToken(db, key) : null;
    }
    case 'api-key':
      // PYBOSSA: the raw header value, when there is one, else ?api_key=.
      if (header) return value ? null : byApiKey(db, header);
      return credentials.apiKey ? byApiKey(db, credentials.apiKey) : null;
    default:
      return null;
  }
}

export async function resolveViewer(db: DB, config: Config, credentials: RequestCredentials, surface: CredentialSurface): Promise<Viewer> {
  const viewer = anonymousViewer(credentials.ip);
  if (credentials.authorization?.trim()) viewer.authorization = credentials.authorization;
  const accepted = ACCEPTED_CREDENTIAL[surface];
  const user = accepted ? await userFor(db, config, credentials, accepted) : null;
  return user && accepted ? { ...viewer, user, credential: accepted } : viewer;
}
