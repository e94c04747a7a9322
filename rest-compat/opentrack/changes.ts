// GET /api/v1/competitions/changes/: the calendar's change feed in v1's shape (Gantry's own
// extension; docs/calendar-sync.md). Runs the GraphQL competitionChanges query like every v1 route.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { GatewayDeps } from '../../src/http/request-context.ts';
import { run } from '../../src/graphql/operations.ts';
import * as ops from './operations.ts';
import { v1Record, type GraphqlRecord } from './records.ts';
import { sendIssues, sendOperationError } from './fastapi.ts';
import { authErrors, bearerAuth, changePage, detail, validationFailure } from './schemas.ts';
import { signedIn, withOptionalSlash } from './v1.ts';

interface ChangesQuery {
  cursor?: string;
  country?: string;
  limit?: number;
}

interface ChangesResult {
  competitionChanges: {
    changes: { kind: 'CREATED' | 'UPDATED' | 'DELETED'; id: string; competition: GraphqlRecord | null; tombstone: { deletedAt: string } | null }[];
    endCursor: string;
    hasNextPage: boolean;
  };
}

export function registerV1Changes(app: FastifyInstance, deps: GatewayDeps): void {
  const changes = async (request: FastifyRequest, reply: FastifyReply) => {
    const ctx = await signedIn(request, reply, deps);
    if (!ctx) return reply;
    const query = request.query as ChangesQuery;
    const result = await run<ChangesResult>(ops.competitionChanges, ctx, {
      after: query.cursor !== undefined && query.cursor !== '' ? query.cursor : null,
      first: query.limit ?? 100,
      country: query.country ?? null,
    });
    if (!result.ok) {
      const { error } = result;
      if (error.code === 'BAD_USER_INPUT' && error.extensions.reason === 'cursor_expired') return reply.code(410).send({ detail: error.message });
      if (error.code === 'BAD_USER_INPUT') {
        const fields = (error.extensions.fields ?? []) as { field: string }[];
        const name = (field: string) => ({ after: 'cursor', first: 'limit' })[field] ?? field;
        return sendIssues(reply, fields.length
          ? fields.map((f) => ({ loc: ['query', name(f.field)], msg: error.message.replace(/^after\b/, 'cursor').replace(/^first\b/, 'limit'), type: 'value_error' }))
          : [{ loc: ['query'], msg: error.message, type: 'value_error' }]);
      }
      return sendOperationError(reply, error, 'query');
    }
    const page = result.data.competitionChanges;
    return {
      changes: page.changes.map((change) => ({
        change: change.kind.toLowerCase(),
        id: change.id,
        deleted: change.kind === 'DELETED',
        deleted_at: change.tombstone?.deletedAt ?? null,
        competition: change.competition ? v1Record(change.competition, true) : null,
      })),
      cursor: page.endCursor,
      has_more: page.hasNextPage,
    };
  };
  withOptionalSlash(app, {
    method: 'GET',
    url: '/api/v1/competitions/changes/',
    schema: {
      tags: ['OpenTrack v1'],
      summary: 'The calendar as a change feed (Gantry extension): created, updated and deleted competitions since a cursor.',
      description:
        'Start without `cursor`, then pass back the `cursor` of each answer; store the last one for the next sync. A change is listed only ' +
        'once every transaction that began before it has finished, so none is ever skipped. Each item carries the current record (with ' +
        'events), or `deleted: true`. A cursor older than the kept deletions (COMPETITION_TOMBSTONE_DAYS) is 410: sync again from the start.',
      security: bearerAuth,
      querystring: {
        type: 'object',
        properties: {
          cursor: { type: 'string', description: 'The `cursor` of the previous answer; absent: from the start.' },
          country: { type: 'string', description: 'IOC country code, e.g. NOR (any case). A competition moved away is reported deleted.' },
          limit: { type: 'integer', minimum: 1, maximum: 1000, default: 100, description: 'Changes per page (default 100, at most 1000).' },
        },
      },
      response: {
        200: changePage,
        401: authErrors[401],
        410: detail('The cursor is older than the deletions kept: sync again from the start.'),
        422: validationFailure,
      },
    },
    handler: changes,
  });
}
