import { Field, InputType, Int, ObjectType, registerEnumType } from 'type-graphql';
import { DateTimeISOResolver } from 'graphql-scalars';
import type { UserRow } from '../../db/tables.ts';
import { User } from '../user/user.type.ts';

export enum SettingName {
  API_SECRET_TIME_TO_LIVE = 'API_SECRET_TIME_TO_LIVE',
  IS_API_SECRET_ONE_TIME_PW = 'IS_API_SECRET_ONE_TIME_PW',
  IS_STUDENT_API_OTP_ALLOWED = 'IS_STUDENT_API_OTP_ALLOWED',
  TASK_NAME_FOR_API = 'TASK_NAME_FOR_API',
  IS_ADMIN_API_ENABLED = 'IS_ADMIN_API_ENABLED',
}
registerEnumType(SettingName, { name: 'SettingName', description: 'A race-server setting, by its configuration name.' });

@ObjectType({ description: 'Race-server settings in force: environment defaults, unless an administrator changed them.' })
export class Settings {
  @Field(() => Int, { description: 'API_SECRET_TIME_TO_LIVE: seconds an API secret works after it is set (also for secrets already set).' })
  apiSecretTimeToLive!: number;

  @Field(() => Boolean, { description: 'IS_API_SECRET_ONE_TIME_PW: secrets are one-time passwords (when users may not choose).' })
  isApiSecretOneTimePw!: boolean;

  @Field(() => Boolean, { description: 'IS_STUDENT_API_OTP_ALLOWED: each user chooses whether their secret is one-time.' })
  isStudentApiOtpAllowed!: boolean;

  @Field(() => String, { description: 'TASK_NAME_FOR_API: task(s) the API page links to, comma-separated; empty for none.' })
  taskNameForApi!: string;

  @Field(() => Boolean, { description: 'IS_ADMIN_API_ENABLED: the admin dashboard API is on.' })
  isAdminApiEnabled!: boolean;

  @Field(() => [SettingName], { description: 'Settings an administrator changed; the others are the environment defaults.' })
  overridden!: SettingName[];
}

@InputType({ description: 'Settings to change; leave a field out to keep its value.' })
export class UpdateSettingsInput {
  @Field(() => Int, { nullable: true, description: 'Seconds, 0 to 315360000.' })
  apiSecretTimeToLive?: number | null;

  @Field(() => Boolean, { nullable: true })
  isApiSecretOneTimePw?: boolean | null;

  @Field(() => Boolean, { nullable: true })
  isStudentApiOtpAllowed?: boolean | null;

  @Field(() => String, { nullable: true, description: 'Up to 255 characters; empty for no task link.' })
  taskNameForApi?: string | null;

  @Field(() => Boolean, { nullable: true })
  isAdminApiEnabled?: boolean | null;
}

@ObjectType({ description: "State of a user's race-server API secret (the secret itself is never shown)." })
export class ApiSecretStatus {
  @Field(() => DateTimeISOResolver, { nullable: true })
  setAt!: Date | null;

  @Field(() => DateTimeISOResolver, { nullable: true, description: 'When it stops working under the lifetime in force now.' })
  expiresAt!: Date | null;

  @Field(() => Boolean, { description: 'Whether the secret works for one request only.' })
  oneTime!: boolean;

  @Field(() => Boolean, { description: 'A one-time secret that has been used.' })
  used!: boolean;

  @Field(() => Boolean)
  expired!: boolean;
}

@ObjectType()
export class JsendTokenPayload {
  @Field(() => String, { description: 'Send it as the raw `Authorization` header value (or as `Bearer <token>`). Every earlier token of the user stops working.' })
  token!: string;

  @Field(() => User)
  user!: UserRow;
}

@ObjectType({ description: 'Whose JSend token authenticated this request.' })
export class JsendTokenOwner {
  @Field(() => String, { description: "Submitty's user_id: the user's name." })
  userId!: string;

  @Field(() => String, { description: 'First word of the full name.' })
  givenName!: string;

  @Field(() => String, { description: 'The rest of the full name.' })
  familyName!: string;

  @Field(() => User)
  user!: UserRow;
}
