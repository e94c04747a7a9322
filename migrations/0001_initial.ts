// The whole physical schema. Column names follow the JSON field names of the REST dialects
// (docs/dialects/), so the mapping from a row to a PYBOSSA or OpenTrack object stays obvious.
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  const statements = [
    // ---- users (PYBOSSA user + Submitty token key + race-server key, secret and buggy owner)
    sql`CREATE TABLE users (
      id serial PRIMARY KEY,
      created timestamptz NOT NULL DEFAULT now(),
      updated timestamptz NOT NULL DEFAULT now(),
      name text NOT NULL,
      fullname text NOT NULL DEFAULT '',
      email_addr text,
      locale text NOT NULL DEFAULT 'en',
      api_key text NOT NULL,
      passwd_hash text,
      admin boolean NOT NULL DEFAULT false,
      pro boolean NOT NULL DEFAULT false,
      privacy_mode boolean NOT NULL DEFAULT true,
      restrict boolean NOT NULL DEFAULT false,
      valid_email boolean NOT NULL DEFAULT false,
      active boolean NOT NULL DEFAULT true,
      info jsonb NOT NULL DEFAULT '{}'::jsonb,
      token_key text NOT NULL DEFAULT md5(random()::text || clock_timestamp()::text),
      race_api_key text,
      api_secret_hash text,
      api_secret_at timestamptz,
      api_secret_count integer NOT NULL DEFAULT 0,
      is_api_secret_otp boolean NOT NULL DEFAULT false,
      CONSTRAINT users_name_not_blank CHECK (btrim(name) <> '')
    )`,
    sql`CREATE UNIQUE INDEX users_name_key ON users (name)`,
    sql`CREATE UNIQUE INDEX users_email_addr_key ON users (lower(email_addr))`,
    sql`CREATE UNIQUE INDEX users_api_key_key ON users (api_key)`,
    sql`CREATE INDEX users_created_idx ON users (created)`,
    sql`CREATE INDEX users_locale_idx ON users (locale)`,
    sql`CREATE INDEX users_info_gin ON users USING gin (info)`,

    // Group membership, e.g. ADMIN_GBR for a federation's country admins.
    sql`CREATE TABLE user_groups (
      user_id integer NOT NULL REFERENCES users(id) ON DELETE CASCADE,
      name text NOT NULL,
      PRIMARY KEY (user_id, name)
    )`,
    sql`CREATE INDEX user_groups_name_idx ON user_groups (name)`,

    // Static tokens of OpenTrack's older API (`Authorization: Token <key>`).
    sql`CREATE TABLE auth_tokens (
      key text PRIMARY KEY,
      user_id integer NOT NULL REFERENCES users(id) ON DELETE CASCADE,
      created timestamptz NOT NULL DEFAULT now()
    )`,
    sql`CREATE UNIQUE INDEX auth_tokens_user_id_key ON auth_tokens (user_id)`,

    // Admin-changeable settings (race server); defaults come from the environment.
    sql`CREATE TABLE settings (
      key text PRIMARY KEY,
      value jsonb NOT NULL,
      updated timestamptz NOT NULL DEFAULT now()
    )`,

    // ---- categories
    sql`CREATE TABLE categories (
      id serial PRIMARY KEY,
      created timestamptz NOT NULL DEFAULT now(),
      name text NOT NULL,
      short_name text NOT NULL,
      description text NOT NULL,
      info jsonb NOT NULL DEFAULT '{}'::jsonb
    )`,
    sql`CREATE UNIQUE INDEX categories_name_key ON categories (name)`,
    sql`CREATE UNIQUE INDEX categories_short_name_key ON categories (short_name)`,
    sql`CREATE INDEX categories_created_idx ON categories (created)`,
    sql`CREATE INDEX categories_info_gin ON categories USING gin (info)`,

    // ---- projects
    sql`CREATE TABLE projects (
      id serial PRIMARY KEY,
      created timestamptz NOT NULL DEFAULT now(),
      updated timestamptz NOT NULL DEFAULT now(),
      name text NOT NULL,
      short_name text NOT NULL,
      description text NOT NULL,
      long_description text NOT NULL DEFAULT '',
      webhook text,
      allow_anonymous_contributors boolean NOT NULL DEFAULT true,
      published boolean NOT NULL DEFAULT false,
      featured boolean NOT NULL DEFAULT false,
      secret_key text NOT NULL DEFAULT gen_random_uuid()::text,
      zip_download boolean NOT NULL DEFAULT true,
      contacted boolean NOT NULL DEFAULT false,
      owner_id integer NOT NULL REFERENCES users(id),
      category_id integer REFERENCES categories(id),
      info jsonb NOT NULL DEFAULT '{}'::jsonb,
      owners_ids integer[] NOT NULL DEFAULT '{}'
    )`,
    sql`CREATE UNIQUE INDEX projects_name_key ON projects (name)`,
    sql`CREATE UNIQUE INDEX projects_short_name_key ON projects (short_name)`,
    sql`CREATE INDEX projects_owner_id_idx ON projects (owner_id)`,
    sql`CREATE INDEX projects_category_id_idx ON projects (category_id)`,
    sql`CREATE INDEX projects_created_idx ON projects (created)`,
    sql`CREATE INDEX projects_updated_idx ON projects (updated)`,
    sql`CREATE INDEX projects_published_idx ON projects (published)`,
    sql`CREATE INDEX projects_featured_idx ON projects (featured)`,
    sql`CREATE INDEX projects_owners_ids_gin ON projects USING gin (owners_ids)`,
    sql`CREATE INDEX projects_info_gin ON projects USING gin (info)`,

    // ---- tasks
    sql`CREATE TABLE tasks (
      id serial PRIMARY KEY,
      created timestamptz NOT NULL DEFAULT now(),
      project_id integer NOT NULL REFERENCES projects(id) ON DELETE CASCADE,
      state text NOT NULL DEFAULT 'ongoing' CHECK (state IN ('ongoing', 'completed')),
      quorum integer NOT NULL DEFAULT 0,
      calibration integer NOT NULL DEFAULT 0,
      priority_0 double precision NOT NULL DEFAULT 0 CHECK (priority_0 >= 0 AND priority_0 <= 1),
      info jsonb NOT NULL DEFAULT '{}'::jsonb,
      n_answers integer NOT NULL DEFAULT 30 CHECK (n_answers >= 1),
      n_task_runs integer NOT NULL DEFAULT 0,
      fav_user_ids integer[]
    )`,
    sql`CREATE INDEX tasks_project_id_id_idx ON tasks (project_id, id)`,
    sql`CREATE INDEX tasks_project_state_idx ON tasks (project_id, state, id)`,
    sql`CREATE INDEX tasks_state_idx ON tasks (state)`,
    sql`CREATE INDEX tasks_created_idx ON tasks (created)`,
    sql`CREATE INDEX tasks_priority_0_idx ON tasks (priority_0)`,
    sql`CREATE INDEX tasks_n_answers_idx ON tasks (n_answers)`,
    sql`CREATE INDEX tasks_info_gin ON tasks USING gin (info)`,

    // ---- task_runs: one answer per identity (user, external uid or anonymous IP) per task,
    // enforced by partial unique indexes so concurrent submissions cannot double-answer.
    sql`CREATE TABLE task_runs (
      id serial PRIMARY KEY,
      created timestamptz NOT NULL DEFAULT now(),
      project_id integer NOT NULL REFERENCES projects(id) ON DELETE CASCADE,
      task_id integer NOT NULL REFERENCES tasks(id) ON DELETE CASCADE,
      user_id integer REFERENCES users(id) ON DELETE SET NULL,
      user_ip text,
      finish_time timestamptz NOT NULL DEFAULT now(),
      timeout integer,
      calibration integer,
      external_uid text,
      media_url text,
      info jsonb
    )`,
    sql`CREATE INDEX task_runs_task_id_idx ON task_runs (task_id, id)`,
    sql`CREATE INDEX task_runs_project_id_idx ON task_runs (project_id, id)`,
    sql`CREATE INDEX task_runs_user_id_idx ON task_runs (user_id, project_id)`,
    sql`CREATE INDEX task_runs_created_idx ON task_runs (created)`,
    sql`CREATE INDEX task_runs_finish_time_idx ON task_runs (finish_time)`,
    sql`CREATE INDEX task_runs_info_gin ON task_runs USING gin (info)`,
    sql`CREATE UNIQUE INDEX task_runs_once_per_user ON task_runs (task_id, user_id) WHERE user_id IS NOT NULL`,
    sql`CREATE UNIQUE INDEX task_runs_once_per_external_uid ON task_runs (task_id, external_uid) WHERE external_uid IS NOT NULL`,
    sql`CREATE UNIQUE INDEX task_runs_once_per_ip ON task_runs (task_id, user_ip) WHERE user_id IS NULL AND external_uid IS NULL`,
    sql`CREATE INDEX task_runs_external_uid_idx ON task_runs (external_uid, project_id) WHERE external_uid IS NOT NULL`,
    sql`CREATE INDEX task_runs_user_ip_idx ON task_runs (user_ip, project_id) WHERE user_ip IS NOT NULL`,

    // ---- results
    sql`CREATE TABLE results (
      id serial PRIMARY KEY,
      created timestamptz NOT NULL DEFAULT now(),
      project_id integer NOT NULL REFERENCES projects(id) ON DELETE CASCADE,
      task_id integer NOT NULL REFERENCES tasks(id) ON DELETE CASCADE,
      task_run_ids integer[] NOT NULL,
      last_version boolean NOT NULL DEFAULT true,
      info jsonb
    )`,
    sql`CREATE INDEX results_project_id_idx ON results (project_id, id)`,
    sql`CREATE INDEX results_task_id_idx ON results (task_id, id)`,
    sql`CREATE INDEX results_created_idx ON results (created)`,
    sql`CREATE INDEX results_last_version_idx ON results (last_version)`,
    sql`CREATE INDEX results_info_gin ON results USING gin (info)`,

    // Scheduler stamps: which identity was served which task, and when (PYBOSSA keeps these in Redis).
    sql`CREATE TABLE task_stamps (
      identity text NOT NULL,
      task_id integer NOT NULL REFERENCES tasks(id) ON DELETE CASCADE,
      created timestamptz NOT NULL DEFAULT now(),
      expires_at timestamptz NOT NULL,
      PRIMARY KEY (identity, task_id)
    )`,
    sql`CREATE INDEX task_stamps_task_id_idx ON task_stamps (task_id)`,
    sql`CREATE INDEX task_stamps_expires_at_idx ON task_stamps (expires_at)`,

    // ---- competitions (OpenTrack); UUID ids
    sql`CREATE TABLE competitions (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      created timestamptz NOT NULL DEFAULT now(),
      updated timestamptz NOT NULL DEFAULT now(),
      full_name text NOT NULL,
      short_name text,
      slug text NOT NULL,
      name_local text,
      country_id char(3) NOT NULL,
      address text,
      city text,
      venue_id uuid,
      latitude numeric(10, 6) CHECK (latitude BETWEEN -90 AND 90),
      longitude numeric(10, 6) CHECK (longitude BETWEEN -180 AND 180),
      altitude numeric(8, 2),
      date date NOT NULL,
      finish_date date NOT NULL,
      year integer NOT NULL,
      wa_rankings_category_id text,
      age_groups text[],
      national_id text,
      basic_description text,
      contact_details text,
      organiser_id uuid,
      website text,
      entry_link text,
      results_link text,
      events jsonb NOT NULL DEFAULT '[]'::jsonb,
      created_by integer REFERENCES users(id) ON DELETE SET NULL,
      CONSTRAINT competitions_dates CHECK (date <= finish_date),
      CONSTRAINT competitions_slug_format CHECK (slug = lower(slug) AND slug !~ '\\s' AND slug <> '')
    )`,
    sql`CREATE UNIQUE INDEX competitions_slug_key ON competitions (slug)`,
    sql`CREATE INDEX competitions_country_date_idx ON competitions (country_id, date)`,
    sql`CREATE INDEX competitions_date_idx ON competitions (date)`,
    sql`CREATE INDEX competitions_finish_date_idx ON competitions (finish_date)`,
    sql`CREATE INDEX competitions_updated_idx ON competitions (updated)`,
    sql`CREATE INDEX competitions_organiser_id_idx ON competitions (organiser_id)`,
    sql`CREATE INDEX competitions_created_by_idx ON competitions (created_by)`,
    sql`CREATE INDEX competitions_name_date_idx ON competitions (lower(btrim(full_name)), date)`,

    // Roles held per competition (DIRECTOR for the creator).
    sql`CREATE TABLE competition_roles (
      competition_id uuid NOT NULL REFERENCES competitions(id) ON DELETE CASCADE,
      user_id integer NOT NULL REFERENCES users(id) ON DELETE CASCADE,
      role text NOT NULL,
      PRIMARY KEY (competition_id, user_id, role)
    )`,
    sql`CREATE INDEX competition_roles_user_id_idx ON competition_roles (user_id)`,

    // ---- race server: one buggy per user
    sql`CREATE TABLE buggies (
      user_id integer PRIMARY KEY REFERENCES users(id) ON DELETE CASCADE,
      created timestamptz NOT NULL DEFAULT now(),
      updated timestamptz NOT NULL DEFAULT now(),
      buggy_id integer NOT NULL DEFAULT 1,
      qty_wheels integer NOT NULL DEFAULT 4,
      power_type text NOT NULL DEFAULT 'petrol',
      power_units integer NOT NULL DEFAULT 1,
      aux_power_type text NOT NULL DEFAULT 'none',
      aux_power_units integer NOT NULL DEFAULT 0,
      hamster_booster integer NOT NULL DEFAULT 0,
      flag_color text NOT NULL DEFAULT '#888888',
      flag_pattern text NOT NULL DEFAULT 'plain',
      flag_color_secondary text NOT NULL DEFAULT 'black',
      tyres text NOT NULL DEFAULT 'knobbly',
      qty_tyres integer NOT NULL DEFAULT 4,
      armour text NOT NULL DEFAULT 'none',
      attack text NOT NULL DEFAULT 'none',
      qty_attacks integer NOT NULL DEFAULT 0,
      fireproof boolean NOT NULL DEFAULT false,
      insulated boolean NOT NULL DEFAULT false,
      antibiotic boolean NOT NULL DEFAULT false,
      banging boolean NOT NULL DEFAULT false,
      algo text NOT NULL DEFAULT 'steady',
      total_cost integer,
      mass integer,
      latest_json text,
      uploaded_at timestamptz
    )`,
  ];
  for (const statement of statements) await statement.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of [
    'buggies',
    'competition_roles',
    'competitions',
    'task_stamps',
    'results',
    'task_runs',
    'tasks',
    'projects',
    'categories',
    'settings',
    'auth_tokens',
    'user_groups',
    'users',
  ]) {
    await sql`DROP TABLE IF EXISTS ${sql.table(table)} CASCADE`.execute(db);
  }
}
