import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import pg from 'pg';
import { parseTimestamptz } from '../../src/db/pg-types.ts';

const generic = pg.types.getTypeParser(1184, 'text') as (text: string) => Date;
const pad = (n: number, width = 2) => String(n).padStart(width, '0');

describe('timestamptz parser', () => {
  it('reads what PostgreSQL prints exactly as the generic parser does', () => {
    fc.assert(
      fc.property(
        fc.record({
          year: fc.integer({ min: 100, max: 9999 }),
          month: fc.integer({ min: 1, max: 12 }),
          day: fc.integer({ min: 1, max: 28 }),
          hour: fc.integer({ min: 0, max: 23 }),
          minute: fc.integer({ min: 0, max: 59 }),
          second: fc.integer({ min: 0, max: 59 }),
          fraction: fc.option(fc.stringMatching(/^[0-9]{1,6}$/), { nil: undefined }),
          sign: fc.constantFrom('+', '-'),
          offsetHours: fc.integer({ min: 0, max: 15 }),
          offsetMinutes: fc.option(fc.constantFrom(0, 30, 45), { nil: undefined }),
          offsetSeconds: fc.option(fc.integer({ min: 1, max: 59 }), { nil: undefined }),
        }),
        (t) => {
          let offset = `${t.sign}${pad(t.offsetHours)}`;
          if (t.offsetMinutes !== undefined) {
            offset += `:${pad(t.offsetMinutes)}`;
            if (t.offsetSeconds !== undefined) offset += `:${pad(t.offsetSeconds)}`;
          }
          const text = `${pad(t.year, 4)}-${pad(t.month)}-${pad(t.day)} ${pad(t.hour)}:${pad(t.minute)}:${pad(t.second)}${t.fraction ? `.${t.fraction}` : ''}${offset}`;
          expect((parseTimestamptz(text) as Date).getTime()).toBe(generic(text).getTime());
        },
      ),
      { numRuns: 2000 },
    );
  });

  it('hands unusual values to the generic parser', () => {
    for (const text of ['infinity', '-infinity', '0044-03-15 12:00:00+00 BC', '0099-01-01 00:00:00+00', '12345-01-01 00:00:00+00']) {
      const fast = parseTimestamptz(text);
      const expected = generic(text);
      if (expected instanceof Date) expect((fast as Date).getTime()).toBe(expected.getTime());
      else expect(fast).toBe(expected);
    }
  });
});
