import { describe, expect, it } from 'vitest';
import { competitionInput, inV1Words, locOf, v1Record } from '../../rest-compat/opentrack/records.ts';

describe('OpenTrack v1 records', () => {
  it('turns a v1 body into GraphQL input: numbers from decimal strings, codes to text, unknown keys dropped', () => {
    const input = competitionInput(
      {
        full_name: 'Meet',
        latitude: '60.2905',
        altitude: '',
        wa_rankings_category_id: 10,
        year: 1999,
        override_token: 'x',
        teams: [],
        id: 'ef59d4b4-4d16-49ae-b824-7a23e8a0027d',
        events: [{ event_id: 1, event_code: 100, units: [{ heat: 1, results_status: 'OK' }], lanes: 8 }],
      },
    );
    expect(input).toEqual({
      fullName: 'Meet',
      latitude: 60.2905,
      altitude: null,
      waRankingsCategoryId: '10',
      events: [{ eventId: '1', eventCode: '100', units: [{ heat: 1, resultsStatus: 'OK' }] }],
    });
    // id and year are read-only: never passed on.
    expect(competitionInput({ id: 'ef59d4b4-4d16-49ae-b824-7a23e8a0027d', year: 2021, events: null })).toEqual({});
  });

  it('prints records in the seed order, with numeric ranking categories as numbers and events null in lists', () => {
    const record = v1Record({ id: 'i', year: 2021, full_name: 'Meet', wa_rankings_category_id: '10', events: [{ event_id: '1' }] }, false);
    expect(Object.keys(record).slice(-4)).toEqual(['override_token', 'id', 'year', 'events']);
    expect(record).toMatchObject({ wa_rankings_category_id: 10, events: null, short_name: null });
    expect(v1Record({ wa_rankings_category_id: 'DF', events: [] }, true)).toMatchObject({ wa_rankings_category_id: 'DF', events: [] });
  });

  it("speaks the dialect's field names in locations and messages", () => {
    expect(locOf('events.1.eventId')).toEqual(['events', 1, 'event_id']);
    expect(inV1Words('finishDate (2026-01-01) must be on or after date; events.0.resultsStatus, countryId')).toBe(
      'finish_date (2026-01-01) must be on or after date; events.0.results_status, country_id',
    );
  });
});
