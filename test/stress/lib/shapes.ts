// Which dialect answers a path, and whether an answer has that dialect's documented shape
// (docs/architecture.md, "The path of a request", step 8). Written independently of the code under test: these
// are the shapes clients parse, so a shape check here is what a client would trip over.

export type Dialect = 'graphql' | 'pybossa' | 'jsend' | 'raceserver' | 'raceserver-page' | 'opentrack-v1' | 'opentrack-legacy' | 'calendar' | 'ical' | 'metrics' | 'other';

export interface Answer {
  method: string;
  path: string;
  status: number;
  headers: Record<string, unknown>;
  body: string;
}

const ERROR_CODES = ['BAD_USER_INPUT', 'UNAUTHENTICATED', 'FORBIDDEN', 'NOT_FOUND', 'CONFLICT', 'QUERY_TOO_COMPLEX', 'RATE_LIMITED', 'SERVICE_UNAVAILABLE', 'INTERNAL_SERVER_ERROR', 'PERSISTED_QUERY_NOT_FOUND', 'PERSISTED_QUERY_NOT_SUPPORTED'];

/** The dialect that owns a request path (the query string is ignored). */
export function dialectOf(method: string, rawPath: string): Dialect {
  const path = rawPath.split('?')[0]!;
  if (path === '/graphql' || path.startsWith('/graphql/')) return 'graphql';
  if (path === '/metrics') return 'metrics';
  if (path.startsWith('/files/live/euroath/')) return 'calendar';
  if (path.startsWith('/calendar/')) return 'ical';
  if (/^\/api\/(token|me)(\/|$)/.test(path)) return 'jsend';
  if (path === '/api/upload') return 'raceserver';
  if (path === '/api' && (method === 'GET' || method === 'HEAD')) return 'raceserver-page';
  // GET /api/ is PYBOSSA's plain-text banner, or the race server's page for a browser (checked as PYBOSSA).
  if (path.startsWith('/api/v1/')) return 'opentrack-v1';
  if (/^\/api\/(get-auth-token|hello|my-competitions)\/?$/.test(path)) return 'opentrack-legacy';
  if (path === '/api' || path.startsWith('/api/')) return 'pybossa';
  return 'other';
}

function parse(body: string): { ok: true; value: unknown } | { ok: false } {
  try {
    return { ok: true, value: JSON.parse(body) };
  } catch {
    return { ok: false };
  }
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const contentType = (a: Answer) => String(a.headers['content-type'] ?? '');

/** True when the answer refuses the request (nothing should have been written). */
export function isRefusal(answer: Answer): boolean {
  if (answer.status >= 400) return true;
  const dialect = dialectOf(answer.method, answer.path);
  const parsed = parse(answer.body);
  if (!parsed.ok) return false;
  if (dialect === 'jsend') return isObject(parsed.value) && parsed.value.status !== 'success';
  if (dialect === 'raceserver') return isObject(parsed.value) && 'error' in parsed.value;
  if (dialect === 'graphql') return isObject(parsed.value) && Array.isArray(parsed.value.errors) && !parsed.value.data;
  return false;
}

/** null when the answer is in its dialect's documented shape; otherwise what is wrong. */
export function shapeProblem(answer: Answer, options: { allowUnavailable?: boolean } = {}): string | null {
  const { status, body, method } = answer;
  if (status >= 500 && status !== 503) return `server error ${status}`;
  if (status === 503 && !options.allowUnavailable) return 'unexpected 503 (no fault was injected)';
  const dialect = dialectOf(method, answer.path);
  if (method === 'HEAD' || status === 204 || status === 304) return null;
  const parsed = parse(body);
  switch (dialect) {
    case 'graphql': {
      if (!parsed.ok) return `GraphQL answer is not JSON: ${body.slice(0, 80)}`;
      return graphqlProblem(parsed.value, status);
    }
    case 'pybossa': {
      if (status < 400) return parsed.ok || method === 'OPTIONS' || /text\/(html|plain)/.test(contentType(answer)) ? null : 'PYBOSSA success is not JSON';
      if (!parsed.ok) return `PYBOSSA error is not JSON: ${body.slice(0, 80)}`;
      // External-user tokens refused on newtask: PYBOSSA's JWT check answers {code, description}.
      if (status === 401 && isObject(parsed.value) && typeof parsed.value.code === 'string' && typeof parsed.value.description === 'string') return null;
      return pybossaProblem(parsed.value, status);
    }
    case 'jsend': {
      if (status !== 200) return `JSend answered HTTP ${status} (must always be 200)`;
      if (!parsed.ok || !isObject(parsed.value)) return 'JSend answer is not a JSON object';
      const v = parsed.value;
      if (v.status === 'success') return 'data' in v ? null : 'JSend success without data';
      if (v.status === 'fail' || v.status === 'error') return typeof v.message === 'string' ? null : 'JSend fail/error without a message';
      return `JSend status is ${String(v.status)}`;
    }
    case 'raceserver': {
      if (method === 'OPTIONS') return null;
      if (!parsed.ok || !isObject(parsed.value)) return `race-server answer is not a JSON object: ${body.slice(0, 80)}`;
      const keys = Object.keys(parsed.value);
      if (keys.length !== 1 || !['ok', 'error'].includes(keys[0]!)) return `race-server answer has keys ${keys.join(',')}`;
      if (typeof Object.values(parsed.value)[0] !== 'string') return 'race-server answer text is not a string';
      if (status >= 400 && keys[0] !== 'error') return `race-server ${status} without "error"`;
      return null;
    }
    case 'raceserver-page':
      return status === 200 && /text\/html/.test(contentType(answer)) ? null : `GET /api answered ${status} ${contentType(answer)}`;
    case 'opentrack-v1': {
      if (status < 400) return null;
      if (!parsed.ok || !isObject(parsed.value) || !('detail' in parsed.value)) return `FastAPI error without detail: ${body.slice(0, 80)}`;
      const detail = parsed.value.detail;
      if (status === 422) {
        if (!Array.isArray(detail) || detail.length === 0) return '422 detail is not a list of problems';
        for (const issue of detail) {
          if (!isObject(issue) || !Array.isArray(issue.loc) || typeof issue.msg !== 'string' || typeof issue.type !== 'string') return `422 issue not {loc,msg,type}: ${JSON.stringify(issue)}`;
        }
        return null;
      }
      return typeof detail === 'string' || isObject(detail) ? null : 'detail is neither text nor an object';
    }
    case 'opentrack-legacy': {
      if (status < 400) return null;
      if (!parsed.ok || !isObject(parsed.value)) return `DRF error is not a JSON object: ${body.slice(0, 80)}`;
      const v = parsed.value;
      if (typeof v.detail === 'string') return null;
      const entries = Object.entries(v);
      if (entries.length && entries.every(([, messages]) => Array.isArray(messages) && messages.every((m) => typeof m === 'string'))) return null;
      return `DRF error neither {detail} nor {field: [..]}: ${body.slice(0, 80)}`;
    }
    case 'calendar':
      if (status < 400) return null;
      return parsed.ok && isObject(parsed.value) && typeof parsed.value.detail === 'string' ? null : `calendar error without detail: ${body.slice(0, 80)}`;
    case 'ical':
      // iCalendar feeds: text/calendar, or a plain-text explanation a calendar app can show.
      if (status < 400) return /text\/calendar/.test(contentType(answer)) ? null : `feed answered ${contentType(answer)}`;
      return /text\/plain/.test(contentType(answer)) && body.trim() !== '' ? null : `feed error not plain text: ${body.slice(0, 80)}`;
    case 'metrics':
      return null;
    default: {
      if (status < 400) return null;
      if (!parsed.ok || !isObject(parsed.value)) return `error is not JSON: ${body.slice(0, 80)}`;
      return typeof parsed.value.message === 'string' && parsed.value.statusCode === status ? null : `error without message/statusCode: ${body.slice(0, 80)}`;
    }
  }
}

function graphqlProblem(value: unknown, status: number): string | null {
  if (!isObject(value)) return 'GraphQL answer is not an object';
  if (!('data' in value) && !('errors' in value)) return 'GraphQL answer has neither data nor errors';
  if (status >= 400 && !Array.isArray(value.errors)) return `GraphQL ${status} without errors`;
  if (value.errors !== undefined) {
    if (!Array.isArray(value.errors) || value.errors.length === 0) return 'errors is not a non-empty list';
    for (const error of value.errors) {
      if (!isObject(error) || typeof error.message !== 'string') return 'an error without a message';
      const extensions = error.extensions as Record<string, unknown> | undefined;
      if (!isObject(extensions) || !ERROR_CODES.includes(String(extensions.code))) return `error code ${String(extensions?.code)} is not in the registry`;
      if ('stacktrace' in extensions) return 'an error carries a stack trace';
      if (extensions.code === 'INTERNAL_SERVER_ERROR') return `internal error: ${error.message}`;
    }
  }
  return null;
}

function pybossaProblem(value: unknown, status: number): string | null {
  if (!isObject(value)) return 'PYBOSSA error is not an object';
  if (value.status !== 'failed') return `PYBOSSA error status is ${String(value.status)}`;
  if (value.status_code !== status) return `status_code ${String(value.status_code)} differs from HTTP ${status}`;
  for (const key of ['action', 'target', 'exception_cls', 'exception_msg']) {
    if (typeof value[key] !== 'string') return `PYBOSSA error without ${key}`;
  }
  if (value.exception_cls === 'InternalServerError') return 'PYBOSSA internal error';
  return null;
}
