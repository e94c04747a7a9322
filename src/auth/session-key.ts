// Session tokens (GraphQL login) are bound to the password: a fingerprint of the stored hash, so a
// password change revokes them, while JSend's one-live-token rotation (token_key) leaves them alone.
import { createHmac } from 'node:crypto';

export function sessionKey(passwdHash: string | null, secret: string): string {
  return createHmac('sha256', secret).update(`session:${passwdHash ?? ''}`).digest('base64url').slice(0, 22);
}
