import { useEffect, useMemo, useState } from 'preact/hooks';
import { useQuery } from '@urql/preact';
import { graphql } from '../gql/index.ts';
import type { CompetitionListQuery } from '../gql/graphql.ts';
import { safeHref } from '../safe-href.ts';
import { addDays, addMonths, formatMonth, isDay, isMonth, monthRange, monthWeeks, today } from '../dates.ts';
import { ErrorNote } from '../errors.tsx';
import { Link, useLocation } from '../router.tsx';
import { mayCreateCompetitions, useSession } from '../session.tsx';
import { Empty, formatDay, Loading, Notice, Page } from '../ui.tsx';

const LIST_LIMIT = 500;

const CompetitionListDocument = graphql(`
  query CompetitionList($countries: [String!], $fromDate: LocalDate, $toDate: LocalDate, $limit: Int) {
    competitions(countries: $countries, fromDate: $fromDate, toDate: $toDate, limit: $limit) {
      id
      fullName
      shortName
      countryId
      city
      date
      finishDate
      website
      viewerCanManage
    }
  }
`);

const CompetitionCountriesDocument = graphql(`
  query CompetitionCountries($fromDate: LocalDate!, $toDate: LocalDate!) {
    competitionCountries(fromDate: $fromDate, toDate: $toDate)
  }
`);

const RecentlyCancelledDocument = graphql(`
  query RecentlyCancelled($countries: [String!], $fromDate: LocalDate) {
    deletedCompetitions(countries: $countries, fromDate: $fromDate, limit: 50) {
      id
      fullName
      countryId
      date
      finishDate
      deletedAt
    }
  }
`);

type Competition = CompetitionListQuery['competitions'][number];
type View = 'list' | 'month';

interface Filters {
  view: View;
  country: string;
  from: string;
  to: string;
  month: string;
}

const COUNTRY = /^[A-Za-z]{3}$/;

/** The calendar feed a calendar app can follow: one country, or the European calendar. */
export function feedPath(country: string): string {
  return COUNTRY.test(country) ? `/calendar/${country.toLowerCase()}.ics` : '/calendar/european.ics';
}

function filtersFrom(query: URLSearchParams): Filters {
  const start = today();
  const from = query.get('from') ?? '';
  const to = query.get('to') ?? '';
  const month = query.get('month') ?? '';
  return {
    view: query.get('view') === 'month' ? 'month' : 'list',
    country: COUNTRY.test(query.get('country') ?? '') ? query.get('country')!.toUpperCase() : '',
    from: isDay(from) ? from : start,
    to: isDay(to) ? to : `${Number(start.slice(0, 4)) + 1}-12-31`,
    month: isMonth(month) ? month : start.slice(0, 7),
  };
}

function dayRange(c: Pick<Competition, 'date' | 'finishDate'>): string {
  return c.finishDate && c.finishDate !== c.date ? `${formatDay(c.date)} – ${formatDay(c.finishDate)}` : formatDay(c.date);
}

function ListView({ competitions }: { competitions: Competition[] }) {
  if (competitions.length === 0) return <Empty>No competition matches these filters.</Empty>;
  return (
    <div class="table-wrap">
      <table class="table" aria-label="Competitions">
        <thead>
          <tr>
            <th scope="col">Dates</th>
            <th scope="col">Competition</th>
            <th scope="col">Place</th>
            <th scope="col">
              <span class="sr-only">Actions</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {competitions.map((c) => (
            <tr key={c.id}>
              <td>{dayRange(c)}</td>
              <td>
                {safeHref(c.website) ? (
                  <a href={safeHref(c.website)!} rel="noopener noreferrer" target="_blank">
                    {c.fullName}
                  </a>
                ) : (
                  c.fullName
                )}
              </td>
              <td>
                {c.city ? `${c.city}, ` : ''}
                {c.countryId}
              </td>
              <td>{c.viewerCanManage && <Link href={`/competitions/${c.id}/edit`}>Edit</Link>}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function MonthView({ month, competitions }: { month: string; competitions: Competition[] }) {
  const weeks = monthWeeks(month);
  const byDay = new Map<string, Competition[]>();
  for (const c of competitions) {
    for (let day = c.date; day <= (c.finishDate || c.date); day = addDays(day, 1)) {
      byDay.set(day, [...(byDay.get(day) ?? []), c]);
    }
  }
  const inMonth = competitions.filter((c) => c.date <= monthRange(month).last && (c.finishDate || c.date) >= monthRange(month).first);
  return (
    <>
      <div class="month" role="table" aria-label={`Competitions in ${formatMonth(month)}`}>
        <div role="row" style={{ display: 'contents' }}>
          {['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'].map((d) => (
            <div class="dow" role="columnheader" key={d}>
              {d}
            </div>
          ))}
        </div>
        {weeks.map((week) => (
          <div role="row" style={{ display: 'contents' }} key={week[0]}>
            {week.map((day) => {
              const events = day.startsWith(month) ? (byDay.get(day) ?? []) : [];
              return (
                <div class={day.startsWith(month) ? 'day' : 'day other'} role="cell" key={day} aria-label={formatDay(day)}>
                  <span class="num" aria-hidden="true">
                    {Number(day.slice(8))}
                  </span>
                  {events.length > 0 && (
                    <ul>
                      {events.map((c) => (
                        <li key={c.id}>
                          {c.viewerCanManage ? <Link href={`/competitions/${c.id}/edit`}>{c.shortName || c.fullName}</Link> : c.shortName || c.fullName}{' '}
                          <span class="muted">({c.countryId})</span>
                        </li>
                      ))}
                    </ul>
                  )}
                </div>
              );
            })}
          </div>
        ))}
      </div>
      <p class="month-note hint">On a narrow screen the month is shown as a list:</p>
      <div class="month-note">
        <ListView competitions={inMonth} />
      </div>
      {inMonth.length === 0 && <Empty>No competition in {formatMonth(month)}.</Empty>}
    </>
  );
}

/**
 * Competitions deleted within the retention window that have not yet started: shown to
 * administrators (for the chosen country, or all) and to federation admins (their countries).
 */
function RecentlyCancelled({ countries }: { countries: string[] | null }) {
  const [result] = useQuery({ query: RecentlyCancelledDocument, variables: { countries, fromDate: today() } });
  const cancelled = result.data?.deletedCompetitions ?? [];
  if (cancelled.length === 0) return null;
  return (
    <section aria-label="Recently cancelled">
      <h2>Recently cancelled</h2>
      <ul>
        {cancelled.map((c) => (
          <li key={c.id}>
            <s>{c.fullName}</s> ({c.countryId}), {dayRange(c)}: cancelled {formatDay(String(c.deletedAt).slice(0, 10))}
          </li>
        ))}
      </ul>
    </section>
  );
}

export function CompetitionsPage() {
  const { me } = useSession();
  const { query } = useLocation();
  const [filters, setFilters] = useState<Filters>(() => filtersFrom(query));
  const [countryText, setCountryText] = useState(filters.country);

  useEffect(() => {
    const params = new URLSearchParams();
    if (filters.view === 'month') {
      params.set('view', 'month');
      params.set('month', filters.month);
    } else {
      params.set('from', filters.from);
      params.set('to', filters.to);
    }
    if (filters.country) params.set('country', filters.country);
    history.replaceState(null, '', `/competitions?${params}`);
  }, [filters]);

  const range = useMemo(() => {
    if (filters.view === 'list') return { fromDate: filters.from, toDate: filters.to };
    const { first, last } = monthRange(filters.month);
    // Competitions that started up to two weeks earlier may still run into this month.
    return { fromDate: addDays(first, -14), toDate: last };
  }, [filters]);
  const [result] = useQuery({
    query: CompetitionListDocument,
    variables: { ...range, countries: filters.country ? [filters.country] : null, limit: LIST_LIMIT },
  });
  const [countries] = useQuery({ query: CompetitionCountriesDocument, variables: range });
  const badRange = filters.view === 'list' && filters.from > filters.to;

  const set = (patch: Partial<Filters>) => setFilters((f) => ({ ...f, ...patch }));
  const subscribe = feedPath(filters.country);

  return (
    <Page
      title="Competitions"
      actions={
        <>
          <a class="button" href={subscribe} data-testid="subscribe">
            Subscribe{filters.country ? ` to ${filters.country}` : ' to the European calendar'}
          </a>
          {mayCreateCompetitions(me) && (
            <Link class="button primary" href="/competitions/new">
              New competition
            </Link>
          )}
        </>
      }
    >
      <form
        class="toolbar"
        role="search"
        onSubmit={(e) => {
          e.preventDefault();
          set({ country: COUNTRY.test(countryText.trim()) ? countryText.trim().toUpperCase() : '' });
        }}
      >
        <label>
          Country (IOC code)
          <input
            name="country"
            list="competition-countries"
            placeholder="All, or e.g. GBR"
            maxLength={3}
            value={countryText}
            onInput={(e) => {
              const value = e.currentTarget.value;
              setCountryText(value);
              if (value === '' || COUNTRY.test(value.trim())) set({ country: value.trim().toUpperCase() });
            }}
          />
          <datalist id="competition-countries">
            {countries.data?.competitionCountries.map((c) => <option key={c} value={c} />)}
          </datalist>
        </label>
        {filters.view === 'list' ? (
          <>
            <label>
              From
              <input type="date" name="from" value={filters.from} onChange={(e) => isDay(e.currentTarget.value) && set({ from: e.currentTarget.value })} />
            </label>
            <label>
              To
              <input type="date" name="to" value={filters.to} onChange={(e) => isDay(e.currentTarget.value) && set({ to: e.currentTarget.value })} />
            </label>
          </>
        ) : (
          <div class="row" role="group" aria-label="Month">
            <button type="button" onClick={() => set({ month: addMonths(filters.month, -1) })} aria-label="Previous month">
              ‹
            </button>
            <strong aria-live="polite">{formatMonth(filters.month)}</strong>
            <button type="button" onClick={() => set({ month: addMonths(filters.month, 1) })} aria-label="Next month">
              ›
            </button>
          </div>
        )}
        <div class="segmented" role="group" aria-label="View">
          <button type="button" aria-pressed={filters.view === 'list'} onClick={() => set({ view: 'list' })}>
            List
          </button>
          <button type="button" aria-pressed={filters.view === 'month'} onClick={() => set({ view: 'month' })}>
            Month
          </button>
        </div>
      </form>
      <p class="hint">
        Calendar apps can follow <a href={subscribe}>{subscribe}</a> (iCalendar): it holds this year’s and next year’s competitions
        {filters.country ? ` in ${filters.country}` : ' of the European calendar'}.
      </p>
      {badRange && <Notice kind="warn">“From” is after “To”: no competition can match.</Notice>}
      {result.error && <ErrorNote error={result.error} title="The competitions could not be loaded." />}
      {!result.data && !result.error && <Loading what="Loading competitions" />}
      {result.data && result.data.competitions.length === LIST_LIMIT && (
        <Notice kind="warn">Only the first {LIST_LIMIT} competitions are shown: narrow the dates or choose a country.</Notice>
      )}
      {result.data &&
        (filters.view === 'list' ? (
          <ListView competitions={result.data.competitions} />
        ) : (
          <MonthView month={filters.month} competitions={result.data.competitions} />
        ))}
      {me?.admin ? (
        <RecentlyCancelled countries={filters.country ? [filters.country] : null} />
      ) : (
        mayCreateCompetitions(me) && <RecentlyCancelled countries={(me?.countryAdminOf ?? []).filter((c) => !filters.country || c === filters.country)} />
      )}
    </Page>
  );
}
