// Session tokens (GraphQL login) and OpenTrack v1 bearer tokens are bound to the user's credentials: a
// fingerprint of the stored password hash and of users.session_key, one per token kind. A password
// change alters the hash; revoking (src/domain/user/revocation.ts) rotates the session key. JSend's
// one-live-token rotation (token_key) leaves them alone.
import { createHmac } from 'node:crypto';

export function sessionKey(user: { passwd_hash: string | null; session_key: string }, secret: string, kind: 'session' | 'opentrack'): string {
  return createHmac('sha256', secret).update(`${kind}:${user.passwd_hash ?? ''}:${user.session_key}`).digest('base64url').slice(0, 22);
}
