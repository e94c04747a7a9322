// Body parsing shared by every route. Parsing never fails the request by itself: each dialect
// decides how a bad body is answered in its own error shape.
//   application/json       -> the parsed value, or an InvalidJson marker
//   form-encoded/multipart -> an object of field values (a file part's value is its bytes)
//   anything else          -> the raw text (PYBOSSA parses any body as JSON, whatever its type)
// Every body, whatever its type, is read through Fastify's own reader and held to BODY_LIMIT: over
// it, reading stops and the request is answered 413 in its dialect's shape (src/http/dialect-errors.ts).
import type { FastifyInstance } from 'fastify';
import type { IncomingHttpHeaders } from 'node:http';
import formbody from '@fastify/formbody';
import { Busboy } from '@fastify/busboy';

/** The largest request body accepted, of any type (docs/security.md). */
export const BODY_LIMIT = 5 * 1024 * 1024;
/** A multipart body may hold at most this many parts, fields and files. */
export const MULTIPART_LIMITS = { parts: 1000, fields: 200, files: 5 } as const;

/** An error Fastify's error handler answers with its status, in the route's dialect. */
function clientError(status: number, message: string): Error & { statusCode: number } {
  return Object.assign(new Error(message), { statusCode: status });
}

export class InvalidJson {
  constructor(
    readonly message: string,
    readonly raw: string,
  ) {}
}

/** Parses like Python's json.loads would be asked to: the message says where it failed. */
export function parseJsonText(raw: string): unknown {
  try {
    return JSON.parse(raw);
  } catch (error) {
    return new InvalidJson((error as Error).message, raw);
  }
}

export async function registerBodyParsers(app: FastifyInstance): Promise<void> {
  app.removeContentTypeParser(['application/json', 'text/plain']);
  app.addContentTypeParser(['application/json', 'text/plain', '*'], { parseAs: 'string' }, (request, body, done) => {
    const text = body as string;
    const type = request.headers['content-type'] ?? '';
    if (/json/i.test(type)) done(null, text === '' ? undefined : parseJsonText(text));
    else done(null, text);
  });
  await app.register(formbody, { bodyLimit: BODY_LIMIT });
  // Read whole (bounded by BODY_LIMIT, as every other type) before the parts are split.
  app.addContentTypeParser('multipart/form-data', { parseAs: 'buffer', bodyLimit: BODY_LIMIT }, (request, body, done) => {
    parseMultipart(request.headers, body as Buffer).then(
      (fields) => done(null, fields),
      (error: Error) => done(error, undefined),
    );
  });
}

/**
 * The fields of a multipart body, as form-encoded ones arrive: name -> value, a repeated name ->
 * an array of values; a file part's value is its bytes (a Buffer).
 */
export function parseMultipart(headers: IncomingHttpHeaders, body: Buffer): Promise<Record<string, unknown>> {
  return new Promise((resolve, reject) => {
    const fields: Record<string, unknown> = {};
    let failed = false;
    const fail = (error: Error) => {
      if (!failed) reject(error);
      failed = true;
    };
    const add = (name: string, value: string | Buffer) => {
      // A field called __proto__ or constructor must not reach the object's prototype.
      if (name in Object.prototype) return fail(clientError(400, `Multipart: the field name "${name}" is not allowed.`));
      const previous = fields[name];
      fields[name] = previous === undefined ? value : Array.isArray(previous) ? [...previous, value] : [previous, value];
    };
    let parser: import('@fastify/busboy').BusboyInstance;
    try {
      parser = new Busboy({
        headers: headers as IncomingHttpHeaders & { 'content-type': string },
        // The body is already within BODY_LIMIT: no part is ever truncated.
        limits: { fieldSize: BODY_LIMIT, fileSize: BODY_LIMIT, ...MULTIPART_LIMITS },
      });
    } catch (error) {
      return fail(error as Error);
    }
    const tooMany = (what: string, limit: number) => () => fail(clientError(413, `Request body is too large: at most ${limit} ${what} in a multipart body.`));
    parser.on('partsLimit', tooMany('parts', MULTIPART_LIMITS.parts));
    parser.on('fieldsLimit', tooMany('fields', MULTIPART_LIMITS.fields));
    parser.on('filesLimit', tooMany('files', MULTIPART_LIMITS.files));
    const files: Promise<void>[] = [];
    parser.on('field', (name: string, value: string) => add(name, value));
    parser.on('file', (name: string, stream: NodeJS.ReadableStream) => {
      const chunks: Buffer[] = [];
      files.push(
        new Promise((done) => {
          stream.on('data', (chunk: Buffer) => chunks.push(chunk));
          stream.on('end', () => {
            add(name, Buffer.concat(chunks));
            done();
          });
          stream.on('error', (error: Error) => {
            fail(error);
            done();
          });
        }),
      );
    });
    parser.on('error', (error: Error) => fail(error));
    parser.on('finish', () => {
      void Promise.all(files).then(() => {
        if (!failed) resolve(fields);
      });
    });
    parser.end(body);
  });
}
