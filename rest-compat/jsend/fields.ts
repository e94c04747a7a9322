// PHP's view of a request body: the named fields of a form-encoded, multipart or JSON-object body
// as strings. A body that is not an object (malformed JSON, a JSON array, plain text) has no fields,
// so every field looks missing, as in Submitty. A JSON null is not set (PHP's isset); other scalars
// become the text PHP would make of them; a repeated form field keeps its last value.
import { InvalidJson } from '../../src/http/body.ts';

function asText(value: unknown): string | undefined {
  if (value === null || value === undefined) return undefined;
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'bigint') return String(value);
  if (typeof value === 'boolean') return value ? '1' : '';
  if (Buffer.isBuffer(value)) return value.toString('utf8');
  if (Array.isArray(value)) return value.length ? asText(value[value.length - 1]) : undefined;
  return JSON.stringify(value);
}

export function formFields(body: unknown): Record<string, string | undefined> {
  if (body === null || typeof body !== 'object' || Array.isArray(body) || body instanceof InvalidJson || Buffer.isBuffer(body)) return {};
  const fields: Record<string, string | undefined> = {};
  for (const [name, value] of Object.entries(body as Record<string, unknown>)) fields[name] = asText(value);
  return fields;
}
