// The nightly calendar refresh: one timer, re-armed after each run, never keeping the process alive.

export interface NightlyOptions {
  /** UTC time of day to run at. */
  hour: number;
  minute: number;
  now?: () => Date;
}

/** The next hour:minute (UTC) strictly after now. */
export function nextNightlyRun(now: Date, hour: number, minute: number): Date {
  const next = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate(), hour, minute));
  if (next.getTime() <= now.getTime()) next.setUTCDate(next.getUTCDate() + 1);
  return next;
}

export class NightlySchedule {
  private timer: NodeJS.Timeout | undefined;
  private stopped = true;
  private current: Promise<void> | undefined;

  constructor(
    private readonly task: () => Promise<unknown>,
    private readonly onError: (error: unknown) => void,
    private readonly options: NightlyOptions = { hour: 2, minute: 30 },
  ) {}

  get nextRun(): Date {
    return nextNightlyRun((this.options.now ?? (() => new Date()))(), this.options.hour, this.options.minute);
  }

  get armed(): boolean {
    return this.timer !== undefined;
  }

  start(): void {
    this.stopped = false;
    this.arm();
  }

  private arm(): void {
    if (this.stopped) return;
    const now = (this.options.now ?? (() => new Date()))();
    const delay = Math.max(0, nextNightlyRun(now, this.options.hour, this.options.minute).getTime() - now.getTime());
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.current = this.task()
        .then(() => undefined, this.onError)
        .finally(() => {
          this.current = undefined;
          this.arm();
        });
    }, delay);
    this.timer.unref();
  }

  /** Clears the timer and waits for a run in progress. */
  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    this.timer = undefined;
    await this.current;
  }
}
