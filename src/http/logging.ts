// The gateway's pino logger options (Fastify's request log included). Credentials never reach the
// log: the request URL is logged with credential query parameters, secret-named GraphQL GET
// variables and inline secret arguments replaced by [REDACTED]; credential headers are redacted
// wherever a line carries them.
import type { FastifyServerOptions } from 'fastify';
import type { Config } from '../config.ts';

/** Where log lines go: stdout by default; tests pass a stream to read them. */
export interface LogDestination {
  write(line: string): void;
}

export const REDACTED = '[REDACTED]';

/** Names of query parameters, GraphQL variables and arguments that carry credentials. */
const SECRET_NAME = /^(key|token|auth|sig|signature|session|jwt)$|api[_-]?key|access[_-]?(key|token)|secret|token|passw(or)?d|credential|authori[sz]ation|cookie/i;

export const isSecretName = (name: string): boolean => SECRET_NAME.test(name);

/** A copy of a JSON value with every secret-named property's value redacted. */
export function redactVariables(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(redactVariables);
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([key, inner]) => [key, isSecretName(key) ? REDACTED : redactVariables(inner)]));
  }
  return value;
}

/** `password: "..."` (or a block string) inside a GraphQL document. */
const INLINE_SECRET = /([A-Za-z_][A-Za-z0-9_]*)(\s*:\s*)("""[\s\S]*?"""|"(?:[^"\\]|\\.)*")/g;

function redactDocument(text: string): string {
  return text.replace(INLINE_SECRET, (whole, name: string, colon: string) => (isSecretName(name) ? `${name}${colon}"${REDACTED}"` : whole));
}

function decode(text: string): string | null {
  try {
    return decodeURIComponent(text.replace(/\+/g, ' '));
  } catch {
    return null;
  }
}

/** The URL with credentials replaced; other parameters keep their exact bytes. */
export function redactUrl(url: string): string {
  const mark = url.indexOf('?');
  if (mark < 0) return url;
  const parts = url
    .slice(mark + 1)
    .split('&')
    .map((part) => {
      const eq = part.indexOf('=');
      const rawName = eq < 0 ? part : part.slice(0, eq);
      const name = decode(rawName) ?? rawName;
      if (eq < 0) return part;
      const raw = part.slice(eq + 1);
      if (isSecretName(name)) return `${rawName}=${REDACTED}`;
      if (name === 'variables' || name === 'extensions') {
        const text = decode(raw);
        try {
          return `${rawName}=${encodeURIComponent(JSON.stringify(redactVariables(JSON.parse(text ?? ''))))}`;
        } catch {
          return `${rawName}=${REDACTED}`;
        }
      }
      if (name === 'query') {
        const text = decode(raw);
        if (text === null) return `${rawName}=${REDACTED}`;
        const redacted = redactDocument(text);
        return redacted === text ? part : `${rawName}=${encodeURIComponent(redacted)}`;
      }
      return part;
    });
  return `${url.slice(0, mark)}?${parts.join('&')}`;
}

interface LoggedRequest {
  method: string;
  url: string;
  host?: string;
  ip?: string;
  socket?: { remotePort?: number };
}

const CREDENTIAL_HEADERS = ['authorization', 'proxy-authorization', 'cookie', 'set-cookie', 'x-api-key', 'x-auth-token', 'api-key'];

export function loggerOptions(config: Pick<Config, 'logLevel'>, stream?: LogDestination): FastifyServerOptions['logger'] {
  return {
    level: config.logLevel,
    serializers: {
      // Fastify's own request fields, with the URL redacted.
      req: (request: LoggedRequest) => ({
        method: request.method,
        url: redactUrl(request.url),
        host: request.host,
        remoteAddress: request.ip,
        remotePort: request.socket?.remotePort,
      }),
    },
    // Defence in depth for any line that carries headers or credentials by name.
    redact: {
      paths: [
        ...CREDENTIAL_HEADERS.flatMap((h) => [`req.headers["${h}"]`, `res.headers["${h}"]`, `headers["${h}"]`]),
        'variables.*',
        '*.password',
        '*.secret',
        '*.api_key',
        '*.apiKey',
        '*.secretKey',
        '*.token',
      ],
      censor: REDACTED,
    },
    ...(stream ? { stream } : {}),
  };
}
