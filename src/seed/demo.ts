// Demo data for `npm start` and `gantry seed`: documented users, categories, projects with tasks,
// task runs and results, and competitions in several countries over this year and next.
import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import type { DB } from '../db/index.ts';
import { hashPassword } from '../auth/passwords.ts';

export const DEMO_USERS = [
  { name: 'admin', fullname: 'Ada Admin', email: 'admin@example.com', password: 'admin-password', admin: true },
  { name: 'alice', fullname: 'Alice Owner', email: 'alice@example.com', password: 'alice-password', admin: false },
  { name: 'bob', fullname: 'Bob Volunteer', email: 'bob@example.com', password: 'bob-password', admin: false },
  { name: 'carol', fullname: 'Carol Federation', email: 'carol@example.com', password: 'carol-password', admin: false },
] as const;

export async function isEmpty(db: DB): Promise<boolean> {
  const row = await db.selectFrom('users').select(sql<number>`count(*)::int`.as('n')).executeTakeFirstOrThrow();
  return row.n === 0;
}

export interface DemoSummary {
  users: { name: string; email: string; password: string; api_key: string; admin: boolean }[];
}

export async function seedDemo(db: DB): Promise<DemoSummary> {
  return db.transaction().execute(async (trx) => {
    const users: DemoSummary['users'] = [];
    const ids: Record<string, number> = {};
    for (const u of DEMO_USERS) {
      const apiKey = randomUUID();
      const row = await trx
        .insertInto('users')
        .values({
          name: u.name,
          fullname: u.fullname,
          email_addr: u.email,
          passwd_hash: await hashPassword(u.password),
          api_key: apiKey,
          admin: u.admin,
          valid_email: true,
          info: JSON.stringify({}),
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      ids[u.name] = row.id;
      users.push({ name: u.name, email: u.email, password: u.password, api_key: apiKey, admin: u.admin });
    }
    await trx.insertInto('user_groups').values({ user_id: ids.carol!, name: 'ADMIN_GBR' }).execute();

    const categories = await trx
      .insertInto('categories')
      .values([
        { name: 'Science', short_name: 'science', description: 'Help researchers classify and transcribe data.', info: '{}' },
        { name: 'History', short_name: 'history', description: 'Transcribe archives and old newspapers.', info: '{}' },
        { name: 'Nature', short_name: 'nature', description: 'Spot animals and plants in photos.', info: '{}' },
      ])
      .returning(['id', 'short_name'])
      .execute();
    const categoryId = Object.fromEntries(categories.map((c) => [c.short_name, c.id]));

    const projectSpecs = [
      {
        name: 'Galaxy Zoo Lite',
        short_name: 'galaxyzoo',
        description: 'Classify galaxies by their shape.',
        category: 'science',
        kind: 'galaxy',
        shapes: ['spiral', 'elliptical', 'irregular'],
      },
      {
        name: 'Old Weather',
        short_name: 'oldweather',
        description: 'Transcribe weather observations from ship logs.',
        category: 'history',
        kind: 'logbook',
        shapes: ['clear', 'rain', 'storm'],
      },
      {
        name: 'Bird Spotter',
        short_name: 'birdspotter',
        description: 'Is there a bird in the picture?',
        category: 'nature',
        kind: 'photo',
        shapes: ['yes', 'no', 'unsure'],
      },
    ];
    for (const [index, spec] of projectSpecs.entries()) {
      const project = await trx
        .insertInto('projects')
        .values({
          name: spec.name,
          short_name: spec.short_name,
          description: spec.description,
          long_description: `${spec.description} Each task shows one item; answer what you see.`,
          owner_id: ids.alice!,
          owners_ids: [ids.alice!],
          category_id: categoryId[spec.category]!,
          published: true,
          info: JSON.stringify({ task_presenter: `<div>${spec.name}</div>`, sched: 'default', thumbnail: `${spec.short_name}.png` }),
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      for (let t = 1; t <= 10; t++) {
        const task = await trx
          .insertInto('tasks')
          .values({
            project_id: project.id,
            n_answers: 2,
            priority_0: (t % 5) / 5,
            info: JSON.stringify({
              question: `Which ${spec.kind} is item ${t}?`,
              image_url: `https://example.org/${spec.kind}/${t}.jpg`,
              kind: spec.kind,
              number: t,
              description: `${spec.kind} number ${t} of the ${spec.name} collection`,
            }),
          })
          .returning('id')
          .executeTakeFirstOrThrow();
        // The first tasks of each project are answered by both volunteers (completed, with a result),
        // the next ones by one volunteer, the rest not at all.
        const answerers = t <= 3 ? ['bob', 'carol'] : t <= 6 ? ['bob'] : [];
        const runIds: number[] = [];
        for (const name of answerers) {
          const run = await trx
            .insertInto('task_runs')
            .values({
              project_id: project.id,
              task_id: task.id,
              user_id: ids[name]!,
              info: JSON.stringify({ answer: spec.shapes[(t + index + name.length) % spec.shapes.length] }),
            })
            .returning('id')
            .executeTakeFirstOrThrow();
          runIds.push(run.id);
        }
        await trx.updateTable('tasks').set({ n_task_runs: runIds.length }).where('id', '=', task.id).execute();
        if (runIds.length >= 2) {
          await trx.updateTable('tasks').set({ state: 'completed' }).where('id', '=', task.id).execute();
          await trx
            .insertInto('results')
            .values({ project_id: project.id, task_id: task.id, task_run_ids: runIds, info: null })
            .execute();
        }
      }
    }

    const year = new Date().getUTCFullYear();
    const competitions = [
      ['British Athletics Championships', 'GBR', 'Birmingham', `${year}-07-11`, `${year}-07-13`],
      ['London Indoor Open', 'GBR', 'London', `${year + 1}-02-07`, `${year + 1}-02-07`],
      ['Bislett Games', 'NOR', 'Oslo', `${year}-06-12`, `${year}-06-12`],
      ['Norwegian Cross Country Cup', 'NOR', 'Bergen', `${year + 1}-04-18`, `${year + 1}-04-19`],
      ['Golden Gala', 'ITA', 'Rome', `${year}-06-05`, `${year}-06-05`],
      ['Meeting de Paris', 'FRA', 'Paris', `${year + 1}-06-20`, `${year + 1}-06-20`],
      ['ISTAF Berlin', 'DEU', 'Berlin', `${year}-09-01`, `${year}-09-01`],
      ['Kenyan Trials', 'KEN', 'Nairobi', `${year + 1}-08-01`, `${year + 1}-08-02`],
    ] as const;
    for (const [full_name, country_id, city, date, finish_date] of competitions) {
      const slug = full_name.toLowerCase().replace(/[^a-z0-9]+/g, '-') + `-${date.slice(0, 4)}`;
      const competition = await trx
        .insertInto('competitions')
        .values({
          full_name,
          short_name: full_name.split(' ')[0]!,
          slug,
          country_id,
          city,
          date,
          finish_date,
          year: Number(date.slice(0, 4)),
          age_groups: ['ALL'],
          basic_description: `${full_name} in ${city}.`,
          created_by: country_id === 'GBR' ? ids.carol! : ids.admin!,
          events: JSON.stringify([
            { event_id: '001', event_code: '100', name: '100 Metres', genders: 'MF', category: 'SEN', age_groups: ['ALL'], rounds: '3,1', status: '', units: [] },
          ]),
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      await trx
        .insertInto('competition_roles')
        .values({ competition_id: competition.id, user_id: country_id === 'GBR' ? ids.carol! : ids.admin!, role: 'DIRECTOR' })
        .execute();
    }
    return { users };
  });
}
