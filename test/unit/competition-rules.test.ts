import { describe, expect, it } from 'vitest';
import { competitionValues, normaliseName, unitsForRounds } from '../../src/domain/competition/competition.rules.ts';
import { GantryError } from '../../src/graphql/errors.ts';

const base = { fullName: 'Meet', slug: 'meet', countryId: 'GBR', date: '2026-05-01', finishDate: '2026-05-01' };

function problems(input: Record<string, unknown>): string[] {
  try {
    competitionValues(input as never);
  } catch (error) {
    return ((error as GantryError).extensions.fields as { field: string }[]).map((f) => f.field);
  }
  return [];
}

describe('competition rules', () => {
  it('makes one unit per heat of each round: "8,3,1" is 12 units', () => {
    const units = unitsForRounds('8,3,1');
    expect(units).toHaveLength(12);
    expect(units.map((u) => `${u.round}/${u.heat}`).slice(7, 12)).toEqual(['1/8', '2/1', '2/2', '2/3', '3/1']);
  });

  it('keys duplicates on the trimmed, case-folded name', () => {
    expect(normaliseName('  EAP - Malta International Meet ')).toBe('eap - malta international meet');
  });

  it('derives the year and keeps empty strings and nulls as sent', () => {
    const values = competitionValues({ ...base, shortName: '', website: null } as never);
    expect(values).toMatchObject({ year: 2026, short_name: '', website: null, events: [] });
  });

  it('requires the five fields and checks formats and ranges', () => {
    expect(problems({})).toEqual(['fullName', 'slug', 'countryId', 'date', 'finishDate']);
    expect(problems({ ...base, slug: 'has space', countryId: 'GB', finishDate: '2026-04-30', latitude: -91, longitude: 181, organiserId: 'x' })).toEqual([
      'slug',
      'countryId',
      'finishDate',
      'organiserId',
      'latitude',
      'longitude',
    ]);
  });

  it('checks events: unique ids, a code, and rounds as heat counts', () => {
    const events = [
      { eventId: 'a', eventCode: '100' },
      { eventId: 'a', eventCode: '' },
      { eventId: 'b', eventCode: 'LJ', rounds: '2;1' },
      { eventId: 'c', eventCode: 'HJ', rounds: '600' },
    ];
    expect(problems({ ...base, events })).toEqual(['events.1.eventId', 'events.1.eventCode', 'events.2.rounds', 'events.3.rounds']);
  });

  it('merges a partial update onto the stored record and re-checks it', () => {
    const stored = competitionValues(base as never);
    expect(competitionValues({ city: 'Leeds' } as never, stored)).toMatchObject({ full_name: 'Meet', city: 'Leeds', year: 2026 });
    expect(competitionValues({ date: '2027-01-01', finishDate: '2027-01-02' } as never, stored).year).toBe(2027);
    expect(() => competitionValues({ finishDate: '2026-01-01' } as never, stored)).toThrow(/finishDate/);
    expect(() => competitionValues({ fullName: null } as never, stored)).toThrow(/fullName/);
  });
});
