// Links a competition carries (website, entry_link, results_link) end up as href attributes in the
// console and in calendar apps: only absolute http(s) URLs are stored or written out, never
// javascript:, data: or other schemes.

/** The value when it is an absolute http:// or https:// URL with a host, else null. */
export function safeHttpUrl(value: string | null | undefined): string | null {
  // Checked on the raw text: the URL parser would drop tabs and newlines ("java\tscript:") and
  // leading spaces, so a value must already look like http(s) before it is parsed.
  if (!value || !/^https?:\/\/[^\s/?#]+\S*$/i.test(value)) return null;
  try {
    const url = new URL(value);
    return (url.protocol === 'http:' || url.protocol === 'https:') && url.hostname !== '' ? value : null;
  } catch {
    return null;
  }
}
