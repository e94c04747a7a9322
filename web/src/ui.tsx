// Small shared pieces: page frame, loading / empty states, progress bar, dates.
import type { ComponentChildren } from 'preact';
import { useEffect } from 'preact/hooks';
import { Link } from './router.tsx';
import { useSession, type Me } from './session.tsx';

export function Page({ title, children, actions }: { title: string; children: ComponentChildren; actions?: ComponentChildren }) {
  useEffect(() => {
    document.title = `${title} · Gantry`;
  }, [title]);
  return (
    <section class="page" aria-labelledby="page-title">
      <div class="page-head">
        <h1 id="page-title" tabIndex={-1}>
          {title}
        </h1>
        {actions && <div class="page-actions">{actions}</div>}
      </div>
      {children}
    </section>
  );
}

export function Loading({ what = 'Loading' }: { what?: string }) {
  return (
    <p class="loading" role="status" aria-live="polite">
      <span class="spinner" aria-hidden="true" /> {what}…
    </p>
  );
}

export function Empty({ children }: { children: ComponentChildren }) {
  return (
    <div class="empty" role="status">
      {children}
    </div>
  );
}

export function Notice({ kind = 'info', children }: { kind?: 'info' | 'ok' | 'warn'; children: ComponentChildren }) {
  return (
    <div class={`note note-${kind}`} role={kind === 'info' ? 'status' : 'alert'}>
      {children}
    </div>
  );
}

export function ProgressBar({ value, max, label }: { value: number; max: number; label: string }) {
  const percent = max > 0 ? Math.round((value / max) * 100) : 0;
  return (
    <div class="progress">
      <div
        class="progress-track"
        role="progressbar"
        aria-label={label}
        aria-valuemin={0}
        aria-valuemax={max}
        aria-valuenow={value}
        aria-valuetext={`${value} of ${max} (${percent}%)`}
      >
        <div class="progress-fill" style={{ width: `${percent}%` }} />
      </div>
      <span class="progress-text">
        {value} / {max} ({percent}%)
      </span>
    </div>
  );
}

const dateTime = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });
const dateOnly = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeZone: 'UTC' });

export function formatDateTime(iso: string | null | undefined): string {
  return iso ? dateTime.format(new Date(iso)) : '—';
}

/** A calendar day (YYYY-MM-DD), shown without shifting it through the local time zone. */
export function formatDay(day: string | null | undefined): string {
  return day ? dateOnly.format(new Date(`${day}T00:00:00Z`)) : '—';
}

export function formatDuration(seconds: number): string {
  if (seconds % 86400 === 0 && seconds >= 86400) return plural(seconds / 86400, 'day');
  if (seconds % 3600 === 0 && seconds >= 3600) return plural(seconds / 3600, 'hour');
  if (seconds % 60 === 0 && seconds >= 60) return plural(seconds / 60, 'minute');
  return plural(seconds, 'second');
}

export const plural = (n: number, word: string): string => `${n} ${word}${n === 1 ? '' : 's'}`;

/** Shows its children to signed-in users (optionally only when `allowed`), a clear sentence otherwise. */
export function Guard({ allowed, need, children }: { allowed?: (me: Me) => boolean; need?: string; children: ComponentChildren }) {
  const { me, loading } = useSession();
  if (loading) return <Loading what="Checking who you are" />;
  if (!me) {
    const next = encodeURIComponent(location.pathname + location.search);
    return (
      <Empty>
        <p>
          You need to sign in to see this page. <Link href={`/signin?next=${next}`}>Sign in</Link>
        </p>
      </Empty>
    );
  }
  if (allowed && !allowed(me)) {
    return (
      <div class="note note-error" role="alert">
        This page is for {need ?? 'other users'}; your account ({me.name}) is not allowed to use it.
      </div>
    );
  }
  return <>{children}</>;
}

/** Pretty JSON for people: objects as indented text. */
export const pretty = (value: unknown): string => JSON.stringify(value, null, 2);
