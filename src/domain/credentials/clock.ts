// The time the credential rules see (secret lifetimes, upload stamps). Tests replace it to check
// the exact expiry boundary without sleeping; nothing else should.
let current: () => Date = () => new Date();

export const now = (): Date => current();

/** Replaces the clock (tests); call with no argument to restore the real one. */
export function setClock(clock?: () => Date): void {
  current = clock ?? (() => new Date());
}
