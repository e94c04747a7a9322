// Calendar feeds under load: does a crowd of /calendar/european.ics requests slow the rest of the
// gateway down? Starts one gateway process on a PostgreSQL database holding N competitions (default
// 2,000, about 5 MB of European feed), then measures:
//   - GET /api/v1/ping/ latency alone, one request at a time;
//   - one feed request cold (just after a competition changed: it renders), cached, and with a
//     matching If-None-Match (304);
//   - ping latency again while another process keeps C feed requests in flight (default 100), then
//     the same with a competition changing every 2 seconds (so the feed is rendered again meanwhile).
//
//   node --import tsx bench/calendar-feeds.ts [--competitions 2000] [--concurrency 100] [--seconds 10] [--pg URL]
//
// Needs PostgreSQL (default postgres://postgres@127.0.0.1:5432/postgres, or BENCH_PG_URL); uses the
// database gantry_bench_feeds, created on first use and reloaded when the competition count differs.
import { fork, spawn, type ChildProcess } from 'node:child_process';
import { request } from 'node:http';
import { fileURLToPath } from 'node:url';
import pg from 'pg';

const args = process.argv.slice(2);
const option = (name: string, fallback: string) => {
  const at = args.indexOf(`--${name}`);
  return at >= 0 && args[at + 1] ? args[at + 1]! : fallback;
};

interface Answer {
  status: number;
  bytes: number;
  ms: number;
  etag?: string;
}

function fetchOnce(url: string, headers: Record<string, string> = {}): Promise<Answer> {
  const started = process.hrtime.bigint();
  return new Promise((resolve, reject) => {
    const req = request(url, { headers, agent: false }, (res) => {
      let bytes = 0;
      res.on('data', (chunk: Buffer) => (bytes += chunk.length));
      res.on('end', () =>
        resolve({ status: res.statusCode ?? 0, bytes, ms: Number(process.hrtime.bigint() - started) / 1e6, etag: res.headers.etag as string | undefined }),
      );
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end();
  });
}

// The load process: keeps `concurrency` feed requests in flight until told to stop.
if (args[0] === '--load') {
  const [, url, concurrency] = args;
  let stop = false;
  let done = 0;
  process.on('message', () => (stop = true));
  const loop = async () => {
    while (!stop) {
      await fetchOnce(url!).catch(() => undefined);
      done += 1;
    }
  };
  await Promise.all(Array.from({ length: Number(concurrency) }, loop));
  process.send!({ done });
  process.exit(0);
}

const competitions = Number(option('competitions', '2000'));
const concurrency = Number(option('concurrency', '100'));
const seconds = Number(option('seconds', '10'));
const adminUrl = option('pg', process.env.BENCH_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres');
const port = 4700 + Math.floor(Math.random() * 200);
const base = `http://127.0.0.1:${port}`;
const root = fileURLToPath(new URL('..', import.meta.url));

const percentile = (values: number[], p: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
};
const fmt = (ms: number) => `${ms.toFixed(1)} ms`;

async function database(): Promise<string> {
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  const exists = await admin.query(`SELECT 1 FROM pg_database WHERE datname = 'gantry_bench_feeds'`);
  if (!exists.rowCount) await admin.query('CREATE DATABASE gantry_bench_feeds');
  await admin.end();
  const url = new URL(adminUrl);
  url.pathname = '/gantry_bench_feeds';
  return url.toString();
}

function run(cmd: string, argv: string[], env: Record<string, string>): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, argv, { cwd: root, env: { ...process.env, ...env }, stdio: ['ignore', 'ignore', 'inherit'] });
    child.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`${argv.join(' ')} exited with ${code}`))));
  });
}

async function load(databaseUrl: string): Promise<void> {
  const db = new pg.Client({ connectionString: databaseUrl });
  await db.connect();
  const { rows } = await db.query(`SELECT count(*)::int AS n FROM competitions WHERE slug LIKE 'bench-feed-%'`);
  if (rows[0].n !== competitions) {
    await db.query(`DELETE FROM competitions WHERE slug LIKE 'bench-feed-%'`);
    // Spread over European member countries and this year and the next, with a description each.
    await db.query(
      `INSERT INTO competitions (full_name, slug, country_id, city, address, date, finish_date, year, basic_description, website, events)
       SELECT 'Bench Meeting ' || g, 'bench-feed-' || g, (ARRAY['GBR','FRA','GER','ITA','ESP','NOR','SWE','POL','NED','BEL'])[1 + g % 10],
              'City ' || g, 'Stadium road ' || g, d, d + (g % 3), extract(year FROM d)::int,
              repeat('A meeting for the benchmark. ', 60), 'https://meeting-' || g || '.example.org/', '[]'
       FROM generate_series(1, $1::int) g, LATERAL (SELECT make_date(extract(year FROM now())::int + g % 2, 1 + g % 12, 1 + g % 28) AS d) day`,
      [competitions],
    );
  }
  await db.end();
}

async function waitForServer(): Promise<void> {
  for (let i = 0; i < 300; i++) {
    if ((await fetchOnce(`${base}/healthz`).catch(() => null))?.status === 200) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error('the gateway did not start');
}

/** The gateway's own event-loop delay (max and p99, ms) since the previous call: prom-client resets it on each scrape. */
async function loopDelay(): Promise<{ max: number; p99: number }> {
  const text = await new Promise<string>((resolve, reject) => {
    request(`${base}/metrics`, { agent: false }, (res) => {
      let body = '';
      res.on('data', (chunk: Buffer) => (body += chunk.toString()));
      res.on('end', () => resolve(body));
    })
      .on('error', reject)
      .end();
  });
  const value = (name: string) => Number(new RegExp(`^gantry_nodejs_eventloop_lag_${name}_seconds (\\S+)`, 'm').exec(text)?.[1] ?? NaN) * 1000;
  return { max: value('max'), p99: value('p99') };
}

async function pings(untilMs: number, atLeast: number): Promise<number[]> {
  const times: number[] = [];
  const end = Date.now() + untilMs;
  while (Date.now() < end || times.length < atLeast) {
    times.push((await fetchOnce(`${base}/api/v1/ping/`)).ms);
    await new Promise((r) => setTimeout(r, 20));
  }
  return times;
}

const databaseUrl = await database();
const env = { DATABASE_URL: databaseUrl, JWT_SECRET: 'bench-secret-of-enough-length', PORT: String(port), HOST: '127.0.0.1', LOG_LEVEL: 'warn', RATE_LIMIT: '1000000000', CALENDAR_FEED_RATE_LIMIT: '0' };
await run(process.execPath, ['bin/gantry.js', 'migrate'], env);
await load(databaseUrl);
const gateway: ChildProcess = spawn(process.execPath, ['--max-semi-space-size=8', 'bin/gantry.js', 'serve'], { cwd: root, env: { ...process.env, ...env }, stdio: ['ignore', 'ignore', 'inherit'] });
try {
  await waitForServer();
  const feed = `${base}/calendar/european.ics`;
  const touch = async () => {
    const db = new pg.Client({ connectionString: databaseUrl });
    await db.connect();
    await db.query(`UPDATE competitions SET city = city WHERE slug = 'bench-feed-1'`);
    await db.end();
  };

  await pings(1000, 20); // warm-up
  await loopDelay();
  const alone = await pings(seconds * 1000, 50);
  const aloneLoop = await loopDelay();

  const cold: number[] = [];
  const cached: number[] = [];
  const notModified: number[] = [];
  let size = 0;
  for (let i = 0; i < 3; i++) {
    await touch();
    const first = await fetchOnce(feed);
    cold.push(first.ms);
    size = first.bytes;
    for (let j = 0; j < 5; j++) cached.push((await fetchOnce(feed)).ms);
    for (let j = 0; j < 5; j++) notModified.push((await fetchOnce(feed, { 'if-none-match': first.etag! })).ms);
  }

  const loader = fork(fileURLToPath(import.meta.url), ['--load', feed, String(concurrency)], { execArgv: ['--import', 'tsx'] });
  await new Promise((r) => setTimeout(r, 1000));
  await loopDelay();
  const loaded = await pings(seconds * 1000, 50);
  const loadedLoop = await loopDelay();
  // The same, with a competition changing every 2 seconds: the feed is rendered again meanwhile.
  let changes = 0;
  const changer = setInterval(() => void touch().then(() => (changes += 1)), 2000);
  const changing = await pings(seconds * 1000, 50);
  clearInterval(changer);
  const changingLoop = await loopDelay();
  const finished = new Promise<{ done: number }>((resolve) => loader.once('message', (m) => resolve(m as { done: number })));
  loader.send('stop');
  const { done } = await finished;

  console.log(`\nCalendar feeds: ${competitions} competitions, european.ics ${(size / 1e6).toFixed(2)} MB, ${concurrency} concurrent feed requests\n`);
  const loop = (l: { max: number; p99: number }) => `${fmt(l.p99)} / ${fmt(l.max)}`;
  console.log('| measure | p50 | p99 | n | gateway event-loop delay p99 / max |');
  console.log('|---|---|---|---|---|');
  console.log(`| ping alone | ${fmt(percentile(alone, 50))} | ${fmt(percentile(alone, 99))} | ${alone.length} | ${loop(aloneLoop)} |`);
  console.log(`| ping under ${concurrency} feed requests | ${fmt(percentile(loaded, 50))} | ${fmt(percentile(loaded, 99))} | ${loaded.length} | ${loop(loadedLoop)} |`);
  console.log(
    `| ping under ${concurrency} feed requests, a change every 2 s (${changes} renders) | ${fmt(percentile(changing, 50))} | ${fmt(percentile(changing, 99))} | ${changing.length} | ${loop(changingLoop)} |`,
  );
  console.log(`| feed cold (after a change: renders) | ${fmt(percentile(cold, 50))} | ${fmt(Math.max(...cold))} | ${cold.length} |`);
  console.log(`| feed cached | ${fmt(percentile(cached, 50))} | ${fmt(percentile(cached, 99))} | ${cached.length} |`);
  console.log(`| feed If-None-Match (304) | ${fmt(percentile(notModified, 50))} | ${fmt(percentile(notModified, 99))} | ${notModified.length} |`);
  console.log(`\nFeed requests answered while loaded: ${done} (${(done / (2 * seconds + 1)).toFixed(0)}/s)`);
} finally {
  gateway.kill('SIGTERM');
}
