// The built .ics feeds of one gateway process, keyed by the competitions' version (read from the
// change log the database writes with every competition write, so a change made through any process
// is seen by all):
// a request whose feed is current is answered from memory, and concurrent requests for a feed being
// built wait for that one build instead of starting their own.

export interface BuiltFeed {
  /** feed | years | competitions version */
  key: string;
  version: bigint;
  etag: string;
  body: Buffer;
}

export type FeedOutcome = 'cached' | 'rendered' | 'joined';

export class FeedCache {
  /** By feed name, least recently used first. */
  private readonly built = new Map<string, BuiltFeed>();
  /** Builds in progress, by key. */
  private readonly building = new Map<string, Promise<BuiltFeed>>();
  /** Feeds rendered by this process (for tests and logs). */
  renders = 0;

  constructor(private readonly maxFeeds = 64) {}

  async get(feed: string, key: string, version: bigint, etag: string, render: () => Promise<Buffer>): Promise<{ feed: BuiltFeed; outcome: FeedOutcome }> {
    const hit = this.built.get(feed);
    if (hit?.key === key) {
      this.built.delete(feed);
      this.built.set(feed, hit);
      return { feed: hit, outcome: 'cached' };
    }
    const pending = this.building.get(key);
    if (pending) return { feed: await pending, outcome: 'joined' };
    const build = (async () => {
      this.renders += 1;
      const entry: BuiltFeed = { key, version, etag, body: await render() };
      const current = this.built.get(feed);
      // A slow build of an older version never replaces a newer one.
      if (!current || current.version <= version || !current.key.startsWith(key.slice(0, key.lastIndexOf('|')))) {
        this.built.delete(feed);
        this.built.set(feed, entry);
        while (this.built.size > this.maxFeeds) this.built.delete(this.built.keys().next().value!);
      }
      return entry;
    })();
    this.building.set(key, build);
    try {
      return { feed: await build, outcome: 'rendered' };
    } finally {
      this.building.delete(key);
    }
  }
}
