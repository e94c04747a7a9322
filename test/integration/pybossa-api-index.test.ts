// GET /api/ is shared: a browser (Accept preferring text/html) gets the race server's API page, every
// other client PYBOSSA's plain-text banner with its rate-limit headers. GET /api is always the page.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../helpers/app.ts';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp({ RATE_LIMIT: '4' });
});
afterAll(async () => t?.close());

const BROWSER = 'text/html,application/xhtml+xml,application/xml;q=0.9,image/avif,image/webp,*/*;q=0.8';
// Each request from its own address, so each starts a fresh rate-limit window.
let address = 0;
const get = (url: string, accept?: string, method: 'GET' | 'HEAD' = 'GET') =>
  t.app.inject({ method, url, headers: accept === undefined ? {} : { accept }, remoteAddress: `10.0.${Math.floor(++address / 250)}.${address % 250}` });

const isPage = (r: { statusCode: number; headers: Record<string, unknown>; body: string }) =>
  r.statusCode === 200 && /^text\/html/.test(String(r.headers['content-type'])) && r.body.includes("The Race Server's API");
const isBanner = (r: { statusCode: number; headers: Record<string, unknown>; body: string }) =>
  r.statusCode === 200 && /^text\/plain/.test(String(r.headers['content-type'])) && r.body === 'The PYBOSSA API';

describe('GET /api/ (shared by PYBOSSA and the race server)', () => {
  it('answers PYBOSSA clients (no Accept, */*, JSON, plain text) with the banner and rate-limit headers', async () => {
    for (const accept of [undefined, '*/*', 'application/json', 'text/plain', 'text/*', 'application/json, text/html;q=0.5', 'text/html;q=0', 'text/html;q=0.5, text/plain', 'text/html;q=0.8, */*']) {
      const r = await get('/api/', accept);
      expect(isBanner(r), `Accept: ${accept}`).toBe(true);
      expect(r.headers['x-ratelimit-limit'], `Accept: ${accept}`).toBe('4');
      expect(r.headers['x-ratelimit-remaining']).toBe('3');
      expect(Number(r.headers['x-ratelimit-reset'])).toBeGreaterThan(Date.now() / 1000);
    }
  });

  it('answers a browser (text/html preferred, q-values weighed) with the race server page', async () => {
    for (const accept of [BROWSER, 'text/html', 'TEXT/HTML; charset=utf-8', 'text/plain;q=0.5, text/html', '*/*;q=0.1, text/html;q=0.2', 'application/json;q=0.9, text/html']) {
      const r = await get('/api/', accept);
      expect(isPage(r), `Accept: ${accept}`).toBe(true);
      expect(r.headers).not.toHaveProperty('x-ratelimit-limit');
    }
  });

  it('always answers /api with the page, whatever Accept says', async () => {
    for (const accept of [undefined, '*/*', 'application/json', BROWSER]) expect(isPage(await get('/api', accept)), `Accept: ${accept}`).toBe(true);
  });

  it('HEAD follows the same choice', async () => {
    const banner = await get('/api/', '*/*', 'HEAD');
    expect([banner.statusCode, String(banner.headers['content-type'])]).toEqual([200, expect.stringMatching(/^text\/plain/)]);
    expect(banner.headers['x-ratelimit-limit']).toBe('4');
    const page = await get('/api/', BROWSER, 'HEAD');
    expect([page.statusCode, String(page.headers['content-type'])]).toEqual([200, expect.stringMatching(/^text\/html/)]);
  });

  it('the banner is rate limited like every PYBOSSA view: the fourth request of a window is refused in the error format', async () => {
    const remoteAddress = '10.9.9.9';
    const statuses: number[] = [];
    let last;
    for (let i = 0; i < 5; i++) {
      last = await t.app.inject({ method: 'GET', url: '/api/', remoteAddress });
      statuses.push(last.statusCode);
    }
    expect(statuses).toEqual([200, 200, 200, 429, 429]);
    expect(last!.json()).toMatchObject({ status: 'failed', status_code: 429, exception_cls: 'TooManyRequests', action: 'index', target: '/api/' });
    expect(last!.headers['x-ratelimit-remaining']).toBe('0');
    // A browser from the same address still gets the page: it is not a PYBOSSA answer.
    expect(isPage(await t.app.inject({ method: 'GET', url: '/api/', remoteAddress, headers: { accept: BROWSER } }))).toBe(true);
  });
});
