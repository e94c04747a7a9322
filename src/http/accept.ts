// Content negotiation on the Accept header (RFC 9110 §12.5.1): each media type gets the quality of
// the most specific range that matches it (type/subtype over type/* over */*); no header accepts all.

interface MediaRange {
  type: string;
  subtype: string;
  q: number;
}

function parseAccept(header: string): MediaRange[] {
  const ranges: MediaRange[] = [];
  for (const part of header.split(',')) {
    const [range, ...params] = part.split(';');
    const [type, subtype] = (range ?? '').trim().toLowerCase().split('/');
    if (!type || !subtype) continue;
    let q = 1;
    for (const param of params) {
      const [name, value] = param.split('=').map((s) => s.trim());
      if (name?.toLowerCase() === 'q') {
        const parsed = Number(value);
        q = Number.isFinite(parsed) ? Math.min(Math.max(parsed, 0), 1) : 0;
      }
    }
    ranges.push({ type, subtype, q });
  }
  return ranges;
}

/** The quality the ranges give a media type such as text/html (0: not acceptable). */
function quality(ranges: MediaRange[], mediaType: string): number {
  const [type, subtype] = mediaType.split('/');
  let best = -1;
  let q = 0;
  for (const range of ranges) {
    const specificity = range.type === type && range.subtype === subtype ? 2 : range.type === type && range.subtype === '*' ? 1 : range.type === '*' && range.subtype === '*' ? 0 : -1;
    if (specificity > best) {
      best = specificity;
      q = range.q;
    }
  }
  return q;
}

/**
 * True when the request prefers an HTML page over plain text and JSON: a browser navigating to the
 * URL. No Accept, wildcards (any type, any text type) and ties go to the API answer.
 */
export function prefersHtml(accept: string | string[] | undefined): boolean {
  const header = Array.isArray(accept) ? accept.join(',') : accept;
  // Fast path: most API clients do not name HTML at all.
  if (!header || !/html/i.test(header)) return false;
  const ranges = parseAccept(header);
  const html = quality(ranges, 'text/html');
  return html > 0 && html > quality(ranges, 'text/plain') && html > quality(ranges, 'application/json');
}
