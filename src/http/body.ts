// Body parsing shared by every route. Parsing never fails the request by itself: each dialect
// decides how a bad body is answered in its own error shape.
//   application/json       -> the parsed value, or an InvalidJson marker
//   form-encoded/multipart -> an object of field values (files ignored)
//   anything else          -> the raw text (PYBOSSA parses any body as JSON, whatever its type)
import type { FastifyInstance } from 'fastify';
import formbody from '@fastify/formbody';
import multipart from '@fastify/multipart';

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
  await app.register(formbody);
  await app.register(multipart, {
    attachFieldsToBody: 'keyValues',
    limits: { fileSize: 5 * 1024 * 1024, files: 5, fields: 200 },
  });
}
