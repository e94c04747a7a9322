// Value shapes returned by the pg driver, aligned with the PGlite pool: calendar dates stay
// 'YYYY-MM-DD' strings (a JS Date at local midnight would shift them), counts are numbers.
// timestamptz gets a fixed-layout parser: the generic one (a regular expression per value) was the
// largest single cost of reading task runs in the nested-query profile (bench/README.md).
import pg from 'pg';
import { parseJsonSized } from './json-sizes.ts';

const DATE = 1082;
const INT8 = 20;
const NUMERIC = 1700;
const TIMESTAMPTZ = 1184;
const JSON_OID = 114;
const JSONB = 3802;

const digits = (text: string, start: number, length: number): number => {
  let value = 0;
  for (let i = start; i < start + length; i++) {
    const digit = text.charCodeAt(i) - 48;
    if (digit < 0 || digit > 9) return NaN;
    value = value * 10 + digit;
  }
  return value;
};

const fallback = pg.types.getTypeParser(TIMESTAMPTZ, 'text');

/**
 * PostgreSQL's text form of timestamptz, 'YYYY-MM-DD HH:MM:SS[.ffffff]±HH[:MM[:SS]]', read by
 * position. Anything else (BC dates, years past 9999, infinity) goes to pg's own parser.
 */
export function parseTimestamptz(text: string): unknown {
  const year = digits(text, 0, 4);
  // Years 0-99 would be read as 1900-1999 by Date.UTC: rare enough for the generic parser.
  if (!(year >= 100) || text.length < 22 || text.charCodeAt(4) !== 45 || text.charCodeAt(10) !== 32) return fallback(text);
  let i = 19;
  let ms = 0;
  if (text.charCodeAt(i) === 46) {
    // Fraction: milliseconds are its first three digits (a JS Date keeps no more).
    let scale = 100;
    i += 1;
    while (i < text.length) {
      const digit = text.charCodeAt(i) - 48;
      if (digit < 0 || digit > 9) break;
      ms += digit * scale;
      scale /= 10;
      i += 1;
    }
    ms = Math.floor(ms);
  }
  const sign = text.charCodeAt(i);
  if (sign !== 43 && sign !== 45) return fallback(text);
  const rest = text.length - i;
  if (rest !== 3 && rest !== 6 && rest !== 9) return fallback(text);
  let offset = digits(text, i + 1, 2) * 3600;
  if (rest >= 6) offset += digits(text, i + 4, 2) * 60;
  if (rest === 9) offset += digits(text, i + 7, 2);
  const utc = Date.UTC(year, digits(text, 5, 2) - 1, digits(text, 8, 2), digits(text, 11, 2), digits(text, 14, 2), digits(text, 17, 2), ms);
  const time = utc - (sign === 43 ? offset : -offset) * 1000;
  if (Number.isNaN(time)) return fallback(text);
  return new Date(time);
}

export const pgTypes = {
  getTypeParser(oid: number, format?: 'text' | 'binary') {
    if (oid === DATE) return (value: string) => value;
    if (oid === INT8 || oid === NUMERIC) return (value: string) => Number(value);
    if (oid === TIMESTAMPTZ && format !== 'binary') return parseTimestamptz;
    // Sizes of JSON values, for the response budget.
    if ((oid === JSON_OID || oid === JSONB) && format !== 'binary') return parseJsonSized;
    return pg.types.getTypeParser(oid, format as 'text');
  },
};
