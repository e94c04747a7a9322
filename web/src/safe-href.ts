// A link from stored data is rendered only when it is an absolute http(s) URL: a javascript: or
// data: value stored before the server checked links must never become a clickable href.
export function safeHref(value: string | null | undefined): string | null {
  if (!value || !/^https?:\/\/[^\s/?#]+\S*$/i.test(value)) return null;
  try {
    const url = new URL(value);
    return (url.protocol === 'http:' || url.protocol === 'https:') && url.hostname !== '' ? value : null;
  } catch {
    return null;
  }
}
