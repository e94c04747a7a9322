// Serves the calendar files under /files/live/euroath/ with a strong ETag (304 on If-None-Match),
// and keeps them fresh: once a night, and at start-up when this year's files are missing. The
// timer starts when the server listens (in-process tests never start it) and stops on close.
import type { FastifyInstance, FastifyReply } from 'fastify';
import { open, stat } from 'node:fs/promises';
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import type { Config } from '../config.ts';
import type { DB } from '../db/index.ts';
import { CALENDAR_FILE, defaultCalendarDir, domesticCalendarName, europeanCalendarName, etagOf, exportCalendars, exportInProgress } from './export.ts';
import { NightlySchedule } from './scheduler.ts';

export const CALENDAR_ROUTE_PREFIX = '/files/live/euroath';

interface CachedTag {
  ino: number;
  size: number;
  mtimeMs: number;
  etag: string;
}

/** The file a request name maps to: the upper-case country alias serves the lower-case file. */
export function calendarFileName(requested: string): string | null {
  const match = CALENDAR_FILE.exec(requested);
  if (!match) return null;
  return match[1] ? europeanCalendarName(Number(match[1])) : domesticCalendarName(match[2]!, Number(match[3]));
}

/** If-None-Match: a list of tags or *, compared weakly (RFC 9110 13.1.2). */
function matchesTag(header: string | undefined, etag: string): boolean {
  if (!header) return false;
  if (header.trim() === '*') return true;
  const bare = (tag: string) => tag.trim().replace(/^W\//, '');
  return header.split(',').some((tag) => bare(tag) === bare(etag));
}

const notFound = (reply: FastifyReply) => reply.code(404).header('access-control-allow-origin', '*').send({ detail: 'Not Found' });

export function registerCalendarFiles(app: FastifyInstance, { db, config }: { db: DB; config: Config }): void {
  const dir = defaultCalendarDir(config);
  const tags = new Map<string, CachedTag>();

  app.get(`${CALENDAR_ROUTE_PREFIX}/:name`, {
    schema: {
      tags: ['Calendar files'],
      summary: 'A static calendar file: a JSON array of competition records, refreshed nightly.',
      description:
        'european_calendar_<YYYY>.json (European Athletics member countries) and domestic_calendar_<cc>_<YYYY>.json (lower-case IOC code; ' +
        'the upper-case name is an alias), for the current and the following year. No authentication; CORS-safe. Send If-None-Match with ' +
        'the ETag to get 304 when nothing changed. A year not exported is 404.',
      params: { type: 'object', required: ['name'], properties: { name: { type: 'string', examples: ['european_calendar_2026.json'] } } },
      response: {
        200: { description: 'The calendar.', type: 'array', items: { type: 'object', additionalProperties: true } },
        304: { description: 'Not modified since the ETag sent.', type: 'null' },
        404: { description: 'No such calendar (a year not exported).', type: 'object', properties: { detail: { type: 'string' } } },
      },
    },
    // Response schemas here document; the body is sent as read from disk.
    serializerCompiler: () => (data) => JSON.stringify(data),
    handler: async (request, reply) => {
      const name = calendarFileName((request.params as { name: string }).name);
      if (!name) return notFound(reply);
      const path = join(dir, name);
      let handle;
      try {
        handle = await open(path, 'r');
      } catch {
        return notFound(reply);
      }
      try {
        // Read through one handle: a file renamed into place meanwhile does not mix into this answer.
        const info = await handle.stat();
        let cached = tags.get(name);
        let body: Buffer | undefined;
        if (!cached || cached.ino !== info.ino || cached.size !== info.size || cached.mtimeMs !== info.mtimeMs) {
          body = await handle.readFile();
          cached = { ino: info.ino, size: info.size, mtimeMs: info.mtimeMs, etag: etagOf(createHash('sha256').update(body).digest()) };
          tags.set(name, cached);
        }
        reply
          .header('etag', cached.etag)
          .header('last-modified', info.mtime.toUTCString())
          .header('cache-control', 'public, max-age=300')
          .header('access-control-allow-origin', '*');
        if (matchesTag(request.headers['if-none-match'], cached.etag)) return reply.code(304).send();
        body ??= await handle.readFile();
        return reply.type('application/json; charset=utf-8').send(body);
      } finally {
        await handle.close();
      }
    },
  });

  const refresh = () => exportCalendars(db, config).then((summary) => {
    app.log.info({ files: summary.files.length, removed: summary.removed.length, dir }, 'calendar files exported');
  });
  const nightly = new NightlySchedule(refresh, (error) => app.log.error(error, 'nightly calendar export failed'));

  app.addHook('onListen', async () => {
    nightly.start();
    const thisYear = europeanCalendarName(new Date().getUTCFullYear());
    const missing = await stat(join(dir, thisYear)).then(() => false, () => true);
    if (missing) void refresh().catch((error) => app.log.error(error, 'calendar export at start-up failed'));
  });
  app.addHook('onClose', async () => {
    await nightly.stop();
    await exportInProgress(dir)?.catch(() => undefined);
  });
}
