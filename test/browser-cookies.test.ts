/**
 * The seed's cookie story in a real browser (headless Chromium through playwright-core): Max-Age
 * expiry, Path scoping, HttpOnly, and values crossing between `shortbread/browser` and the server
 * unchanged both ways; then `MemoryDocument` against Chromium's own `document.cookie`.
 * Fails (never skips) when Chromium is missing: `launch` throws.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../demo/app.js';
import { MemoryDocument } from '../src/browser/memory-document.js';
import { type Serving, serve } from '../src/node.js';
import { type Browser, launch } from './helpers/chromium.js';

let serving: Serving;
let browser: Browser;

beforeAll(async () => {
  serving = await serve(createApp({ sessionStore: 'cookie', secret: 'test secret' }), { port: 0 });
  browser = await launch();
});

afterAll(async () => {
  await browser?.close();
  await serving?.close();
});

/** `shortbread/browser` as the page has it: the demo's bundle, loaded as a module. */
type Shortbread = typeof import('../src/browser.js');

/** A fresh page in a context whose cookies are cleared first, with the bundle on `window.sb`. */
async function freshPage(): Promise<Page> {
  await browser.context.clearCookies();
  const page = await browser.context.newPage();
  await page.goto(`${serving.url}/attributes`);
  await page.addScriptTag({
    type: 'module',
    content: "import * as sb from '/shortbread-browser.js'; window.sb = sb;",
  });
  await page.waitForFunction(() => 'sb' in window);
  return page;
}

/** What the server received on a request this page sends (the demo's echo). */
async function serverReceives(page: Page): Promise<Record<string, string>> {
  return page.evaluate(async () => {
    const state = (await (await fetch('/api/state')).json()) as { received: [string, string][] };
    return Object.fromEntries(state.received);
  });
}

/** A server-side set through the demo's API, from the page (so the browser stores the answer). */
async function serverSets(page: Page, body: Record<string, unknown>): Promise<string[]> {
  return page.evaluate(async (json) => {
    const response = await fetch('/api/set', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(json),
    });
    const state = (await response.json()) as { setCookie: { line: string }[] };
    return state.setCookie.map((c) => c.line);
  }, body);
}

describe('Max-Age in Chromium (the seed experiment)', () => {
  it('sends a short-lived cookie until it expires, then only the others', async () => {
    const page = await freshPage();
    // From the server: flavor for 2 seconds, chewy for the session.
    await serverSets(page, { name: 'flavor', value: 'chocolate chip', maxAge: 2 });
    await serverSets(page, { name: 'chewy', value: 'yes' });
    // From shortbread/browser: a 1-second cookie and a lasting one.
    await page.evaluate(async () => {
      const { cookies } = (window as unknown as { sb: Shortbread }).sb;
      cookies.set('brief', 'one second', { maxAge: 1 });
      cookies.set('stays', 'a day', { expires: 1 });
    });
    expect(await serverReceives(page)).toEqual({
      flavor: 'chocolate chip',
      chewy: 'yes',
      brief: 'one second',
      stays: 'a day',
    });
    // Real time passes: no fake timers in a real browser.
    await page.waitForTimeout(2500);
    expect(await serverReceives(page)).toEqual({ chewy: 'yes', stays: 'a day' });
    expect(await page.evaluate(() => document.cookie)).toBe('chewy=yes; stays=a%20day');
    await page.close();
  });
});

describe('Path in Chromium', () => {
  it('sends the tutorial flavor (Path=/cookies) to /cookies and not to /', async () => {
    const page = await freshPage();
    await page.goto(`${serving.url}/cookies`);
    const stored = await browser.context.cookies();
    expect(stored.find((c) => c.name === 'flavor')).toMatchObject({
      path: '/cookies',
      value: 'chocolate%20chip',
    });
    await page.goto(`${serving.url}/cookies?format=json`);
    const atCookies = JSON.parse((await page.textContent('body')) ?? '{}');
    expect(atCookies.cookies).toEqual({
      flavor: 'chocolate chip',
      'chocolate type': 'dark',
      chewy: 'yes',
    });
    // The lab at / renders what its own request carried: no flavor there.
    await page.goto(`${serving.url}/`);
    const atRoot = (await page.locator('#server-list').textContent()) ?? '';
    expect(atRoot).toContain('chocolate type');
    expect(atRoot).toContain('chewy');
    expect(atRoot).not.toContain('flavor');
    expect(await serverReceives(page)).toEqual({ 'chocolate type': 'dark', chewy: 'yes' });
    await page.close();
  });
});

describe('HttpOnly in Chromium', () => {
  it('hides an HttpOnly cookie from document.cookie and shortbread/browser, yet sends it', async () => {
    const page = await freshPage();
    await serverSets(page, { name: 'secret', value: 'server only', httpOnly: true });
    await serverSets(page, { name: 'open', value: 'for all' });
    const seen = await page.evaluate(async () => {
      const { cookies, asyncCookies } = (window as unknown as { sb: Shortbread }).sb;
      return {
        document: document.cookie,
        get: cookies.get('secret') ?? null,
        all: { ...cookies.getAll() },
        store: { ...(await asyncCookies.getAll()) },
      };
    });
    expect(seen).toEqual({
      document: 'open=for%20all',
      get: null,
      all: { open: 'for all' },
      store: { open: 'for all' },
    });
    expect(await serverReceives(page)).toEqual({ secret: 'server only', open: 'for all' });
    // A JavaScript write cannot create or overwrite it.
    await page.evaluate(() => {
      // biome-ignore lint/suspicious/noDocumentCookie: the test drives the real setter
      document.cookie = 'secret=forged; Path=/';
    });
    expect((await serverReceives(page)).secret).toBe('server only');
    await page.close();
  });
});

/** Values that need every part of the encoding. */
const VALUES = [
  'chocolate chip',
  '  leading and trailing  ',
  'semi;colon',
  'a=b=c',
  '"quoted"',
  "it's a \\ back,slash",
  '100%',
  '%41 is not A',
  'café ☕ 😀 日本語',
  'tab\tand\u0001control',
  '',
];

describe('values between shortbread/browser and the server', () => {
  it('arrive at the server exactly as cookies.set and asyncCookies.set wrote them', async () => {
    const page = await freshPage();
    const hasStore = await page.evaluate(async (values) => {
      const { cookies, asyncCookies } = (window as unknown as { sb: Shortbread }).sb;
      for (const [i, value] of values.entries()) cookies.set(`js${i}`, value);
      for (const [i, value] of values.entries()) await asyncCookies.set(`store${i}`, value);
      return 'cookieStore' in globalThis;
    }, VALUES);
    // Chromium has the Cookie Store API on localhost, so asyncCookies used it.
    expect(hasStore).toBe(true);
    const received = await serverReceives(page);
    for (const [i, value] of VALUES.entries()) {
      expect(received[`js${i}`], `js${i}`).toBe(value);
      expect(received[`store${i}`], `store${i}`).toBe(value);
    }
    await page.close();
  });

  it('read back in the browser exactly as the server set them', async () => {
    const page = await freshPage();
    for (const [i, value] of VALUES.entries()) await serverSets(page, { name: `s${i}`, value });
    const read = await page.evaluate(async (count) => {
      const { cookies, asyncCookies } = (window as unknown as { sb: Shortbread }).sb;
      const out: { get: string | null; store: string | null }[] = [];
      for (let i = 0; i < count; i++) {
        out.push({
          get: cookies.get(`s${i}`) ?? null,
          store: (await asyncCookies.get(`s${i}`)) ?? null,
        });
      }
      return out;
    }, VALUES.length);
    expect(read).toEqual(VALUES.map((value) => ({ get: value, store: value })));
    await page.close();
  });

  it('reads the other cookies when one is malformed', async () => {
    const page = await freshPage();
    const read = await page.evaluate(async () => {
      // biome-ignore lint/suspicious/noDocumentCookie: a malformed value only a raw write makes
      document.cookie = 'bad=%E0%A4%A; Path=/';
      // biome-ignore lint/suspicious/noDocumentCookie: as above
      document.cookie = 'quote="unterminated; Path=/';
      const { cookies } = (window as unknown as { sb: Shortbread }).sb;
      cookies.set('good', 'still here');
      return { ...cookies.getAll() };
    });
    expect(read).toEqual({ bad: '%E0%A4%A', quote: '"unterminated', good: 'still here' });
    await page.close();
  });

  it('removes a cookie by name and path, and asyncCookies removes too', async () => {
    const page = await freshPage();
    const left = await page.evaluate(async () => {
      const { cookies, asyncCookies } = (window as unknown as { sb: Shortbread }).sb;
      cookies.set('a', '1');
      cookies.set('b', '2', { path: '/attributes' });
      await asyncCookies.set('c', '3');
      cookies.remove('a');
      cookies.remove('b', { path: '/attributes' });
      await asyncCookies.remove('c');
      return document.cookie;
    });
    expect(left).toBe('');
    await page.close();
  });
});

describe('MemoryDocument against Chromium', () => {
  it('gives the same document.cookie as Chromium after the same writes, at the same URL', async () => {
    const writes = [
      'a=1',
      'b=2; Path=/',
      'c=3; Path=/deep',
      'd=4; Path=/other',
      'e=5; HttpOnly',
      'f=6; Max-Age=0',
      'a=7',
      'nameless',
      'g=8; Domain=127.0.0.1',
      'h=9; Secure',
      'b=; Expires=Thu, 01 Jan 1970 00:00:00 GMT; Path=/',
      'i=10; Path=/deep/page',
      'j=11; Path=deep',
      'k=12; Max-Age=3600; Expires=Thu, 01 Jan 1970 00:00:00 GMT',
      'l=13; max-age=-1',
      ' m = 14 ; path = /deep ',
      'n="quoted value"',
    ];
    await browser.context.clearCookies();
    const page = await browser.context.newPage();
    const url = `${serving.url}/deep/page`;
    await page.goto(url);
    const chromium = await page.evaluate((lines) => {
      for (const line of lines) {
        // biome-ignore lint/suspicious/noDocumentCookie: the reference is the real setter
        document.cookie = line;
      }
      return document.cookie;
    }, writes);
    const memory = new MemoryDocument(url);
    for (const line of writes) memory.cookie = line;
    expect(memory.cookie).toBe(chromium);
    expect(chromium).toContain('m=14');
    await page.close();
  });
});
