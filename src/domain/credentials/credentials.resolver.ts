import { Arg, Ctx, FieldResolver, Mutation, Query, Resolver, Root } from 'type-graphql';
import { sql } from 'kysely';
import { guardCredentialAttempt } from '../../auth/attempts.ts';
import type { GantryContext } from '../../graphql/context.ts';
import type { UserRow } from '../../db/tables.ts';
import { badInput, unauthenticated } from '../../graphql/errors.ts';
import { Problems } from '../../graphql/validation.ts';
import { isSelfOrAdmin, requireAdmin, requireUser } from '../../auth/policies.ts';
import { User } from '../user/user.type.ts';
import { BuggyUploadResult } from '../buggy/buggy.type.ts';
import { uploadBuggyText, type UploadOutcome } from '../buggy/upload.ts';
import { pyStrip } from '../buggy/python-values.ts';
import { now } from './clock.ts';
import { ApiSecretStatus, JsendTokenOwner, JsendTokenPayload, SettingName, Settings, UpdateSettingsInput } from './credentials.type.ts';
import { authenticateForToken, JSEND_MESSAGES, rotateTokenKey, signJsendToken, splitFullname } from './jsend-tokens.ts';
import { checkRaceCredentials, secretExpired } from './race-credentials.ts';
import { revokeDerivedCredentials } from '../user/revocation.ts';
import { generateRaceApiKey, hashApiSecret, verifyApiSecret } from './secrets.ts';
import { forgetSettings, MAX_TTL_SECONDS, settingsFor, writeSettings, type RaceSettings, type SettingsSnapshot } from './settings.ts';

const MAX_USERNAMES = 1000;
const SECRET_MIN = 4;
const SECRET_MAX = 64;

function settingsView({ values, overridden }: SettingsSnapshot): Settings {
  return {
    apiSecretTimeToLive: values.API_SECRET_TIME_TO_LIVE,
    isApiSecretOneTimePw: values.IS_API_SECRET_ONE_TIME_PW,
    isStudentApiOtpAllowed: values.IS_STUDENT_API_OTP_ALLOWED,
    taskNameForApi: values.TASK_NAME_FOR_API,
    isAdminApiEnabled: values.IS_ADMIN_API_ENABLED,
    overridden: overridden as SettingName[],
  };
}

function secretStatus(user: UserRow, settings: RaceSettings, at: Date): ApiSecretStatus | null {
  if (user.api_secret_hash === null) return null;
  const setAt = user.api_secret_at;
  return {
    setAt,
    expiresAt: setAt ? new Date(setAt.getTime() + settings.API_SECRET_TIME_TO_LIVE * 1000) : null,
    oneTime: user.is_api_secret_otp,
    used: user.is_api_secret_otp && user.api_secret_count > 0,
    expired: !setAt || secretExpired(setAt, at, settings.API_SECRET_TIME_TO_LIVE),
  };
}

/** The named users, all of them, or a BAD_USER_INPUT naming the unknown ones (nothing changes). */
async function usersNamed(ctx: GantryContext, usernames: string[]): Promise<UserRow[]> {
  const names = [...new Set(usernames.map((n) => n.trim()))];
  if (names.length === 0 || names.includes('')) throw badInput('Give one or more user names.', [{ field: 'usernames', message: 'must name at least one user, with no blank names' }]);
  if (names.length > MAX_USERNAMES) throw badInput(`Give at most ${MAX_USERNAMES} user names at a time.`, [{ field: 'usernames', message: `at most ${MAX_USERNAMES}` }]);
  const searchable = names.filter((n) => !n.includes('\0'));
  const rows = searchable.length ? await ctx.db.selectFrom('users').selectAll().where('name', 'in', searchable).execute() : [];
  const unknown = names.filter((n) => !rows.some((r) => r.name === n));
  if (unknown.length) {
    throw badInput(`No user is named ${unknown.map((n) => JSON.stringify(n)).join(', ')}: nothing was changed.`, [
      { field: 'usernames', message: `unknown: ${unknown.join(', ')}` },
    ], 'unknown_users');
  }
  return rows;
}

@Resolver()
export class CredentialsResolver {
  // ---- JSend (Submitty-style) tokens

  @Mutation(() => JsendTokenPayload, {
    description: 'Submitty-style API token for a user id (the exact name, or in another case when exactly one user has it) and password. Every earlier token of the user stops working.',
  })
  async issueJsendToken(
    @Arg('userId', () => String, { nullable: true }) userId: string | null,
    @Arg('password', () => String, { nullable: true }) password: string | null,
    @Ctx() ctx: GantryContext,
  ): Promise<JsendTokenPayload> {
    const user = await authenticateForToken(ctx.db, userId, password, (target, check) => guardCredentialAttempt(ctx, target, check));
    const tokenKey = await rotateTokenKey(ctx.db, user.id);
    return { token: signJsendToken(ctx.config, user.id, tokenKey), user: { ...user, token_key: tokenKey } };
  }

  @Mutation(() => Boolean, {
    description:
      "Revokes every credential derived from the user's password without issuing a new one: the JSend token, GraphQL session tokens, OpenTrack v1 bearer tokens and the OpenTrack static token. The PYBOSSA API key stays (rotateApiKey changes it).",
  })
  async invalidateJsendToken(
    @Arg('userId', () => String, { nullable: true }) userId: string | null,
    @Arg('password', () => String, { nullable: true }) password: string | null,
    @Ctx() ctx: GantryContext,
  ): Promise<boolean> {
    const user = await authenticateForToken(ctx.db, userId, password, (target, check) => guardCredentialAttempt(ctx, target, check));
    await ctx.db.transaction().execute((trx) => revokeDerivedCredentials(trx, user.id));
    return true;
  }

  @Query(() => JsendTokenOwner, { description: 'Whether the JSend token sent in Authorization is live, and whose it is; UNAUTHENTICATED otherwise.' })
  jsendTokenOwner(@Ctx() ctx: GantryContext): JsendTokenOwner {
    const user = ctx.viewer.user;
    if (!user || ctx.viewer.credential !== 'jsend-token') throw unauthenticated(JSEND_MESSAGES.unauthenticated, 'no_live_token');
    const { given, family } = splitFullname(user.fullname);
    return { userId: user.name, givenName: given, familyName: family, user };
  }

  // ---- Race-server keys, secrets and settings

  @Mutation(() => [User], { description: 'Administrators: give each named user a fresh race-server API key (16 upper-case hex characters).' })
  async generateApiKeys(@Arg('usernames', () => [String]) usernames: string[], @Ctx() ctx: GantryContext): Promise<UserRow[]> {
    requireAdmin(ctx.viewer);
    const users = await usersNamed(ctx, usernames);
    const ids = users.map((u) => u.id);
    const keys = users.map(() => generateRaceApiKey());
    return ctx.db.transaction().execute(async (trx) => {
      const { rows } = await sql<UserRow>`
        UPDATE users SET race_api_key = k.key
        FROM unnest(${ids}::int[], ${keys}::text[]) AS k(id, key)
        WHERE users.id = k.id
        RETURNING users.*`.execute(trx);
      return rows.sort((a, b) => a.name.localeCompare(b.name));
    });
  }

  @Mutation(() => [User], { description: 'Administrators: remove the race-server API key of each named user.' })
  async clearApiKeys(@Arg('usernames', () => [String]) usernames: string[], @Ctx() ctx: GantryContext): Promise<UserRow[]> {
    requireAdmin(ctx.viewer);
    const users = await usersNamed(ctx, usernames);
    return ctx.db.transaction().execute(async (trx) => {
      const rows = await trx
        .updateTable('users')
        .set({ race_api_key: null })
        .where('id', 'in', users.map((u) => u.id))
        .returningAll()
        .execute();
      return rows.sort((a, b) => a.name.localeCompare(b.name));
    });
  }

  @Mutation(() => ApiSecretStatus, {
    description:
      'Set your race-server API secret: 4-64 characters, no spaces, different from the current one. It is stored hashed and never shown again. `oneTime` chooses a one-time secret where users may choose (IS_STUDENT_API_OTP_ALLOWED).',
  })
  async setApiSecret(
    @Arg('secret', () => String) secret: string,
    @Arg('oneTime', () => Boolean, { nullable: true }) oneTime: boolean | null,
    @Ctx() ctx: GantryContext,
  ): Promise<ApiSecretStatus> {
    const user = requireUser(ctx.viewer);
    const { values: settings } = await settingsFor(ctx);
    const problems = new Problems();
    const length = [...secret].length;
    if (length < SECRET_MIN || length > SECRET_MAX) problems.add('secret', `secret must be ${SECRET_MIN} to ${SECRET_MAX} characters (got ${length}).`);
    if (/\s/.test(secret)) problems.add('secret', 'secret must not contain spaces or other whitespace.');
    let otp: boolean;
    if (settings.IS_STUDENT_API_OTP_ALLOWED) {
      otp = oneTime ?? user.is_api_secret_otp;
    } else {
      otp = settings.IS_API_SECRET_ONE_TIME_PW;
      if (oneTime !== null && oneTime !== undefined && oneTime !== otp) {
        problems.add('oneTime', `Secrets here are always ${otp ? 'one-time' : 'reusable'}: users may not choose (leave oneTime out).`);
      }
    }
    problems.throwIfAny('The secret was not set.');
    if (user.api_secret_hash && verifyApiSecret(ctx.config.jwtSecret, user.id, secret, user.api_secret_hash)) {
      throw badInput('The new secret must be different from the last one.', [{ field: 'secret', message: 'same as the current secret' }], 'same_secret');
    }
    const at = now();
    const updated = await ctx.db.transaction().execute((trx) =>
      trx
        .updateTable('users')
        .set({ api_secret_hash: hashApiSecret(ctx.config.jwtSecret, user.id, secret), api_secret_at: at, api_secret_count: 0, is_api_secret_otp: otp })
        .where('id', '=', user.id)
        .returningAll()
        .executeTakeFirstOrThrow(),
    );
    return secretStatus(updated, settings, at)!;
  }

  @Query(() => Settings, { description: 'Race-server settings in force (the API page shows them; only administrators change them).' })
  async settings(@Ctx() ctx: GantryContext): Promise<Settings> {
    return settingsView(await settingsFor(ctx));
  }

  @Mutation(() => Settings, { description: 'Administrators: change race-server settings; `reset` returns the named ones to the environment defaults.' })
  async updateSettings(
    @Arg('input', () => UpdateSettingsInput, { nullable: true }) input: UpdateSettingsInput | null,
    @Arg('reset', () => [SettingName], { nullable: true }) reset: SettingName[] | null,
    @Ctx() ctx: GantryContext,
  ): Promise<Settings> {
    requireAdmin(ctx.viewer);
    const problems = new Problems();
    problems.intRange('apiSecretTimeToLive', input?.apiSecretTimeToLive, 0, MAX_TTL_SECONDS);
    const task = input?.taskNameForApi;
    if (task !== null && task !== undefined) {
      if (task.length > 255) problems.add('taskNameForApi', `taskNameForApi must be at most 255 characters (got ${task.length}).`);
      // eslint-disable-next-line no-control-regex -- control characters are exactly what is refused
      if (/[\u0000-\u001f\u007f]/.test(task)) problems.add('taskNameForApi', 'taskNameForApi must not contain control characters.');
    }
    const changes: Partial<RaceSettings> = {};
    const set = <K extends keyof RaceSettings>(key: K, value: RaceSettings[K] | null | undefined) => {
      if (value !== null && value !== undefined) changes[key] = value;
    };
    set('API_SECRET_TIME_TO_LIVE', input?.apiSecretTimeToLive);
    set('IS_API_SECRET_ONE_TIME_PW', input?.isApiSecretOneTimePw);
    set('IS_STUDENT_API_OTP_ALLOWED', input?.isStudentApiOtpAllowed);
    set('TASK_NAME_FOR_API', task?.trim());
    set('IS_ADMIN_API_ENABLED', input?.isAdminApiEnabled);
    const resetKeys = [...new Set(reset ?? [])];
    for (const key of resetKeys) {
      if (key in changes) problems.add('reset', `${key} cannot be both changed and reset.`);
    }
    problems.throwIfAny('The settings were not changed.');
    const at = now();
    await ctx.db.transaction().execute((trx) => writeSettings(trx, changes, resetKeys, at));
    forgetSettings(ctx);
    return settingsView(await settingsFor(ctx));
  }

  @Mutation(() => BuggyUploadResult, {
    description:
      'The race server\'s upload: checks user name + API key + secret in the original\'s order (UNAUTHENTICATED with its exact text, `reason` naming the rule), spends a one-time secret, then uploads as uploadBuggy does.',
  })
  async uploadBuggyWithApiKey(
    @Arg('user', () => String, { nullable: true }) user: string | null,
    @Arg('key', () => String, { nullable: true }) key: string | null,
    @Arg('secret', () => String, { nullable: true }) secret: string | null,
    @Arg('buggyJson', () => String, { nullable: true }) buggyJson: string | null,
    @Ctx() ctx: GantryContext,
  ): Promise<UploadOutcome> {
    const { values: settings } = await settingsFor(ctx);
    const at = now();
    // The attempt guard counts failures in the rate-limit store, which may share the database pool:
    // it runs outside the transaction, or concurrent uploads would each hold a connection while
    // waiting for another (a pool deadlock, answered 503 once the pool's wait times out).
    // The target is the race-server user named (the key and the secret are theirs).
    return guardCredentialAttempt(ctx, `race-user:${pyStrip(user ?? '')}`, () =>
      ctx.db.transaction().execute(async (trx) => {
        const owner = await checkRaceCredentials(trx, ctx.config.jwtSecret, settings, { user, key, secret }, at);
        // From here on the request acts as that user.
        ctx.viewer = { ...ctx.viewer, user: owner, credential: 'race-key' };
        return uploadBuggyText(trx, owner.id, buggyJson, at, ctx.config.maxInfoBytes);
      }),
    );
  }
}

/** Race-server credential fields of User; visible to the user and administrators. */
@Resolver(() => User)
export class UserCredentialsResolver {
  @FieldResolver(() => String, { nullable: true, description: 'Race-server API key (staff issue it); visible to the user and administrators.' })
  raceApiKey(@Root() user: UserRow, @Ctx() ctx: GantryContext): string | null {
    return isSelfOrAdmin(ctx.viewer, user.id) ? user.race_api_key : null;
  }

  @FieldResolver(() => ApiSecretStatus, { nullable: true, description: 'Race-server API secret state (null when none is set); visible to the user and administrators.' })
  async apiSecret(@Root() user: UserRow, @Ctx() ctx: GantryContext): Promise<ApiSecretStatus | null> {
    if (!isSelfOrAdmin(ctx.viewer, user.id) || user.api_secret_hash === null) return null;
    return secretStatus(user, (await settingsFor(ctx)).values, now());
  }
}

export const credentialsResolvers = [CredentialsResolver, UserCredentialsResolver] as const;
