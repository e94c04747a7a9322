// A task's or answer's info shown as readable fields instead of raw JSON.

import { safeHref } from './safe-href.ts';

const isUrl = (value: string): boolean => safeHref(value) !== null;

function Value({ value }: { value: unknown }) {
  if (value === null || value === undefined) return <span class="muted">—</span>;
  if (typeof value === 'string') {
    // Links, never embedded images: the console loads nothing from other hosts.
    return isUrl(value) ? (
      <a href={value} rel="noopener noreferrer" target="_blank">
        {value}
      </a>
    ) : (
      <span>{value}</span>
    );
  }
  if (typeof value === 'number' || typeof value === 'boolean') return <span>{String(value)}</span>;
  return <pre class="json">{JSON.stringify(value, null, 2)}</pre>;
}

const labelOf = (key: string): string => key.replace(/[_-]+/g, ' ').replace(/^\w/, (c) => c.toUpperCase());

export function InfoView({ info, compact = false }: { info: unknown; compact?: boolean }) {
  if (info === null || typeof info !== 'object' || Array.isArray(info)) return <Value value={info} />;
  const entries = Object.entries(info as Record<string, unknown>);
  if (entries.length === 0) return <span class="muted">(empty)</span>;
  return (
    <dl class={compact ? 'info compact' : 'info'}>
      {entries.map(([key, value]) => (
        <div key={key}>
          <dt>{labelOf(key)}</dt>
          <dd>
            <Value value={value} />
          </dd>
        </div>
      ))}
    </dl>
  );
}

/** Short one-line text of an answer, for tables. */
export function summary(info: unknown): string {
  if (info === null || info === undefined) return '—';
  if (typeof info !== 'object') return String(info);
  const entries = Object.entries(info as Record<string, unknown>);
  if (entries.length === 1) return typeof entries[0]![1] === 'object' ? JSON.stringify(entries[0]![1]) : String(entries[0]![1]);
  return JSON.stringify(info);
}
