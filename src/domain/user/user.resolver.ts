import { Arg, Args, Ctx, FieldResolver, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import { DateTimeISOResolver, GraphQLJSON } from 'graphql-scalars';
import { randomUUID } from 'node:crypto';
import { Reads } from '../../graphql/selection.ts';
import type { GantryContext } from '../../graphql/context.ts';
import type { UserRow, UserUpdate } from '../../db/tables.ts';
import { LoginPayload, User } from './user.type.ts';
import { CreateUserInput, UpdateUserInput, UserConnectionArgs, UserListArgs } from './user.input.ts';
import { findUserByNameOrEmail, insertUser, registerUser, updateUserRow, userListSpec } from './user.repository.ts';
import { listRows } from '../../db/list-query.ts';
import { Problems, isEmail, refuseEmptyRequired } from '../../graphql/validation.ts';
import { conflict, GantryError, notFound, unauthenticated, badInput } from '../../graphql/errors.ts';
import { isSelfOrAdmin, refuse, requireUser } from '../../auth/policies.ts';
import { hashPassword, signInOutcome, verifyPassword } from '../../auth/passwords.ts';
import { signToken } from '../../auth/tokens.ts';
import { sessionKey } from '../../auth/session-key.ts';
import { aGuess, guardCredentialAttempt, notAGuess, passwordTarget } from '../../auth/attempts.ts';
import { deleteStaticTokens, revokedKeys } from './revocation.ts';
import { isForeignKeyViolation } from '../../db/errors.ts';
import { ConnectionType } from '../../graphql/connection.ts';
import { connectionRows } from '../../db/list-query.ts';
import { canSeeUser, userReadability } from './user.visibility.ts';
import { storedJson } from '../../graphql/response-budget.ts';

const SESSION_TTL_SECONDS = 7 * 24 * 3600;
const NAME = /^[A-Za-z0-9._-]{3,50}$/;

const UserConnection = ConnectionType('User', User);


/** Can the viewer see this user's public profile at all? Restricted users are visible only to themselves. */
function canSee(ctx: GantryContext, user: UserRow): boolean {
  return canSeeUser(ctx.viewer, user);
}

const seesPrivate = (ctx: GantryContext, user: UserRow) => isSelfOrAdmin(ctx.viewer, user.id);
/** fullname and created: private fields, shown to others only when the user left privacy mode. */
const seesProfile = (ctx: GantryContext, user: UserRow) => seesPrivate(ctx, user) || !user.privacy_mode;

export function sessionToken(ctx: GantryContext, user: UserRow): string {
  return signToken(ctx.config.jwtSecret, { typ: 'session', sub: String(user.id), tk: sessionKey(user, ctx.config.jwtSecret, 'session') }, { expiresInSeconds: SESSION_TTL_SECONDS, issuer: ctx.config.baseUrl });
}

function validateUserFields(problems: Problems, input: { name?: string | null; email?: string | null; password?: string | null; fullname?: string | null; locale?: string | null }) {
  if (input.name !== undefined && input.name !== null && !NAME.test(input.name)) {
    problems.add('name', 'name must be 3-50 letters, digits, dots, dashes or underscores.');
  }
  if (input.email !== undefined && input.email !== null && (!isEmail(input.email) || input.email.length > 254)) {
    problems.add('email', 'email must be an email address such as ada@example.org.');
  }
  if (input.password !== undefined && input.password !== null && (input.password.length < 8 || input.password.length > 200)) {
    problems.add('password', 'password must be 8 to 200 characters.');
  }
  problems.text('fullname', input.fullname, { min: 0, max: 200 });
  if (input.locale !== undefined && input.locale !== null && !/^[a-z]{2}(?:[-_][A-Za-z]{2})?$/.test(input.locale)) {
    problems.add('locale', 'locale must be a language code such as en or pt_BR.');
  }
}

@Resolver(() => User)
export class UserResolver {
  @Query(() => User, { nullable: true, description: 'The signed-in user, or null.' })
  me(@Ctx() ctx: GantryContext): UserRow | null {
    return ctx.viewer.user;
  }

  @Query(() => User, { nullable: true })
  async user(@Arg('id', () => Int) id: number, @Ctx() ctx: GantryContext): Promise<UserRow | null> {
    const user = await ctx.loaders.byId<UserRow>('users').load(id);
    if (!user) return null;
    if (!canSee(ctx, user)) refuse(ctx.viewer, 'This user is private.', 'restricted');
    return user;
  }

  @Query(() => [User], { description: 'Users; restricted users never appear.' })
  users(@Args(() => UserListArgs) args: UserListArgs, @Ctx() ctx: GantryContext): Promise<UserRow[]> {
    const privateFilter = !ctx.viewer.user?.admin && Boolean(args.filter?.fullname !== undefined || args.created);
    return listRows<UserRow>(ctx.db, { ...userListSpec({ privateFilter }), ...userReadability(ctx.viewer) }, { ...args, filter: { ...args.filter } });
  }

  @Query(() => UserConnection)
  usersConnection(@Args(() => UserConnectionArgs) args: UserConnectionArgs, @Ctx() ctx: GantryContext) {
    const privateFilter = !ctx.viewer.user?.admin && Boolean(args.filter?.fullname !== undefined || args.created);
    return connectionRows<UserRow>(ctx.db, { ...userListSpec({ privateFilter }), ...userReadability(ctx.viewer) }, { ...args, filter: { ...args.filter } });
  }

  @FieldResolver(() => String, { nullable: true, description: 'Private unless the user left privacy mode.' })
  @Reads('fullname', 'privacy_mode')
  fullname(@Root() user: UserRow, @Ctx() ctx: GantryContext): string | null {
    return seesProfile(ctx, user) ? user.fullname : null;
  }

  @FieldResolver(() => DateTimeISOResolver, { nullable: true, description: 'Private unless the user left privacy mode.' })
  @Reads('created', 'privacy_mode')
  created(@Root() user: UserRow, @Ctx() ctx: GantryContext): Date | null {
    return seesProfile(ctx, user) ? user.created : null;
  }

  @FieldResolver(() => String, { nullable: true, description: 'Visible to the user and administrators.' })
  @Reads('email_addr')
  emailAddr(@Root() user: UserRow, @Ctx() ctx: GantryContext): string | null {
    return seesPrivate(ctx, user) ? user.email_addr : null;
  }

  @FieldResolver(() => String, { nullable: true, description: 'The PYBOSSA API key; visible to the user and administrators.' })
  @Reads('api_key')
  apiKey(@Root() user: UserRow, @Ctx() ctx: GantryContext): string | null {
    return seesPrivate(ctx, user) ? user.api_key : null;
  }

  @FieldResolver(() => Boolean, { nullable: true })
  @Reads('admin')
  admin(@Root() user: UserRow, @Ctx() ctx: GantryContext): boolean | null {
    return seesPrivate(ctx, user) ? user.admin : null;
  }

  @FieldResolver(() => Boolean, { nullable: true })
  @Reads('privacy_mode')
  privacyMode(@Root() user: UserRow, @Ctx() ctx: GantryContext): boolean | null {
    return seesPrivate(ctx, user) ? user.privacy_mode : null;
  }

  @FieldResolver(() => Boolean, { nullable: true })
  @Reads('restrict')
  restrict(@Root() user: UserRow, @Ctx() ctx: GantryContext): boolean | null {
    return seesPrivate(ctx, user) ? user.restrict : null;
  }

  @FieldResolver(() => Boolean, { nullable: true })
  @Reads('active')
  active(@Root() user: UserRow, @Ctx() ctx: GantryContext): boolean | null {
    return seesPrivate(ctx, user) ? user.active : null;
  }

  @FieldResolver(() => GraphQLJSON, { nullable: true })
  @Reads('info')
  info(@Root() user: UserRow, @Ctx() ctx: GantryContext): unknown {
    return seesPrivate(ctx, user) ? user.info : null;
  }

  @Mutation(() => LoginPayload, { description: 'Sign in with a name or email and a password.' })
  async login(
    @Arg('nameOrEmail', () => String) nameOrEmail: string,
    @Arg('password', () => String) password: string,
    @Ctx() ctx: GantryContext,
  ): Promise<LoginPayload> {
    const found = await findUserByNameOrEmail(ctx.db, nameOrEmail);
    return guardCredentialAttempt(ctx, passwordTarget(found, nameOrEmail), async () => {
      const { user, rightPassword } = await signInOutcome(found, password);
      if (!user) {
        const refusal = unauthenticated('The name/email or password is not right.', 'bad_credentials');
        throw rightPassword ? notAGuess(refusal) : refusal;
      }
      return { token: sessionToken(ctx, user), user };
    });
  }

  @Mutation(() => User, {
    description:
      'Register a user. Anyone may register; only administrators create administrators. The answer does not tell whether the email is already registered: when it is, the new account is made without an email (sign in with its name; if you already have an account with that email, sign in with that one instead, by name or email). A taken name is refused (names are public). Administrators are told about a taken email.',
  })
  async createUser(@Arg('input', () => CreateUserInput) input: CreateUserInput, @Ctx() ctx: GantryContext): Promise<UserRow> {
    const problems = new Problems();
    validateUserFields(problems, input);
    problems.throwIfAny();
    if (input.admin && !ctx.viewer.user?.admin) refuse(ctx.viewer, 'Only administrators may create administrators.', 'admin_only');
    if (!ctx.viewer.user?.admin) {
      return registerUser(ctx.db, {
        name: input.name,
        fullname: input.fullname?.trim() || input.name,
        email: input.email.trim(),
        password: input.password,
        locale: input.locale ?? 'en',
      });
    }
    return insertUser(ctx.db, {
      name: input.name,
      fullname: input.fullname?.trim() || input.name,
      email: input.email.trim(),
      password: input.password,
      locale: input.locale ?? 'en',
      admin: input.admin === true,
    });
  }

  @Mutation(() => User, { description: 'Change a user: yourself, or anyone as an administrator.' })
  async updateUser(
    @Arg('id', () => Int) id: number,
    @Arg('input', () => UpdateUserInput) input: UpdateUserInput,
    @Ctx() ctx: GantryContext,
  ): Promise<UserRow> {
    const viewer = requireUser(ctx.viewer);
    const target = await ctx.loaders.byId<UserRow>('users').load(id);
    if (!target) throw notFound('User');
    if (!isSelfOrAdmin(ctx.viewer, id)) refuse(ctx.viewer, 'You may only change your own account.', 'not_self');
    refuseEmptyRequired(input, ['name', 'email', 'fullname']);
    const problems = new Problems();
    validateUserFields(problems, input);
    for (const field of ['admin', 'restrict', 'active'] as const) {
      if (input[field] !== undefined && input[field] !== null && !viewer.admin) problems.add(field, `Only administrators may change ${field}.`);
    }
    problems.throwIfAny();
    const changes: UserUpdate = {};
    if (input.name) changes.name = input.name;
    if (input.fullname !== undefined && input.fullname !== null) changes.fullname = input.fullname.trim();
    if (input.email) changes.email_addr = input.email.trim();
    if (input.locale) changes.locale = input.locale;
    if (input.privacyMode !== undefined && input.privacyMode !== null) changes.privacy_mode = input.privacyMode;
    if (input.info) changes.info = storedJson(ctx.config, 'info', input.info);
    for (const field of ['admin', 'restrict', 'active'] as const) if (typeof input[field] === 'boolean') changes[field] = input[field];
    // Changing your own password or email (which could reset a password) asks for the current
    // password, guessed like a sign-in's (the same counter); an administrator changing someone
    // else's account does not.
    const emailChanges = changes.email_addr !== undefined && changes.email_addr !== target.email_addr;
    if ((input.password || emailChanges) && viewer.id === id && !viewer.admin) {
      await guardCredentialAttempt(ctx, passwordTarget(target, null), async () => {
        if (!(await verifyPassword(input.currentPassword ?? '', target.passwd_hash))) {
          const what = input.password ? 'password' : 'email';
          throw badInput('currentPassword is not right.', [{ field: 'currentPassword', message: `give your current password to change your ${what}` }], 'wrong_current_password');
        }
      });
    }
    if (input.password) changes.passwd_hash = await hashPassword(input.password);
    // A new password (a change or an administrator's reset) and a deactivation revoke every
    // credential derived from the password: session, JSend, OpenTrack v1 and static tokens.
    const revokes = Boolean(input.password) || (changes.active === false && target.active);
    if (revokes) Object.assign(changes, revokedKeys());
    if (Object.keys(changes).length === 0) return target;
    const write = async () => {
      try {
        return await ctx.db.transaction().execute(async (trx) => {
          const row = await updateUserRow(trx, id, changes);
          if (row && revokes) await deleteStaticTokens(trx, id);
          return row;
        });
      } catch (error) {
        // "This email is taken" tells whether an address is registered (registration does not):
        // each such refusal counts as a guess, so an account cannot test addresses in bulk.
        const fields = error instanceof GantryError ? (error.extensions.fields as { field: string }[] | undefined) : undefined;
        if (error instanceof GantryError && error.code === 'CONFLICT' && fields?.some((f) => f.field === 'email')) throw aGuess(error);
        throw error;
      }
    };
    const updated = changes.email_addr && !viewer.admin ? await guardCredentialAttempt(ctx, `email-change:${viewer.id}`, write) : await write();
    if (!updated) throw notFound('User');
    return updated;
  }

  @Mutation(() => String, { description: 'A new PYBOSSA API key for you; the old one stops working at once. Returns the new key.' })
  async rotateApiKey(@Ctx() ctx: GantryContext): Promise<string> {
    const user = requireUser(ctx.viewer);
    const apiKey = randomUUID();
    await ctx.db.updateTable('users').set({ api_key: apiKey }).where('id', '=', user.id).execute();
    return apiKey;
  }

  @Mutation(() => Boolean, { description: 'Delete a user: yourself, or anyone as an administrator.' })
  async deleteUser(@Arg('id', () => Int) id: number, @Ctx() ctx: GantryContext): Promise<boolean> {
    requireUser(ctx.viewer);
    const target = await ctx.loaders.byId<UserRow>('users').load(id);
    if (!target) throw notFound('User');
    if (!isSelfOrAdmin(ctx.viewer, id)) refuse(ctx.viewer, 'You may only delete your own account.', 'not_self');
    try {
      await ctx.db.deleteFrom('users').where('id', '=', id).execute();
    } catch (error) {
      if (isForeignKeyViolation(error)) throw conflict('This user still owns projects: delete them or give them to another owner first.');
      throw error;
    }
    return true;
  }
}
