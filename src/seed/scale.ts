// Large synthetic data, set-based: each batch is one INSERT ... SELECT over generate_series, so a
// million tasks load in a handful of statements. Proportions: 1 user per 100 tasks, 1 project per
// 1,000 tasks, 3 task runs per task, 1 competition per 100 tasks.
import { sql } from 'kysely';
import type { DB } from '../db/index.ts';
import { hashPassword } from '../auth/passwords.ts';

export interface ScaleProgress {
  (label: string, done: number, total: number): void;
}

const BATCH = 50_000;
const RUNS_PER_TASK = 3;

export async function seedScale(db: DB, tasks: number, progress: ScaleProgress = () => {}): Promise<void> {
  const users = Math.max(10, Math.ceil(tasks / 100));
  const projects = Math.max(1, Math.ceil(tasks / 1000));
  const competitions = Math.max(10, Math.ceil(tasks / 100));
  const passwd = await hashPassword('scale-password');

  const base = await db.selectFrom('users').select(sql<number>`coalesce(max(id), 0)::int`.as('n')).executeTakeFirstOrThrow();
  const userBase = base.n;
  await sql`INSERT INTO users (name, fullname, email_addr, api_key, passwd_hash, info)
    SELECT 'scale_user_' || (${userBase} + g), 'Scale User ' || g, 'scale' || (${userBase} + g) || '@example.com',
           md5('key' || (${userBase} + g) || clock_timestamp()::text), ${passwd},
           jsonb_build_object('team', 'team_' || (g % 20))
    FROM generate_series(1, ${users}) g`.execute(db);
  progress('users', users, users);

  const category = await db
    .insertInto('categories')
    .values({ name: `Scale ${Date.now()}`, short_name: `scale${Date.now()}`, description: 'Synthetic data', info: '{}' })
    .returning('id')
    .executeTakeFirstOrThrow();
  const projectBase = await db.selectFrom('projects').select(sql<number>`coalesce(max(id), 0)::int`.as('n')).executeTakeFirstOrThrow();
  await sql`INSERT INTO projects (name, short_name, description, owner_id, owners_ids, category_id, published, info)
    SELECT 'Scale project ' || (${projectBase.n} + g), 'scale_project_' || (${projectBase.n} + g), 'Synthetic project ' || g,
           ${userBase} + 1 + (g % ${users}), ARRAY[${userBase} + 1 + (g % ${users})], ${category.id}, true,
           jsonb_build_object('sched', 'default', 'task_presenter', '<div/>')
    FROM generate_series(1, ${projects}) g`.execute(db);
  progress('projects', projects, projects);

  const firstProject = projectBase.n + 1;
  const taskBase = await db.selectFrom('tasks').select(sql<number>`coalesce(max(id), 0)::int`.as('n')).executeTakeFirstOrThrow();
  for (let from = 1; from <= tasks; from += BATCH) {
    const to = Math.min(tasks, from + BATCH - 1);
    // n_answers 3..5: tasks whose number of runs reaches it are completed below.
    await sql`INSERT INTO tasks (project_id, info, n_answers, priority_0, n_task_runs, state)
      SELECT ${firstProject} + ((g - 1) % ${projects}), jsonb_build_object(
               'question', 'Classify item ' || g,
               'image_url', 'https://example.org/items/' || g || '.jpg',
               'category', 'cat_' || (g % 50),
               'difficulty', g % 5,
               'text', 'a synthetic description of item ' || g || ' with words like galaxy spiral cluster'),
             3 + (g % 3), (g % 10) / 10.0, ${RUNS_PER_TASK},
             CASE WHEN 3 + (g % 3) <= ${RUNS_PER_TASK} THEN 'completed' ELSE 'ongoing' END
      FROM generate_series(${from}::int, ${to}::int) g`.execute(db);
    progress('tasks', to, tasks);
  }

  for (let from = 1; from <= tasks; from += BATCH) {
    const to = Math.min(tasks, from + BATCH - 1);
    await sql`INSERT INTO task_runs (project_id, task_id, user_id, info, created, finish_time)
      SELECT t.project_id, t.id, ${userBase} + 1 + ((t.id * 7 + r) % ${users}),
             jsonb_build_object('answer', 'cat_' || ((t.id + r) % 50), 'confidence', r),
             now() - interval '1 hour', now()
      FROM tasks t CROSS JOIN generate_series(0, ${RUNS_PER_TASK - 1}) r
      WHERE t.id BETWEEN ${taskBase.n + from} AND ${taskBase.n + to}`.execute(db);
    await sql`INSERT INTO results (project_id, task_id, task_run_ids, info)
      SELECT t.project_id, t.id, array_agg(tr.id ORDER BY tr.id), NULL
      FROM tasks t JOIN task_runs tr ON tr.task_id = t.id
      WHERE t.id BETWEEN ${taskBase.n + from} AND ${taskBase.n + to} AND t.state = 'completed'
      GROUP BY t.project_id, t.id`.execute(db);
    progress('task runs', to, tasks);
  }

  const countries = ['GBR', 'NOR', 'ITA', 'FRA', 'DEU', 'ESP', 'USA', 'KEN', 'JPN', 'AUS', 'SWE', 'POL'];
  const year = new Date().getUTCFullYear();
  const stamp = Date.now().toString(36);
  await sql`INSERT INTO competitions (full_name, slug, country_id, city, date, finish_date, year, age_groups, events)
    SELECT 'Scale meeting ' || g, 'scale-' || ${stamp} || '-' || g,
           (${sql.val(countries)}::text[])[1 + g % ${countries.length}], 'City ' || (g % 100),
           make_date(${year} + (g % 2), 1, 1) + (g % 365), make_date(${year} + (g % 2), 1, 1) + (g % 365) + (g % 3),
           ${year} + (g % 2), ARRAY['ALL'], '[]'::jsonb
    FROM generate_series(1, ${competitions}) g`.execute(db);
  progress('competitions', competitions, competitions);
  await sql`ANALYZE`.execute(db);
}
