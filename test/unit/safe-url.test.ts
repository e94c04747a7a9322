// Links built from stored data are followed only when they are http(s) URLs.
import { describe, expect, it } from 'vitest';
import { safeHttpUrl } from '../../src/domain/competition/safe-url.ts';
import { safeHref } from '../../web/src/safe-href.ts';

describe('links from stored data', () => {
  const refused = ['javascript:alert(1)', ' javascript:alert(1)', 'JAVASCRIPT:alert(1)', 'java\tscript:alert(1)', 'data:text/html,x', 'vbscript:x', 'ftp://x.org', '//evil.example', '/relative', 'www.example.org', '', 'https://', 'http://exa mple.org'];
  const accepted = ['http://example.org', 'https://example.org/path?q=1#f', 'HTTPS://EXAMPLE.ORG'];

  it('the server accepts only absolute http and https URLs', () => {
    for (const value of refused) expect(safeHttpUrl(value), JSON.stringify(value)).toBeNull();
    for (const value of accepted) expect(safeHttpUrl(value), value).toBe(value);
  });

  it('the console renders the same ones as links, and nothing else', () => {
    for (const value of refused) expect(safeHref(value), JSON.stringify(value)).toBeNull();
    for (const value of accepted) expect(safeHref(value), value).toBe(value);
    expect(safeHref(null)).toBeNull();
  });
});
