// Submitty's modified JSend envelope (docs/dialects/jsend.md, The envelope), rendered as PHP's
// json_encode(..., JSON_PRETTY_PRINT) renders it: keys in the order status, data, message, code;
// four-space indent, no trailing newline, "/" escaped as "\/" and non-ASCII as \uXXXX.
import type { FastifyReply } from 'fastify';

export type JsendEnvelope =
  | { status: 'success'; data: unknown }
  | { status: 'fail'; message: string | null; data?: unknown }
  | { status: 'error'; message: string | null; data?: unknown; code?: string };

export const success = (data: unknown = null): JsendEnvelope => ({ status: 'success', data });
export const fail = (message: string | null, data?: unknown): JsendEnvelope => ({ status: 'fail', message, data });
export const error = (message: string | null, data?: unknown, code?: string): JsendEnvelope => ({ status: 'error', message, data, code });

/** PHP truthiness: [], 0, "", "0", false and null are false (an empty array is [] in PHP either way). */
function phpTruthy(value: unknown): boolean {
  if (value === null || value === undefined || value === false || value === 0 || value === '' || value === '0') return false;
  if (Array.isArray(value)) return value.length > 0;
  if (typeof value === 'object') return Object.keys(value).length > 0;
  return true;
}

/** The envelope's keys as Submitty's JsonResponse includes them. */
export function envelopeObject(envelope: JsendEnvelope): Record<string, unknown> {
  const out: Record<string, unknown> = { status: envelope.status };
  if (envelope.status === 'success') {
    out.data = envelope.data ?? null;
    return out;
  }
  if (phpTruthy(envelope.data)) out.data = envelope.data;
  out.message = envelope.message;
  if (envelope.status === 'error' && phpTruthy(envelope.code)) out.code = envelope.code;
  return out;
}

/** json_encode with JSON_PRETTY_PRINT and no JSON_UNESCAPED_* flags. */
export function phpPrettyJson(value: unknown): string {
  return JSON.stringify(value, null, 4)
    .replace(/\//g, '\\/') // "/" only ever occurs inside strings
    .replace(/[\u0080-\uffff]/g, (ch) => '\\u' + ch.charCodeAt(0).toString(16).padStart(4, '0'));
}

export const renderJsend = (envelope: JsendEnvelope): string => phpPrettyJson(envelopeObject(envelope));

/** HTTP 200 whatever the outcome (existing clients depend on it), as JSON, with Submitty's safety headers. */
export function sendJsend(reply: FastifyReply, envelope: JsendEnvelope): FastifyReply {
  return reply
    .code(200)
    .header('content-type', 'application/json; charset=utf-8')
    .header('x-content-type-options', 'nosniff')
    .header('x-frame-options', 'SAMEORIGIN')
    .header('cache-control', 'no-cache, no-store, must-revalidate')
    .header('pragma', 'no-cache')
    .send(renderJsend(envelope));
}
