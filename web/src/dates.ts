// Calendar-day arithmetic on YYYY-MM-DD strings, in UTC so no time zone shifts a day.

export const toDay = (date: Date): string => date.toISOString().slice(0, 10);
export const today = (): string => toDay(new Date());
export const parseDay = (day: string): Date => new Date(`${day}T00:00:00Z`);

export function addDays(day: string, days: number): string {
  const date = parseDay(day);
  date.setUTCDate(date.getUTCDate() + days);
  return toDay(date);
}

/** "2026-07" → first and last day of that month. */
export function monthRange(month: string): { first: string; last: string } {
  const [y, m] = month.split('-').map(Number) as [number, number];
  const first = new Date(Date.UTC(y, m - 1, 1));
  const last = new Date(Date.UTC(y, m, 0));
  return { first: toDay(first), last: toDay(last) };
}

export function addMonths(month: string, months: number): string {
  const [y, m] = month.split('-').map(Number) as [number, number];
  const date = new Date(Date.UTC(y, m - 1 + months, 1));
  return toDay(date).slice(0, 7);
}

export const isDay = (value: string): boolean => /^\d{4}-\d{2}-\d{2}$/.test(value) && !Number.isNaN(parseDay(value).getTime());
export const isMonth = (value: string): boolean => /^\d{4}-(0[1-9]|1[0-2])$/.test(value);

/** The weeks (Monday first) covering a month, each a list of seven days. */
export function monthWeeks(month: string): string[][] {
  const { first, last } = monthRange(month);
  const offset = (parseDay(first).getUTCDay() + 6) % 7;
  let day = addDays(first, -offset);
  const weeks: string[][] = [];
  while (day <= last) {
    const week: string[] = [];
    for (let i = 0; i < 7; i++) {
      week.push(day);
      day = addDays(day, 1);
    }
    weeks.push(week);
  }
  return weeks;
}

const monthName = new Intl.DateTimeFormat('en-GB', { month: 'long', year: 'numeric', timeZone: 'UTC' });
export const formatMonth = (month: string): string => monthName.format(parseDay(`${month}-01`));
