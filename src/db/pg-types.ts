// Value shapes returned by the pg driver, aligned with the PGlite pool: calendar dates stay
// 'YYYY-MM-DD' strings (a JS Date at local midnight would shift them), counts are numbers.
import pg from 'pg';

const DATE = 1082;
const INT8 = 20;
const NUMERIC = 1700;

export const pgTypes = {
  getTypeParser(oid: number, format?: 'text' | 'binary') {
    if (oid === DATE) return (value: string) => value;
    if (oid === INT8 || oid === NUMERIC) return (value: string) => Number(value);
    return pg.types.getTypeParser(oid, format as 'text');
  },
};
