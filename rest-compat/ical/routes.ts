// Calendar feeds for people whose calendar app should follow a federation:
//   GET /calendar/european.ics   competitions in European Athletics member countries
//   GET /calendar/<ioc>.ics      one country's competitions (lower-case IOC code)
// iCalendar (RFC 5545) made by ical-generator from a cached GraphQL operation: one all-day event per
// competition of the current and the next year, with a stable UID; strong ETag and 304.
//
// A feed is rendered once per change, not per request: its ETag is derived from the competitions'
// version (one statement over the change log the database writes with every competition write, so a
// change made through another gateway process counts too; competitionsVersion), an If-None-Match that matches is answered 304 without
// rendering, the rendered feed is kept in memory until the version moves, and concurrent requests for
// a feed being rendered wait for that one rendering. Requests are limited per client address
// (CALENDAR_FEED_RATE_LIMIT per RATE_LIMIT_PER seconds).
import { createHash } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import ical, { foldLines, ICalEventStatus, type ICalCalendar } from 'ical-generator';
import type { GatewayDeps } from '../../src/http/request-context.ts';
import { contextFor } from '../../src/http/request-context.ts';
import { operation, run } from '../../src/graphql/operations.ts';
import type { GantryContext } from '../../src/graphql/context.ts';
import { FeedCache } from './feed-cache.ts';
import { EUROPEAN_CALENDAR_COUNTRIES } from '../../src/calendars/european-athletics.ts';
import { defaultYears } from '../../src/calendars/export.ts';
import { safeHttpUrl } from '../../src/domain/competition/safe-url.ts';
import { rateLimitHeaders } from '../../src/http/rate-limit.ts';

const PAGE = 1000;
/** Events rendered between two turns of the event loop (about 20 ms of work each). */
const RENDER_BATCH = 25;
const CALENDAR_END = 'END:VCALENDAR';
/** Changes when the rendering changes, so ETags issued by an older gateway do not match. */
const RENDERING = 'ics-3';

const feedVersion = operation(`query CalendarFeedVersion { competitionsVersion }`);

const feedCompetitions = operation(`
  query CalendarFeed($countries: [String!], $fromDate: LocalDate!, $toDate: LocalDate!, $limit: Int!, $offset: Int!) {
    competitions(countries: $countries, fromDate: $fromDate, toDate: $toDate, limit: $limit, offset: $offset) {
      id fullName slug countryId city address date finishDate website basicDescription updated sequence
    }
    deletedCompetitions(countries: $countries, fromDate: $fromDate, toDate: $toDate, limit: $limit, offset: $offset) {
      id fullName countryId date finishDate sequence deletedAt
    }
  }`);

interface FeedCompetition {
  id: string;
  fullName: string;
  slug: string;
  countryId: string;
  city: string | null;
  address: string | null;
  date: string;
  finishDate: string;
  website: string | null;
  basicDescription: string | null;
  updated: string;
  sequence: number;
}

/** A competition deleted within COMPETITION_TOMBSTONE_DAYS: stays in the feed, cancelled. */
interface FeedCancellation {
  id: string;
  fullName: string;
  countryId: string;
  date: string;
  finishDate: string;
  sequence: number;
  deletedAt: string;
}

const utcDate = (isoDate: string, plusDays = 0): Date => {
  const [y, m, d] = isoDate.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d + plusDays));
};

export function registerCalendarFeeds(app: FastifyInstance, deps: GatewayDeps): void {
  const cache = new FeedCache();
  app.decorate('calendarFeedCache', cache);
  // Requests arriving while the version is being read share that read: a crowd of feed requests
  // costs the database one statement, not one each, and leaves the pool to other requests.
  let versionRead: Promise<Awaited<ReturnType<typeof readVersion>>> | null = null;
  const readVersion = (ctx: GantryContext) => run<{ competitionsVersion: string }>(feedVersion, ctx);
  const sharedVersion = (ctx: GantryContext) => {
    versionRead ??= readVersion(ctx).finally(() => (versionRead = null));
    return versionRead;
  };

  async function render(ctx: GantryContext, feed: string, countries: string[], [thisYear, nextYear]: number[]): Promise<Buffer> {
    const competitions: FeedCompetition[] = [];
    const cancelled: FeedCancellation[] = [];
    for (let offset = 0; ; offset += PAGE) {
      const outcome = await run<{ competitions: FeedCompetition[]; deletedCompetitions: FeedCancellation[] }>(feedCompetitions, ctx, {
        countries,
        fromDate: `${thisYear}-01-01`,
        toDate: `${nextYear}-12-31`,
        limit: PAGE,
        offset,
      });
      if (!outcome.ok) throw new FeedError(outcome.error.status, outcome.error.message);
      competitions.push(...outcome.data.competitions);
      cancelled.push(...outcome.data.deletedCompetitions);
      if (outcome.data.competitions.length < PAGE && outcome.data.deletedCompetitions.length < PAGE) break;
    }
    const name = feed === 'european' ? 'European athletics calendar' : `Athletics calendar: ${feed.toUpperCase()}`;
    const calendar = ical({ name, prodId: { company: 'Gantry', product: 'calendar', language: 'EN' }, ttl: 3600 });
    const host = new URL(deps.config.baseUrl).host;
    for (const c of competitions) {
      calendar.createEvent({
        id: `${c.id}@${host}`,
        start: utcDate(c.date),
        // All-day events end on the day after the last day (DTEND is exclusive).
        end: utcDate(c.finishDate, 1),
        allDay: true,
        summary: c.fullName,
        location: [c.address, c.city, c.countryId].filter(Boolean).join(', '),
        description: c.basicDescription ?? undefined,
        // Only an http(s) website becomes the event's link (one stored before links were checked may not be).
        url: safeHttpUrl(c.website) ?? `${deps.config.baseUrl}/competitions?country=${c.countryId}`,
        lastModified: new Date(c.updated),
        stamp: new Date(c.updated),
        sequence: c.sequence,
      });
    }
    // Deleted within the retention window: the same UID, cancelled, with a higher SEQUENCE, so
    // subscribed apps remove the event instead of keeping a stale copy.
    for (const c of cancelled) {
      calendar.createEvent({
        id: `${c.id}@${host}`,
        start: utcDate(c.date),
        end: utcDate(c.finishDate, 1),
        allDay: true,
        summary: c.fullName,
        location: c.countryId,
        status: ICalEventStatus.CANCELLED,
        lastModified: new Date(c.deletedAt),
        stamp: new Date(c.deletedAt),
        sequence: c.sequence,
      });
    }
    return Buffer.from(await renderInBatches(calendar));
  }

  app.get<{ Params: { feed: string } }>(
    '/calendar/:feed',
    { schema: { tags: ['calendar'], summary: 'iCalendar feed: european.ics or <ioc>.ics (e.g. gbr.ics)', params: { type: 'object', properties: { feed: { type: 'string' } } } } },
    async (request, reply) => {
      const text = (status: number, message: string) => reply.code(status).type('text/plain; charset=utf-8').send(message);
      const match = /^(european|[a-z]{3})\.ics$/.exec(request.params.feed);
      if (!match) return text(404, 'No such calendar: use /calendar/european.ics or /calendar/<ioc>.ics (lower-case IOC code).');
      const limit = deps.config.calendarFeedRateLimit;
      if (deps.rateLimits && limit > 0) {
        const decision = await deps.rateLimits.hit('calendar-feed', request.ip, 1, limit);
        if (deps.rateLimits.countsAsStatement) request.statementStats.statements += 1;
        reply.headers(rateLimitHeaders(decision));
        if (!decision.allowed) {
          const retryAfter = Math.max(1, decision.reset - Math.floor(Date.now() / 1000));
          return text(429, `Too many calendar requests from your address: try again in ${retryAfter} seconds.`).header('retry-after', String(retryAfter));
        }
      }
      const feed = match[1]!;
      const countries = feed === 'european' ? [...EUROPEAN_CALENDAR_COUNTRIES] : [feed.toUpperCase()];
      const years = defaultYears();
      const ctx = await contextFor(request, deps);
      const current = await sharedVersion(ctx);
      if (!current.ok) return text(current.error.status, current.error.message);
      const version = current.data.competitionsVersion;
      const key = `${feed}|${years.join(',')}|${version}`;
      const etag = `"${createHash('sha256').update(`${RENDERING}|${deps.config.baseUrl}|${key}`).digest('base64url').slice(0, 32)}"`;
      reply.header('etag', etag).header('cache-control', 'public, max-age=300');
      if (matchesTag(request.headers['if-none-match'], etag)) return reply.code(304).header('x-calendar-feed', 'not-modified').send();
      let built;
      try {
        built = await cache.get(feed, key, BigInt(version.split('-')[0]!), etag, () => render(ctx, feed, countries, years));
      } catch (error) {
        if (error instanceof FeedError) return text(error.status, error.message);
        throw error;
      }
      return reply.header('x-calendar-feed', built.outcome).type('text/calendar; charset=utf-8').send(built.feed.body);
    },
  );
}

/**
 * calendar.toString(), a few events at a time: ical-generator folds the whole text in one go (about
 * 3 s for 2,000 events), which would stop every other request for that long. Folding works line by
 * line and each event ends with a line break, so folding event by event gives the same text.
 */
export async function renderInBatches(calendar: ICalCalendar): Promise<string> {
  const events = calendar.events();
  calendar.clear();
  const shell = calendar.toString();
  calendar.events(events);
  if (!shell.endsWith(CALENDAR_END)) return calendar.toString();
  const parts = [shell.slice(0, -CALENDAR_END.length)];
  for (let i = 0; i < events.length; i += RENDER_BATCH) {
    parts.push(foldLines(events.slice(i, i + RENDER_BATCH).map((event) => event.toString()).join('')));
    await new Promise((resolve) => setImmediate(resolve));
  }
  parts.push(CALENDAR_END);
  return parts.join('');
}

class FeedError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

/** If-None-Match: a list of tags or *, compared weakly (RFC 9110 13.1.2). */
function matchesTag(header: string | undefined, etag: string): boolean {
  if (!header) return false;
  if (header.trim() === '*') return true;
  const bare = (tag: string) => tag.trim().replace(/^W\//, '');
  return header.split(',').some((tag) => bare(tag) === bare(etag));
}

declare module 'fastify' {
  interface FastifyInstance {
    /** The .ics feeds this process has rendered (rest-compat/ical/feed-cache.ts). */
    calendarFeedCache: FeedCache;
  }
}
