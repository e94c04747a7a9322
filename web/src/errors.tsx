// Every error the console can meet, said as a sentence a person understands.
import type { CombinedError } from '@urql/core';
import { CODE_SENTENCES } from './error-codes.ts';

export { CODE_SENTENCES };

const NETWORK_SENTENCE = 'The server cannot be reached. Check your connection and try again.';

export interface FieldProblem {
  field: string;
  message: string;
}

export interface HumanError {
  code: string;
  /** The sentence for the code. */
  sentence: string;
  /** The server's own explanation, when it adds something. */
  detail?: string;
  fields: FieldProblem[];
  reason?: string;
  extensions: Record<string, unknown>;
}

export function humanError(error: CombinedError | Error | null | undefined): HumanError | null {
  if (!error) return null;
  const combined = error as Partial<CombinedError>;
  const first = combined.graphQLErrors?.[0];
  if (first) {
    const extensions = (first.extensions ?? {}) as Record<string, unknown>;
    const code = typeof extensions.code === 'string' ? extensions.code : 'INTERNAL_SERVER_ERROR';
    const sentence = CODE_SENTENCES[code] ?? CODE_SENTENCES.INTERNAL_SERVER_ERROR!;
    const fields = Array.isArray(extensions.fields) ? (extensions.fields as FieldProblem[]) : [];
    const message = first.message?.trim();
    return {
      code,
      sentence,
      detail: message && message !== sentence && code !== 'INTERNAL_SERVER_ERROR' ? message : undefined,
      fields,
      reason: typeof extensions.reason === 'string' ? extensions.reason : undefined,
      extensions,
    };
  }
  if (combined.networkError || error instanceof TypeError) {
    return { code: 'NETWORK', sentence: NETWORK_SENTENCE, fields: [], extensions: {} };
  }
  return { code: 'INTERNAL_SERVER_ERROR', sentence: CODE_SENTENCES.INTERNAL_SERVER_ERROR!, fields: [], extensions: {} };
}

export function ErrorNote({ error, title }: { error: CombinedError | Error | null | undefined; title?: string }) {
  const human = humanError(error);
  if (!human) return null;
  return (
    <div class="note note-error" role="alert" data-code={human.code}>
      {title && <strong>{title} </strong>}
      <span>{human.sentence}</span>
      {human.detail && <span> {human.detail}</span>}
      {human.fields.length > 0 && (
        <ul>
          {human.fields.map((f) => (
            <li key={f.field + f.message}>
              <code>{f.field}</code>: {f.message}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
