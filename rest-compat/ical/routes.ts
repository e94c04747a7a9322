// Calendar feeds for people whose calendar app should follow a federation:
//   GET /calendar/european.ics   competitions in European Athletics member countries
//   GET /calendar/<ioc>.ics      one country's competitions (lower-case IOC code)
// iCalendar (RFC 5545) made by ical-generator from a cached GraphQL operation: one all-day event per
// competition of the current and the next year, with a stable UID; strong ETag and 304.
import { createHash } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import ical, { ICalEventStatus } from 'ical-generator';
import type { GatewayDeps } from '../../src/http/request-context.ts';
import { contextFor } from '../../src/http/request-context.ts';
import { operation, run } from '../execute.ts';
import { EUROPEAN_CALENDAR_COUNTRIES } from '../../src/calendars/european-athletics.ts';
import { defaultYears } from '../../src/calendars/export.ts';

const PAGE = 1000;

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
  app.get<{ Params: { feed: string } }>(
    '/calendar/:feed',
    { schema: { tags: ['calendar'], summary: 'iCalendar feed: european.ics or <ioc>.ics (e.g. gbr.ics)', params: { type: 'object', properties: { feed: { type: 'string' } } } } },
    async (request, reply) => {
      const match = /^(european|[a-z]{3})\.ics$/.exec(request.params.feed);
      if (!match) return reply.code(404).type('text/plain; charset=utf-8').send('No such calendar: use /calendar/european.ics or /calendar/<ioc>.ics (lower-case IOC code).');
      const countries = match[1] === 'european' ? [...EUROPEAN_CALENDAR_COUNTRIES] : [match[1]!.toUpperCase()];
      const [thisYear, nextYear] = defaultYears();
      const ctx = await contextFor(request, deps);
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
        if (!outcome.ok) return reply.code(outcome.error.status).type('text/plain; charset=utf-8').send(outcome.error.message);
        competitions.push(...outcome.data.competitions);
        cancelled.push(...outcome.data.deletedCompetitions);
        if (outcome.data.competitions.length < PAGE && outcome.data.deletedCompetitions.length < PAGE) break;
      }
      const name = match[1] === 'european' ? 'European athletics calendar' : `Athletics calendar: ${match[1]!.toUpperCase()}`;
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
          url: c.website || `${deps.config.baseUrl}/competitions?country=${c.countryId}`,
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
      const body = calendar.toString();
      const etag = `"${createHash('sha256').update(body).digest('base64url').slice(0, 32)}"`;
      reply.header('etag', etag).header('cache-control', 'public, max-age=300');
      if (request.headers['if-none-match'] === etag) return reply.code(304).send();
      return reply.type('text/calendar; charset=utf-8').send(body);
    },
  );
}
