import { afterEach, describe, expect, it, vi } from 'vitest';
import { NightlySchedule, nextNightlyRun } from '../../src/calendars/scheduler.ts';

afterEach(() => {
  vi.useRealTimers();
});

describe('nextNightlyRun', () => {
  it('is later today before the hour, tomorrow at or after it (UTC)', () => {
    expect(nextNightlyRun(new Date('2026-03-10T01:00:00Z'), 2, 30).toISOString()).toBe('2026-03-10T02:30:00.000Z');
    expect(nextNightlyRun(new Date('2026-03-10T02:30:00Z'), 2, 30).toISOString()).toBe('2026-03-11T02:30:00.000Z');
    expect(nextNightlyRun(new Date('2026-12-31T23:59:00Z'), 2, 30).toISOString()).toBe('2027-01-01T02:30:00.000Z');
  });
});

describe('NightlySchedule', () => {
  it('runs once a night, keeps going after a failure, and stops when asked', async () => {
    vi.useFakeTimers({ now: new Date('2026-03-10T02:00:00Z') });
    const runs: string[] = [];
    const errors: unknown[] = [];
    let fail = true;
    const schedule = new NightlySchedule(
      async () => {
        runs.push(new Date().toISOString());
        if (fail) {
          fail = false;
          throw new Error('database away');
        }
      },
      (error) => errors.push(error),
      { hour: 2, minute: 30 },
    );
    schedule.start();
    expect(schedule.armed).toBe(true);
    await vi.advanceTimersByTimeAsync(29 * 60 * 1000);
    expect(runs).toEqual([]);
    await vi.advanceTimersByTimeAsync(60 * 1000);
    expect(runs).toEqual(['2026-03-10T02:30:00.000Z']);
    expect(errors).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(24 * 3600 * 1000);
    expect(runs).toEqual(['2026-03-10T02:30:00.000Z', '2026-03-11T02:30:00.000Z']);
    await schedule.stop();
    expect(schedule.armed).toBe(false);
    await vi.advanceTimersByTimeAsync(3 * 24 * 3600 * 1000);
    expect(runs).toHaveLength(2);
  });

  it('never keeps the process alive: its timer is unref()ed', () => {
    const schedule = new NightlySchedule(async () => undefined, () => undefined);
    const spy = vi.spyOn(globalThis, 'setTimeout');
    schedule.start();
    const timer = spy.mock.results[0]!.value as NodeJS.Timeout;
    expect(timer.hasRef()).toBe(false);
    void schedule.stop();
    spy.mockRestore();
  });
});
