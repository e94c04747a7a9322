// FastAPI's answers, as OpenTrack v1 clients know them: {"detail": "..."} for 401/403/404/409 and
// {"detail": [{loc, msg, type}]} for 422, whether the route schema or a resolver refused the input.
// Validation uses our own Ajv instances (every problem reported, no silent coercion of bodies).
import type { FastifyReply, FastifyRequest, FastifySchemaValidationError } from 'fastify';
import { Ajv, type ErrorObject } from 'ajv';
import addFormatsModule from 'ajv-formats';
import type { OperationError } from '../../src/graphql/operations.ts';
import { InvalidJson, parseJsonText } from '../../src/http/body.ts';
import { inV1Words, locOf } from './records.ts';

export interface Issue {
  loc: (string | number)[];
  msg: string;
  type: string;
}

type HttpPart = 'body' | 'querystring' | 'params' | 'headers';

// ajv-formats is CommonJS: its default export arrives wrapped under ESM.
const addFormats = ((addFormatsModule as unknown as { default?: typeof addFormatsModule }).default ?? addFormatsModule) as unknown as (ajv: Ajv) => Ajv;

function makeAjv(coerceTypes: boolean): Ajv {
  const ajv = new Ajv({ allErrors: true, verbose: true, strict: false, coerceTypes, useDefaults: false, removeAdditional: false });
  addFormats(ajv);
  return ajv;
}

// Query strings and path parameters arrive as text and are coerced to the declared types; bodies
// are checked as sent.
const textParts = makeAjv(true);
const bodies = makeAjv(false);

export function validatorCompiler({ schema, httpPart }: { schema: object; httpPart?: string }) {
  return (httpPart === 'body' ? bodies : textParts).compile(schema);
}

/** Passes responses through JSON.stringify: response schemas document, they do not filter. */
export const serializerCompiler = () => (data: unknown) => JSON.stringify(data);

const LOC_PART: Record<HttpPart, string> = { body: 'body', querystring: 'query', params: 'path', headers: 'header' };

function firstType(types: unknown): string {
  const list = String(types).split(',');
  return list.find((t) => t !== 'null') ?? list[0]!;
}

const TYPE_MESSAGES: Record<string, [string, string]> = {
  string: ['str type expected', 'type_error.str'],
  integer: ['value is not a valid integer', 'type_error.integer'],
  number: ['value is not a valid float', 'type_error.float'],
  boolean: ['value could not be parsed to a boolean', 'type_error.bool'],
  array: ['value is not a valid list', 'type_error.list'],
  object: ['value is not a valid dict', 'type_error.dict'],
};

const FORMAT_MESSAGES: Record<string, [string, string]> = {
  date: ['invalid date format', 'value_error.date'],
  'date-time': ['invalid datetime format', 'value_error.datetime'],
  uuid: ['value is not a valid uuid', 'type_error.uuid'],
  email: ['value is not a valid email address', 'value_error.email'],
};

function issueOf(error: ErrorObject | FastifySchemaValidationError, part: HttpPart, body: unknown): Issue {
  const path = (('instancePath' in error ? error.instancePath : '') || '')
    .split('/')
    .filter(Boolean)
    .map((segment) => (/^\d+$/.test(segment) ? Number(segment) : segment.replace(/~1/g, '/').replace(/~0/g, '~')));
  const loc: (string | number)[] = [LOC_PART[part], ...path];
  const params = (error.params ?? {}) as Record<string, unknown>;
  switch (error.keyword) {
    case 'required':
      return { loc: [...loc, String(params.missingProperty)], msg: 'field required', type: 'value_error.missing' };
    case 'type': {
      if (part === 'body' && path.length === 0 && body === undefined) return { loc, msg: 'field required', type: 'value_error.missing' };
      if ((error as ErrorObject).data === null) return { loc, msg: 'none is not an allowed value', type: 'type_error.none.not_allowed' };
      const [msg, type] = TYPE_MESSAGES[firstType(params.type)] ?? ['value is not valid', 'type_error'];
      return { loc, msg, type };
    }
    case 'format': {
      const [msg, type] = FORMAT_MESSAGES[String(params.format)] ?? [`value is not a valid ${String(params.format)}`, 'value_error'];
      return { loc, msg, type };
    }
    case 'pattern':
      return { loc, msg: `string does not match regex "${String(params.pattern)}"`, type: 'value_error.str.regex' };
    case 'minimum':
      return { loc, msg: `ensure this value is greater than or equal to ${String(params.limit)}`, type: 'value_error.number.not_ge' };
    case 'maximum':
      return { loc, msg: `ensure this value is less than or equal to ${String(params.limit)}`, type: 'value_error.number.not_le' };
    case 'minLength':
      return { loc, msg: `ensure this value has at least ${String(params.limit)} characters`, type: 'value_error.any_str.min_length' };
    case 'maxLength':
      return { loc, msg: `ensure this value has at most ${String(params.limit)} characters`, type: 'value_error.any_str.max_length' };
    case 'enum':
      return { loc, msg: `value is not a valid enumeration member; permitted: ${(params.allowedValues as unknown[]).map((v) => `'${String(v)}'`).join(', ')}`, type: 'type_error.enum' };
    default:
      return { loc, msg: error.message ?? 'value is not valid', type: 'value_error' };
  }
}

export function sendIssues(reply: FastifyReply, issues: Issue[]): FastifyReply {
  return reply.code(422).send({ detail: issues });
}

/**
 * Answers the request if its input was refused (malformed JSON or a route-schema failure) and
 * returns true; otherwise false and the handler goes on.
 */
export function refusedInput(request: FastifyRequest, reply: FastifyReply): boolean {
  if (request.body instanceof InvalidJson) {
    sendIssues(reply, [{ loc: ['body', 0], msg: `Expecting a JSON value: ${request.body.message}`, type: 'value_error.jsondecode' }]);
    return true;
  }
  if (request.body instanceof FormInsteadOfJson) {
    sendIssues(reply, [
      { loc: ['body'], msg: 'value is not a valid dict: send the record as JSON (Content-Type: application/json), not as form fields', type: 'type_error.dict' },
    ]);
    return true;
  }
  const failure = request.validationError as (Error & { validation?: FastifySchemaValidationError[]; validationContext?: HttpPart }) | undefined;
  if (!failure) return false;
  const part = failure.validationContext ?? 'body';
  const seen = new Set<string>();
  const issues = (failure.validation ?? [])
    .map((error) => issueOf(error, part, request.body))
    .filter((issue) => {
      const key = JSON.stringify([issue.loc, issue.type]);
      if (seen.has(key)) return false;
      seen.add(key);
      return true;
    });
  sendIssues(reply, issues.length ? issues : [{ loc: [LOC_PART[part]], msg: failure.message, type: 'value_error' }]);
  return true;
}

declare module 'fastify' {
  interface FastifyContextConfig {
    /** The route reads its body as JSON only (OpenTrack record routes). */
    jsonBody?: boolean;
  }
}

/** A record route's body that came as form fields (curl -d without a JSON content type, say). */
export class FormInsteadOfJson {}

/**
 * FastAPI reads a body without a JSON content type as JSON too (python requests'
 * `data=json.dumps(...)` sends none). Routes whose config says jsonBody take no form fields.
 */
export async function decodeTextBody(request: FastifyRequest): Promise<void> {
  if (typeof request.body === 'string') {
    request.body = request.body.trim() === '' ? undefined : parseJsonText(request.body);
    return;
  }
  if (request.routeOptions.config?.jsonBody && /^(application\/x-www-form-urlencoded|multipart\/form-data)/i.test(request.headers['content-type'] ?? '')) {
    request.body = new FormInsteadOfJson();
  }
}

export function notAuthenticated(reply: FastifyReply, request: FastifyRequest): FastifyReply {
  const detail = request.headers.authorization ? 'Could not validate credentials' : 'Not authenticated';
  return reply.code(401).header('www-authenticate', 'Bearer').send({ detail });
}

/** A GraphQL error as FastAPI would answer it. `part` locates field problems (body or query). */
export function sendOperationError(reply: FastifyReply, error: OperationError, part: 'body' | 'query' = 'body'): FastifyReply {
  switch (error.code) {
    case 'UNAUTHENTICATED':
      return reply.code(401).header('www-authenticate', 'Bearer').send({ detail: error.message });
    case 'FORBIDDEN':
      return reply.code(403).send({ detail: inV1Words(error.message) });
    case 'NOT_FOUND':
      return reply.code(404).send({ detail: 'Not Found' });
    case 'CONFLICT':
      return reply.code(409).send({ detail: inV1Words(error.message) });
    case 'BAD_USER_INPUT': {
      const fields = (error.extensions.fields ?? []) as { field: string; message: string }[];
      const issues: Issue[] = fields.length
        ? fields.map((f) => ({ loc: [part, ...locOf(f.field)], msg: inV1Words(f.message), type: 'value_error' }))
        : [{ loc: [part], msg: inV1Words(error.message), type: 'value_error' }];
      return sendIssues(reply, issues);
    }
    case 'RATE_LIMITED':
      return reply.code(429).send({ detail: error.message });
    case 'SERVICE_UNAVAILABLE':
      return reply.code(503).send({ detail: error.message });
    default:
      return reply.code(error.status >= 400 && error.status < 500 ? error.status : 500).send({ detail: error.status >= 500 ? 'Internal Server Error' : error.message });
  }
}
