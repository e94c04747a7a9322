// Every credential Gantry issues, and where each is accepted: the one place that says so (RFC 8725:
// one audience per kind). A credential of one kind never authenticates a route of another kind.
//
//   kind          what it is                                   issued by                          accepted on
//   session       JWT, typ "session", 7 days                   GraphQL login                      /graphql (Bearer)
//   jsend         JWT, typ "jsend", no expiry                  POST /api/token                    /api/token, /api/me (raw or Bearer)
//   opentrack     JWT, typ "opentrack", 24 hours               POST /api/v1/auth/token            /api/v1/... (Bearer)
//   static token  random key (auth_tokens)                     POST /api/get-auth-token/          OpenTrack's older routes (Token)
//   api key       random key (users.api_key)                   registration, rotateApiKey         PYBOSSA /api/... (raw header or ?api_key=)
//   project token JWT signed with the project's secret key    /api/auth/project/<name>/token     PYBOSSA external-uid checks (Bearer)
//   override      JWT, typ "override", 3 days                  a duplicate competition's answer   createCompetition's overrideToken
//   race key      key + secret form fields                     generateApiKeys, setApiSecret      POST /api/upload
//
// The JWTs signed with JWT_SECRET carry `typ` (their kind) and `iss` (this gateway's BASE_URL), and are
// verified for both, HS256 only. Project tokens are signed with their project's own secret, in
// PYBOSSA's exact payload, so no gateway-signed token can pass for one (nor the reverse).
import jwt from 'jsonwebtoken';
import type { Credential } from './viewer.ts';

const ALGORITHM = 'HS256' as const;

export type TokenPurpose = 'session' | 'jsend' | 'opentrack' | 'override';
/** The kinds that name a user. */
export type UserTokenPurpose = Exclude<TokenPurpose, 'override'>;

/** The kinds of route that take credentials from request headers; each accepts exactly one kind. */
export type CredentialSurface = 'graphql' | 'jsend' | 'opentrack-v1' | 'opentrack-legacy' | 'pybossa' | 'none';

/** Which credential each surface accepts. Routes of the race server and calendar feeds take none from headers. */
export const ACCEPTED_CREDENTIAL: Record<CredentialSurface, Credential | null> = {
  graphql: 'session',
  jsend: 'jsend-token',
  'opentrack-v1': 'opentrack-token',
  'opentrack-legacy': 'drf-token',
  pybossa: 'api-key',
  none: null,
};

/** The JWT kind behind a credential, where it is one. */
export const TOKEN_PURPOSE: Partial<Record<Credential, UserTokenPurpose>> = {
  session: 'session',
  'jsend-token': 'jsend',
  'opentrack-token': 'opentrack',
};

export interface TokenClaims {
  /** What the token is for; a token of one purpose never authenticates another. */
  typ: TokenPurpose;
  sub?: string;
  /** Revocation key: the user's token key (JSend) or a fingerprint of their credentials (session, OpenTrack). */
  tk?: string;
  [claim: string]: unknown;
}

/** Signs a gateway token: `issuer` is this gateway's BASE_URL, checked again by verifyToken. */
export function signToken(secret: string, claims: TokenClaims, options: { expiresInSeconds?: number; issuer: string }): string {
  return jwt.sign(claims, secret, {
    algorithm: ALGORITHM,
    issuer: options.issuer,
    ...(options.expiresInSeconds ? { expiresIn: options.expiresInSeconds } : {}),
  });
}

export class TokenError extends Error {
  constructor(
    readonly reason: 'expired' | 'invalid',
    message: string,
  ) {
    super(message);
  }
}

/** Verifies signature (HS256 pinned), issuer (this gateway), expiry and purpose. */
export function verifyToken(secret: string, token: string, purpose: TokenPurpose, options: { issuer: string; maxAgeSeconds?: number }): TokenClaims {
  let claims: TokenClaims;
  try {
    claims = jwt.verify(token, secret, {
      algorithms: [ALGORITHM],
      issuer: options.issuer,
      ...(options.maxAgeSeconds ? { maxAge: options.maxAgeSeconds } : {}),
    }) as TokenClaims;
  } catch (error) {
    if ((error as Error).name === 'TokenExpiredError') throw new TokenError('expired', 'The token has expired.');
    throw new TokenError('invalid', 'The token is not valid.');
  }
  if (typeof claims !== 'object' || claims === null || claims.typ !== purpose) {
    throw new TokenError('invalid', 'The token is not valid for this use.');
  }
  return claims;
}

/** Signs with a per-project secret (PYBOSSA external-uid tokens): payload {short_name, project_id}, no expiry. */
export function signProjectToken(secretKey: string, payload: { short_name: string; project_id: number }): string {
  return jwt.sign(payload, secretKey, { algorithm: ALGORITHM, noTimestamp: true });
}

/** Verified against the project's current secret key: rotating the key revokes every token made with the old one. */
export function verifyProjectToken(secretKey: string, token: string): { short_name?: unknown; project_id?: unknown } {
  return jwt.verify(token, secretKey, { algorithms: [ALGORITHM] }) as { short_name?: unknown; project_id?: unknown };
}

export const looksLikeJwt = (value: string): boolean => /^[\w-]+\.[\w-]+\.[\w-]*$/.test(value);
