// Row types of the physical schema (migrations/). Generated<T> marks columns the database fills.
import type { ColumnType, Generated, Insertable, Selectable, Updateable } from 'kysely';

type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
type Json = ColumnType<unknown, string | undefined, string>;
type JsonNullable = ColumnType<unknown, string | null | undefined, string | null>;

export interface UsersTable {
  id: Generated<number>;
  created: Timestamp;
  updated: Timestamp;
  name: string;
  fullname: Generated<string>;
  email_addr: string | null;
  locale: Generated<string>;
  api_key: string;
  passwd_hash: string | null;
  admin: Generated<boolean>;
  pro: Generated<boolean>;
  privacy_mode: Generated<boolean>;
  restrict: Generated<boolean>;
  valid_email: Generated<boolean>;
  active: Generated<boolean>;
  info: Json;
  token_key: Generated<string>;
  /** Bound into session and OpenTrack v1 tokens; rotated to revoke them (migrations/0003). */
  session_key: Generated<string>;
  race_api_key: string | null;
  api_secret_hash: string | null;
  api_secret_at: Date | null;
  api_secret_count: Generated<number>;
  is_api_secret_otp: Generated<boolean>;
  /** 0002: raw text and time of the user's last race-server upload attempt. */
  latest_json: string | null;
  uploaded_at: Date | null;
}

export interface UserGroupsTable {
  user_id: number;
  name: string;
}

export interface AuthTokensTable {
  key: string;
  user_id: number;
  created: Timestamp;
}

export interface SettingsTable {
  key: string;
  value: Json;
  updated: Timestamp;
}

export interface CategoriesTable {
  id: Generated<number>;
  created: Timestamp;
  name: string;
  short_name: string;
  description: string;
  info: Json;
}

export interface ProjectsTable {
  id: Generated<number>;
  created: Timestamp;
  updated: Timestamp;
  name: string;
  short_name: string;
  description: string;
  long_description: Generated<string>;
  webhook: string | null;
  allow_anonymous_contributors: Generated<boolean>;
  published: Generated<boolean>;
  featured: Generated<boolean>;
  secret_key: Generated<string>;
  zip_download: Generated<boolean>;
  contacted: Generated<boolean>;
  owner_id: number;
  category_id: number | null;
  info: Json;
  owners_ids: ColumnType<number[], number[] | undefined, number[]>;
}

export interface TasksTable {
  id: Generated<number>;
  created: Timestamp;
  project_id: number;
  state: Generated<'ongoing' | 'completed'>;
  quorum: Generated<number>;
  calibration: Generated<number>;
  priority_0: Generated<number>;
  info: Json;
  n_answers: Generated<number>;
  n_task_runs: Generated<number>;
  fav_user_ids: number[] | null;
}

export interface TaskRunsTable {
  id: Generated<number>;
  created: Timestamp;
  project_id: number;
  task_id: number;
  user_id: number | null;
  user_ip: string | null;
  finish_time: Timestamp;
  timeout: number | null;
  calibration: number | null;
  external_uid: string | null;
  media_url: string | null;
  info: JsonNullable;
}

export interface ResultsTable {
  id: Generated<number>;
  created: Timestamp;
  project_id: number;
  task_id: number;
  task_run_ids: number[];
  last_version: Generated<boolean>;
  info: JsonNullable;
}

export interface TaskStampsTable {
  identity: string;
  task_id: number;
  created: Timestamp;
  expires_at: Timestamp;
}

export interface CompetitionsTable {
  id: Generated<string>;
  created: Timestamp;
  updated: Timestamp;
  full_name: string;
  short_name: string | null;
  slug: string;
  name_local: string | null;
  country_id: string;
  address: string | null;
  city: string | null;
  venue_id: string | null;
  latitude: number | null;
  longitude: number | null;
  altitude: number | null;
  date: string;
  finish_date: string;
  year: number;
  wa_rankings_category_id: string | null;
  age_groups: string[] | null;
  national_id: string | null;
  basic_description: string | null;
  contact_details: string | null;
  organiser_id: string | null;
  website: string | null;
  entry_link: string | null;
  results_link: string | null;
  events: Json;
  created_by: number | null;
}

export interface CompetitionRolesTable {
  competition_id: string;
  user_id: number;
  role: string;
}

export interface BuggiesTable {
  user_id: number;
  created: Timestamp;
  updated: Timestamp;
  buggy_id: Generated<number>;
  qty_wheels: Generated<number>;
  power_type: Generated<string>;
  power_units: Generated<number>;
  aux_power_type: Generated<string>;
  aux_power_units: Generated<number>;
  hamster_booster: Generated<number>;
  flag_color: Generated<string>;
  flag_pattern: Generated<string>;
  flag_color_secondary: Generated<string>;
  tyres: Generated<string>;
  qty_tyres: Generated<number>;
  armour: Generated<string>;
  attack: Generated<string>;
  qty_attacks: Generated<number>;
  fireproof: Generated<boolean>;
  insulated: Generated<boolean>;
  antibiotic: Generated<boolean>;
  banging: Generated<boolean>;
  algo: Generated<string>;
  total_cost: number | null;
  mass: number | null;
  latest_json: string | null;
  uploaded_at: Date | null;
}

export interface Database {
  users: UsersTable;
  user_groups: UserGroupsTable;
  auth_tokens: AuthTokensTable;
  settings: SettingsTable;
  categories: CategoriesTable;
  projects: ProjectsTable;
  tasks: TasksTable;
  task_runs: TaskRunsTable;
  results: ResultsTable;
  task_stamps: TaskStampsTable;
  competitions: CompetitionsTable;
  competition_roles: CompetitionRolesTable;
  buggies: BuggiesTable;
}

export type UserRow = Selectable<UsersTable>;
export type CategoryRow = Selectable<CategoriesTable>;
export type ProjectRow = Selectable<ProjectsTable>;
export type TaskRow = Selectable<TasksTable>;
export type TaskRunRow = Selectable<TaskRunsTable>;
export type ResultRow = Selectable<ResultsTable>;
export type CompetitionRow = Selectable<CompetitionsTable>;
export type BuggyRow = Selectable<BuggiesTable>;
export type NewUser = Insertable<UsersTable>;
export type UserUpdate = Updateable<UsersTable>;
