// Credential guessing is limited per client address: each route that checks a password, a token
// secret or an API secret counts its failures, and refuses further attempts for the rest of the
// window once RATE_LIMIT / 10 have failed (30 in 15 minutes by default). Successes cost nothing.
import type { GantryContext } from '../graphql/context.ts';
import { GantryError } from '../graphql/errors.ts';

export async function guardCredentialAttempt<T>(ctx: GantryContext, bucket: string, attempt: () => Promise<T>): Promise<T> {
  const limits = ctx.rateLimits;
  if (!limits) return attempt();
  const limit = Math.max(1, Math.floor(ctx.config.rateLimit.points / 10));
  const state = await limits.peek(`attempts:${bucket}`, ctx.viewer.ip, limit);
  if (!state.allowed) {
    throw new GantryError('RATE_LIMITED', 'Too many failed attempts from your address; try again later.', { reason: 'credential_attempts', details: { reset: state.reset } });
  }
  try {
    return await attempt();
  } catch (error) {
    if (error instanceof GantryError && (error.code === 'UNAUTHENTICATED' || error.code === 'NOT_FOUND')) {
      await limits.hit(`attempts:${bucket}`, ctx.viewer.ip, 1, limit);
    }
    throw error;
  }
}
