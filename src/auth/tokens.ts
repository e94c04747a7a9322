// JSON Web Tokens: HS256 only. A token signed with any other algorithm (or `none`) is refused.
import jwt from 'jsonwebtoken';

const ALGORITHM = 'HS256' as const;

export type TokenPurpose = 'session' | 'jsend' | 'opentrack' | 'override';

export interface TokenClaims {
  /** What the token is for; a token of one purpose never authenticates another. */
  typ: TokenPurpose;
  sub?: string;
  /** The user's token key at issue time (JSend tokens): rotating the key revokes the token. */
  tk?: string;
  [claim: string]: unknown;
}

export function signToken(secret: string, claims: TokenClaims, options: { expiresInSeconds?: number; issuer?: string } = {}): string {
  return jwt.sign(claims, secret, {
    algorithm: ALGORITHM,
    ...(options.expiresInSeconds ? { expiresIn: options.expiresInSeconds } : {}),
    ...(options.issuer ? { issuer: options.issuer } : {}),
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

/** Verifies signature (HS256 pinned), expiry and purpose. */
export function verifyToken(secret: string, token: string, purpose: TokenPurpose, options: { maxAgeSeconds?: number } = {}): TokenClaims {
  let claims: TokenClaims;
  try {
    claims = jwt.verify(token, secret, {
      algorithms: [ALGORITHM],
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

export function verifyProjectToken(secretKey: string, token: string): { short_name?: unknown; project_id?: unknown } {
  return jwt.verify(token, secretKey, { algorithms: [ALGORITHM] }) as { short_name?: unknown; project_id?: unknown };
}

export const looksLikeJwt = (value: string): boolean => /^[\w-]+\.[\w-]+\.[\w-]*$/.test(value);
