// Race-server settings: defaults come from the environment (config.raceDefaults); administrators
// override them in the settings table. They are read at request time, so a change applies at once
// to every gateway process, and (as in the original) to secrets that were already set.
import { sql } from 'kysely';
import type { DB } from '../../db/index.ts';
import type { Config } from '../../config.ts';
import type { GantryContext } from '../../graphql/context.ts';

export type RaceSettings = Config['raceDefaults'];
export type SettingKey = keyof RaceSettings;

export const SETTING_KEYS: SettingKey[] = [
  'API_SECRET_TIME_TO_LIVE',
  'IS_API_SECRET_ONE_TIME_PW',
  'IS_STUDENT_API_OTP_ALLOWED',
  'TASK_NAME_FOR_API',
  'IS_ADMIN_API_ENABLED',
];

/** Longest secret lifetime an administrator may set: ten years, as the environment allows. */
export const MAX_TTL_SECONDS = 10 * 365 * 24 * 3600;

const validValue = (key: SettingKey, value: unknown): boolean => {
  if (key === 'API_SECRET_TIME_TO_LIVE') return Number.isInteger(value) && (value as number) >= 0 && (value as number) <= MAX_TTL_SECONDS;
  if (key === 'TASK_NAME_FOR_API') return typeof value === 'string';
  return typeof value === 'boolean';
};

export interface SettingsSnapshot {
  values: RaceSettings;
  /** Keys an administrator has set (the rest are the environment's defaults). */
  overridden: SettingKey[];
}

export async function readSettings(db: DB, config: Config): Promise<SettingsSnapshot> {
  const rows = await db.selectFrom('settings').select(['key', 'value']).where('key', 'in', SETTING_KEYS).execute();
  const values: Record<string, unknown> = { ...config.raceDefaults };
  const overridden: SettingKey[] = [];
  for (const row of rows) {
    const key = row.key as SettingKey;
    // A stored value of the wrong shape (edited by hand) falls back to the default.
    if (!validValue(key, row.value)) continue;
    values[key] = row.value;
    overridden.push(key);
  }
  return { values: values as RaceSettings, overridden: SETTING_KEYS.filter((k) => overridden.includes(k)) };
}

export async function writeSettings(db: DB, changes: Partial<RaceSettings>, reset: SettingKey[], at: Date): Promise<void> {
  if (reset.length) await db.deleteFrom('settings').where('key', 'in', reset).execute();
  for (const [key, value] of Object.entries(changes)) {
    if (value === undefined) continue;
    await db
      .insertInto('settings')
      .values({ key, value: JSON.stringify(value), updated: at })
      .onConflict((oc) => oc.column('key').doUpdateSet({ value: sql`excluded.value`, updated: at }))
      .execute();
  }
}

// One read per request, shared by every field that needs a setting.
const perRequest = new WeakMap<GantryContext, Promise<SettingsSnapshot>>();

export function settingsFor(ctx: GantryContext): Promise<SettingsSnapshot> {
  let snapshot = perRequest.get(ctx);
  if (!snapshot) {
    snapshot = readSettings(ctx.db, ctx.config);
    perRequest.set(ctx, snapshot);
  }
  return snapshot;
}

export function forgetSettings(ctx: GantryContext): void {
  perRequest.delete(ctx);
}
