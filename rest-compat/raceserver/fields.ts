// Flask's request.form: the named fields of a form-encoded or multipart body (the first value of a
// repeated field). Gantry also reads a JSON object with the same fields; a JSON value that is not
// text is passed on as its JSON text (so `"buggy_json": {...}` works), null as missing. Any other
// body has no fields, and the upload then answers "missing user", as the original does.
import { InvalidJson } from '../../src/http/body.ts';

function asText(value: unknown): string | undefined {
  if (value === null || value === undefined) return undefined;
  if (typeof value === 'string') return value;
  if (Buffer.isBuffer(value)) return value.toString('utf8');
  return JSON.stringify(value);
}

export function formFields(body: unknown, isJson: boolean): Record<string, string | undefined> {
  if (body === null || typeof body !== 'object' || Array.isArray(body) || body instanceof InvalidJson || Buffer.isBuffer(body)) return {};
  const fields: Record<string, string | undefined> = {};
  for (const [name, value] of Object.entries(body as Record<string, unknown>)) {
    // Repeated form fields arrive as arrays; a JSON array is a value of its own.
    fields[name] = !isJson && Array.isArray(value) ? asText(value[0]) : asText(value);
  }
  return fields;
}
