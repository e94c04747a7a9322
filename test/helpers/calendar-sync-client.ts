// The reference sync client of docs/calendar-sync.md: keeps a mirror of one country's calendar
// through the change feed. Every federation's client needs only this loop: read pages from the
// stored cursor until hasNextPage is false, upsert CREATED/UPDATED, drop DELETED, store the cursor.

export interface FeedChange<R> {
  kind: 'CREATED' | 'UPDATED' | 'DELETED';
  id: string;
  competition: R | null;
}

export interface FeedPage<R> {
  changes: FeedChange<R>[];
  endCursor: string;
  hasNextPage: boolean;
}

/** Reads one page after `cursor` (null: from the start). */
export type FetchPage<R> = (cursor: string | null) => Promise<FeedPage<R>>;

export class CalendarMirror<R> {
  readonly records = new Map<string, R>();
  cursor: string | null = null;
  pages = 0;

  constructor(private readonly fetchPage: FetchPage<R>) {}

  /** Catches up with everything the feed has ready now. */
  async sync(): Promise<void> {
    for (;;) {
      const page = await this.fetchPage(this.cursor);
      this.pages += 1;
      for (const change of page.changes) {
        if (change.kind === 'DELETED' || !change.competition) this.records.delete(change.id);
        else this.records.set(change.id, change.competition);
      }
      // Store the cursor only after the page is applied: a crash in between replays the page.
      this.cursor = page.endCursor;
      if (!page.hasNextPage) return;
    }
  }
}

/** The GraphQL document a client sends; `competition` selects the fields it keeps. */
export const CHANGES_QUERY = (fields: string) => `
  query Changes($after: String, $first: Int, $country: String) {
    competitionChanges(after: $after, first: $first, country: $country) {
      changes { kind id competition { ${fields} } }
      endCursor hasNextPage
    }
  }`;
