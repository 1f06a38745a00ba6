/**
 * The demo pages driven by clicks in headless Chromium: the lab sets and deletes cookies from
 * JavaScript and from the server, the session counter counts in SQLite and in a Flask cookie, the
 * attributes page runs its examples. Each page's screenshot is saved to reports/screenshots/ (the
 * README shows copies committed under docs/screenshots/). Fails (never skips) when Chromium is missing.
 */
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../demo/app.js';
import { type Serving, serve } from '../src/node.js';
import { type Browser, launch } from './helpers/chromium.js';

const shots = resolve(import.meta.dirname, '..', 'reports', 'screenshots');
mkdirSync(shots, { recursive: true });
const dbDir = mkdtempSync(join(tmpdir(), 'shortbread-demo-db-'));

let serving: Serving;
let cookieSessions: Serving;
let browser: Browser;

beforeAll(async () => {
  serving = await serve(
    createApp({ secret: 'demo test secret', filename: join(dbDir, 'sessions.db') }),
    { port: 0 },
  );
  cookieSessions = await serve(createApp({ sessionStore: 'cookie', secret: 'demo test secret' }), {
    port: 0,
  });
  browser = await launch();
});

afterAll(async () => {
  await browser?.close();
  await serving?.close();
  await cookieSessions?.close();
  rmSync(dbDir, { recursive: true, force: true });
});

async function freshPage(): Promise<Page> {
  await browser.context.clearCookies();
  const page = await browser.context.newPage();
  page.setDefaultTimeout(8000);
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  page.on('close', () => expect(errors).toEqual([]));
  return page;
}

describe('the cookie lab (/)', () => {
  it('sets cookies from the server and from JavaScript, shows them side by side, deletes them', async () => {
    const page = await freshPage();
    await page.goto(`${serving.url}/`);
    const server = page.locator('#server-list');
    const js = page.locator('#js-list');
    await expect.poll(() => js.textContent()).toContain('document.cookie is empty');

    // The server sets the tutorial's cookies and an HttpOnly one.
    await page.click('#tutorial-button');
    await expect.poll(() => server.textContent()).toContain('server only');
    // Werkzeug's order: Expires (from max_age) before Max-Age.
    expect(await page.locator('#last-list').textContent()).toMatch(
      /Set-Cookie: flavor=chocolate%20chip; Expires=[^;]+ GMT; Max-Age=30; Path=\//,
    );
    const secretRow = server.locator('tr[data-cookie="secret"]');
    expect(await secretRow.textContent()).toContain('HttpOnly: hidden from JS');
    await expect.poll(() => js.textContent()).toContain('chocolate chip');
    expect(await js.textContent()).not.toContain('secret');
    await expect
      .poll(() => js.locator('tr[data-cookie="flavor"] .countdown').textContent())
      .toMatch(/expires in \d+\.\d s/);

    // JavaScript sets one with attributes through shortbread/browser.
    await page.fill('#f-name', 'note');
    await page.fill('#f-value', 'a; b = "c" é');
    await page.fill('#f-maxage', '120');
    await page.selectOption('#f-samesite', 'strict');
    await page.click('#set-button');
    await expect.poll(() => page.locator('#status').textContent()).toContain('reads it back');
    expect(await page.locator('#last-list').textContent()).toContain(
      'note=a%3B%20b%20=%20%22c%22%20%C3%A9; Path=/; Max-Age=120; SameSite=strict',
    );
    await expect.poll(() => server.textContent()).toContain('a; b = "c" é');
    const noteRow = js.locator('tr[data-cookie="note"]');
    await expect.poll(() => noteRow.textContent()).toContain('SameSite=strict');
    await page.screenshot({ path: join(shots, 'lab.png'), fullPage: true });

    // HttpOnly from JavaScript is refused with a message.
    await page.check('#f-httponly');
    await page.click('#set-button');
    await expect.poll(() => page.locator('#status').textContent()).toContain('HttpOnly cannot');
    await page.uncheck('#f-httponly');

    // Delete from JavaScript, and an HttpOnly one through the server.
    await noteRow.getByRole('button', { name: 'Delete note from JavaScript' }).click();
    await expect.poll(() => js.textContent()).not.toContain('a; b = "c" é');
    await expect.poll(() => server.textContent()).not.toContain('a; b = "c" é');
    await secretRow.getByRole('button', { name: 'Delete secret on the server' }).click();
    await expect.poll(() => server.textContent()).not.toContain('server only');
    expect(await page.locator('#last-list').textContent()).toContain('secret=; Expires=');
    await page.close();
  });

  it('sets an HttpOnly cookie through the server from the form', async () => {
    const page = await freshPage();
    await page.goto(`${serving.url}/`);
    await page.fill('#f-name', 'token');
    await page.fill('#f-value', 'xyz');
    await page.check('#f-httponly');
    await page.check('#from-server');
    await page.click('#set-button');
    await expect
      .poll(() => page.locator('#server-list tr[data-cookie="token"]').textContent())
      .toContain('HttpOnly');
    expect(await page.evaluate(() => document.cookie)).toBe('');
    await page.close();
  });
});

describe('the session counter (/session)', () => {
  for (const [store, origin] of [
    ['sqlite', () => serving.url],
    ['cookie', () => cookieSessions.url],
  ] as const) {
    it(`counts clicks in a ${store} session and resets`, async () => {
      const page = await freshPage();
      await page.goto(`${origin()}/session`);
      expect(await page.textContent('#count')).toBe('0');
      await page.click('#count-again');
      await page.click('#count-again');
      await page.click('#count-again');
      expect(await page.textContent('#count')).toBe('3');
      const [session] = (await browser.context.cookies()).filter((c) => c.name === 'session');
      expect(session).toMatchObject({ httpOnly: true, sameSite: 'Lax', path: '/' });
      // SQLite: a signed id; cookie: Flask's signed payload (base64 JSON, "eyJ...", or zlib ".").
      if (store === 'cookie') expect(session?.value).toMatch(/^(eyJ|\.)/);
      else expect(session?.value).not.toMatch(/^(eyJ|\.)/);
      if (store === 'sqlite') await page.screenshot({ path: join(shots, 'session.png') });
      await page.click('#reset');
      expect(await page.textContent('#count')).toBe('0');
      expect((await browser.context.cookies()).some((c) => c.name === 'session')).toBe(false);
      await page.close();
    });
  }
});

describe('the attributes page (/attributes)', () => {
  it('runs each example and reports what the browser did with it', async () => {
    const page = await freshPage();
    await page.goto(`${serving.url}/attributes`);
    const result = page.locator('#example-result');
    const cases = [
      ['Try httponly', 'hidden', 'hidden', 'yes'],
      ['Try path', 'scoped', 'hidden', 'no'],
      ['Try max_age', 'brief', 'visible', 'yes'],
      ['Try secure', 'locked', 'visible', 'yes'],
      ['Try partitioned', 'chip', 'visible', 'yes'],
      ['Try domain', 'wide', 'visible', 'yes'],
      ['Try samesite', 'strict', 'visible', 'yes'],
      ['Try value', 'note', 'visible', 'yes'],
    ] as const;
    for (const [button, name, js, sent] of cases) {
      await page.getByRole('button', { name: button }).click();
      await expect.poll(() => result.getAttribute('data-for')).toBe(name);
      expect(await result.locator('[data-js]').getAttribute('data-js'), button).toBe(js);
      expect(await result.locator('[data-sent]').getAttribute('data-sent'), button).toBe(sent);
    }
    expect(await result.textContent()).toContain('a; b = \\"c\\" é');
    await page.getByRole('button', { name: 'Try max_age' }).click();
    await expect.poll(() => result.getAttribute('data-for')).toBe('brief');
    expect(await result.textContent()).toContain('Max-Age=5');
    await page.screenshot({ path: join(shots, 'attributes.png'), fullPage: true });
    await page.close();
  });
});

describe('the tutorial page (/cookies)', () => {
  it('shows the cookies sent back on the second visit', async () => {
    const page = await freshPage();
    await page.goto(`${serving.url}/cookies`);
    expect(await page.textContent('main')).toContain('carried no cookies');
    await page.reload();
    expect(await page.textContent('main')).toContain('carried 3 cookies');
    expect(await page.textContent('main')).toContain('Your flavor: chocolate chip');
    await page.screenshot({ path: join(shots, 'cookies.png'), fullPage: true });
    await page.close();
  });
});
