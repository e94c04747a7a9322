// Tokens for federation systems: 24-hour OpenTrack v1 bearer tokens (JWT, typ "opentrack"), accepted
// by the v1 routes, and the older API's static tokens, accepted by the older routes (src/auth/tokens.ts).
import { Arg, Ctx, Mutation, Resolver } from 'type-graphql';
import type { GantryContext } from '../../graphql/context.ts';
import type { UserRow } from '../../db/tables.ts';
import { AccessToken, StaticToken } from './access-token.type.ts';
import { revokeStaticToken, staticTokenFor } from './access-token.repository.ts';
import { findUserByNameOrEmail } from '../user/user.repository.ts';
import { signInOutcome } from '../../auth/passwords.ts';
import { signToken } from '../../auth/tokens.ts';
import { sessionKey } from '../../auth/session-key.ts';
import { requireUser } from '../../auth/policies.ts';
import { unauthenticated } from '../../graphql/errors.ts';
import { guardCredentialAttempt, notAGuess, passwordTarget } from '../../auth/attempts.ts';

export const ACCESS_TOKEN_TTL_SECONDS = 24 * 3600;

async function checkCredentials(ctx: GantryContext, username: string, password: string): Promise<UserRow> {
  // Password guessing on the token routes is limited like sign-in (src/auth/attempts.ts).
  const found = await findUserByNameOrEmail(ctx.db, username);
  return guardCredentialAttempt(ctx, passwordTarget(found, username), async () => {
    const { user, rightPassword } = await signInOutcome(found, password);
    if (!user) {
      const refusal = unauthenticated('Incorrect username or password', 'bad_credentials');
      throw rightPassword ? notAGuess(refusal) : refusal;
    }
    return user;
  });
}

@Resolver()
export class AccessTokenResolver {
  @Mutation(() => AccessToken, { description: 'OpenTrack v1 login: a bearer token valid 24 hours. username is the email or the user name.' })
  async issueAccessToken(
    @Arg('username', () => String) username: string,
    @Arg('password', () => String) password: string,
    @Ctx() ctx: GantryContext,
  ): Promise<AccessToken> {
    const user = await checkCredentials(ctx, username, password);
    const accessToken = signToken(
      ctx.config.jwtSecret,
      // Bound to the credentials: a password change, a deactivation or JSend's invalidate revokes it.
      { typ: 'opentrack', sub: String(user.id), tk: sessionKey(user, ctx.config.jwtSecret, 'opentrack') },
      { expiresInSeconds: ACCESS_TOKEN_TTL_SECONDS, issuer: ctx.config.baseUrl },
    );
    return { accessToken, tokenType: 'bearer', expiresIn: ACCESS_TOKEN_TTL_SECONDS };
  }

  @Mutation(() => StaticToken, { description: "The older API's login: your static token (the same one until revoked)." })
  async issueStaticToken(
    @Arg('username', () => String) username: string,
    @Arg('password', () => String) password: string,
    @Ctx() ctx: GantryContext,
  ): Promise<StaticToken> {
    const user = await checkCredentials(ctx, username, password);
    return { token: await staticTokenFor(ctx.db, user.id) };
  }

  @Mutation(() => Boolean, { description: 'Revokes your static token; the next issueStaticToken makes a new one. False if you had none.' })
  revokeStaticToken(@Ctx() ctx: GantryContext): Promise<boolean> {
    return revokeStaticToken(ctx.db, requireUser(ctx.viewer).id);
  }
}
