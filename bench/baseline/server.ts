// The hand-written baseline: the smallest honest Fastify + pg route that answers
// GET /api/task?limit=N with the same JSON as Gantry's PYBOSSA list (task columns plus HATEOAS
// link/links). One prepared statement, rows mapped in JavaScript, no GraphQL, no auth.
import Fastify from 'fastify';
import pg from 'pg';

const connectionString = process.env.DATABASE_URL;
const port = Number(process.env.PORT ?? 4102);
const base = (process.env.BASE_URL ?? `http://localhost:${port}`).replace(/\/+$/, '');
if (!connectionString) {
  console.error('DATABASE_URL is required');
  process.exit(2);
}

let statements = 0;
const pool = new pg.Pool({ connectionString, max: 10 });
pool.on('error', () => {});

// PYBOSSA prints datetimes as UTC ISO text with microseconds and no zone.
const TASK_LIST = `SELECT id, to_char(created AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US') AS created,
  project_id, state, quorum, calibration, priority_0, info, n_answers, fav_user_ids
  FROM tasks ORDER BY id LIMIT $1`;

interface TaskRow {
  id: number;
  created: string;
  project_id: number;
  state: string;
  quorum: number;
  calibration: number;
  priority_0: number;
  info: unknown;
  n_answers: number;
  fav_user_ids: number[] | null;
}

const app = Fastify({ logger: false });

app.get('/api/task', async (request) => {
  const raw = Number((request.query as Record<string, string | undefined>).limit);
  const limit = Number.isInteger(raw) && raw > 0 ? Math.min(raw, 100) : 20;
  statements += 1;
  const { rows } = await pool.query<TaskRow>({ name: 'bench_task_list', text: TASK_LIST, values: [limit] });
  return rows.map((row) => ({
    id: row.id,
    created: row.created,
    project_id: row.project_id,
    state: row.state,
    quorum: row.quorum,
    calibration: row.calibration,
    priority_0: row.priority_0,
    info: row.info,
    n_answers: row.n_answers,
    fav_user_ids: row.fav_user_ids,
    link: `<link rel='self' title='task' href='${base}/api/task/${row.id}'/>`,
    links: [`<link rel='parent' title='project' href='${base}/api/project/${row.project_id}'/>`],
  }));
});
app.get('/__stats', async () => ({ statements }));
app.get('/healthz', async () => ({ status: 'ok' }));

await app.listen({ port, host: '127.0.0.1' });
const stop = async () => {
  await app.close();
  await pool.end();
  process.exit(0);
};
process.on('SIGTERM', () => void stop());
process.on('SIGINT', () => void stop());
