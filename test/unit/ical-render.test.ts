// The .ics feeds are rendered a few events at a time (so a big feed never stops the event loop for
// seconds): the text must be exactly what ical-generator renders in one go.
import { describe, expect, it } from 'vitest';
import ical from 'ical-generator';
import { renderInBatches } from '../../rest-compat/ical/routes.ts';

describe('feed rendering in batches', () => {
  it('gives the same text as calendar.toString(), long folded lines and multi-byte characters included', async () => {
    const calendar = ical({ name: 'Batches', prodId: { company: 'Gantry', product: 'calendar', language: 'EN' }, ttl: 3600 });
    for (let i = 0; i < 83; i++) {
      calendar.createEvent({
        id: `event-${i}@gantry.test`,
        start: new Date(Date.UTC(2026, 0, 1 + i)),
        end: new Date(Date.UTC(2026, 0, 2 + i)),
        allDay: true,
        summary: `Møte ${i} – Ålesund 🏃`,
        location: 'Stadionvegen 1, Ålesund, NOR',
        description: `${'Lang beskrivelse med æøå; komma, og semikolon. '.repeat(i % 7)}\nLinje to`,
        url: `https://meet-${i}.example.org/`,
        stamp: new Date(Date.UTC(2025, 5, 1)),
      });
    }
    const expected = calendar.toString();
    expect(await renderInBatches(calendar)).toBe(expected);
    expect(await renderInBatches(ical({ name: 'Empty' }))).toBe(ical({ name: 'Empty' }).toString());
  });
});
