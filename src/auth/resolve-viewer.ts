// Turns request credentials into a Viewer. Every dialect and /graphql use this one function:
//   Authorization: Bearer <jwt>   session (login), JSend or OpenTrack access token
//   Authorization: <jwt>          JSend token sent raw (Submitty clients)
//   Authorization: Token <key>    OpenTrack's older API
//   Authorization: <api key>      PYBOSSA (the raw header value overrides ?api_key=)
//   ?api_key=<key>                PYBOSSA
// Unknown or invalid credentials leave the request anonymous, as PYBOSSA does; dialects that must
// refuse them (JSend, OpenTrack) check viewer.credential.
import type { DB } from '../db/index.ts';
import type { Config } from '../config.ts';
import type { UserRow } from '../db/tables.ts';
import { anonymousViewer, type Credential, type Viewer } from './viewer.ts';
import { sessionKey } from './session-key.ts';
import { looksLikeJwt, TokenError, verifyToken, type TokenClaims } from './tokens.ts';

export interface RequestCredentials {
  authorization?: string;
  apiKey?: string;
  ip: string;
}

async function userById(db: DB, id: unknown): Promise<UserRow | null> {
  const numeric = Number(id);
  if (!Number.isSafeInteger(numeric) || numeric <= 0) return null;
  return (await db.selectFrom('users').selectAll().where('id', '=', numeric).executeTakeFirst()) ?? null;
}

async function fromJwt(db: DB, config: Config, token: string): Promise<{ user: UserRow; credential: Credential } | null> {
  let payload: TokenClaims | null = null;
  for (const purpose of ['session', 'jsend', 'opentrack'] as const) {
    try {
      payload = verifyToken(config.jwtSecret, token, purpose, purpose === 'jsend' ? { maxAgeSeconds: config.jsendTokenMaxAge || undefined } : {});
      break;
    } catch (error) {
      if (!(error instanceof TokenError)) throw error;
    }
  }
  if (!payload) return null;
  const user = await userById(db, payload.sub);
  if (!user || !user.active) return null;
  // JSend tokens carry the user's token key: rotating it (new token, invalidate, password change)
  // revokes every JSend token issued before, in every process. Session tokens carry a fingerprint of
  // the password hash, so a password change revokes them too.
  if (payload.typ === 'jsend' && payload.tk !== user.token_key) return null;
  if (payload.typ === 'session' && payload.tk !== sessionKey(user.passwd_hash, config.jwtSecret)) return null;
  const credential: Credential = payload.typ === 'session' ? 'session' : payload.typ === 'jsend' ? 'jsend-token' : 'opentrack-token';
  return { user, credential };
}

export async function resolveViewer(db: DB, config: Config, credentials: RequestCredentials): Promise<Viewer> {
  const viewer = anonymousViewer(credentials.ip);
  const header = credentials.authorization?.trim();
  if (header) {
    viewer.authorization = credentials.authorization;
    const [scheme, value, ...rest] = header.split(/\s+/);
    if (rest.length === 0 && value && /^bearer$/i.test(scheme!)) {
      const found = looksLikeJwt(value) ? await fromJwt(db, config, value) : null;
      if (found) return { ...viewer, ...found };
      return { ...viewer, bearer: value };
    }
    if (rest.length === 0 && value && /^token$/i.test(scheme!)) {
      if (value.length > 200 || value.includes('\0')) return viewer;
      const row = await db
        .selectFrom('auth_tokens')
        .innerJoin('users', 'users.id', 'auth_tokens.user_id')
        .selectAll('users')
        .where('auth_tokens.key', '=', value)
        .executeTakeFirst();
      return row && row.active ? { ...viewer, user: row, credential: 'drf-token' } : viewer;
    }
    if (!value) {
      if (looksLikeJwt(header)) {
        const found = await fromJwt(db, config, header);
        return found ? { ...viewer, ...found } : viewer;
      }
      return byApiKey(db, viewer, header);
    }
    return viewer;
  }
  if (credentials.apiKey) return byApiKey(db, viewer, credentials.apiKey);
  return viewer;
}

async function byApiKey(db: DB, viewer: Viewer, apiKey: string): Promise<Viewer> {
  // No key is that long or holds a NUL (which PostgreSQL refuses as a parameter): not a key.
  if (apiKey.length > 200 || apiKey.includes('\0')) return viewer;
  const user = await db.selectFrom('users').selectAll().where('api_key', '=', apiKey).executeTakeFirst();
  return user && user.active ? { ...viewer, user, credential: 'api-key' } : viewer;
}
