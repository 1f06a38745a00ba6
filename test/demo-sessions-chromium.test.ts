/**
 * The demo's "Your sessions" page (`/account`) in real headless Chromium, with separate browser
 * contexts as separate devices (each its own cookie jar and user agent), on the demo's default
 * SQLite store: two devices log in as the same name and each sees both sessions; the first revokes
 * the second, whose next request is logged out; with a third device, "Sign out everywhere else"
 * ends the other two; "Sign out" ends the last. Saves reports/screenshots/sessions.png (copied by
 * hand to docs/screenshots/). Fails (never skips) when Chromium is missing.
 */
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { type Browser, type BrowserContext, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../demo/app.js';
import { tellClientAddress } from '../demo/client-address.js';
import { type Serving, serve } from '../src/node.js';
import { CHROMIUM, CHROMIUM_ARGS } from './helpers/chromium.js';

const shots = resolve(import.meta.dirname, '..', 'reports', 'screenshots');
mkdirSync(shots, { recursive: true });
const dbDir = mkdtempSync(join(tmpdir(), 'shortbread-demo-sessions-'));

const AGENTS = {
  laptop:
    'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36',
  desktop: 'Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:133.0) Gecko/20100101 Firefox/133.0',
  phone:
    'Mozilla/5.0 (iPhone; CPU iPhone OS 17_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.1 Mobile/15E148 Safari/604.1',
} as const;

let serving: Serving;
let browser: Browser;
const contexts: BrowserContext[] = [];

beforeAll(async () => {
  serving = await serve(
    createApp({ secret: 'demo sessions test secret', filename: join(dbDir, 'sessions.db') }),
    { port: 0 },
  );
  tellClientAddress(serving.server);
  browser = await chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: CHROMIUM_ARGS,
  });
});

afterAll(async () => {
  for (const context of contexts) await context.close();
  await browser?.close();
  await serving?.close();
  rmSync(dbDir, { recursive: true, force: true });
});

/** A device: its own context (cookie jar) with its user agent, on /account. */
async function device(agent: string): Promise<Page> {
  const context = await browser.newContext({
    userAgent: agent,
    viewport: { width: 1100, height: 560 },
  });
  contexts.push(context);
  const page = await context.newPage();
  page.setDefaultTimeout(8000);
  await page.goto(`${serving.url}/account`);
  return page;
}

async function logIn(page: Page, name: string): Promise<void> {
  await page.fill('#login-name', name);
  await page.click('#login');
  await expect.poll(() => page.textContent('#list-h')).toContain(`Signed in as ${name}`);
}

/** The rows of the session table after a reload (each device's next request). */
async function rowsAfterReload(page: Page): Promise<string[]> {
  await page.reload();
  return page.locator('#sessions tr[data-session]').allTextContents();
}

async function loggedOut(page: Page): Promise<boolean> {
  await page.reload();
  return page.locator('#login-name').isVisible();
}

describe('Your sessions (/account) in Chromium', () => {
  it('lists, revokes one, signs out everywhere else, signs out', async () => {
    const laptop = await device(AGENTS.laptop);
    const desktop = await device(AGENTS.desktop);
    await logIn(laptop, 'ada');
    await logIn(desktop, 'ada');

    // Both devices see both sessions, each marking its own.
    const seen = await rowsAfterReload(laptop);
    expect(seen).toHaveLength(2);
    expect(seen.join('\n')).toContain('Firefox 133 on Windows');
    const mine = laptop.locator('#sessions tr[data-current]');
    expect(await mine.textContent()).toContain('Chrome 131 on Linux');
    expect(await mine.textContent()).toContain('this device');
    expect(await mine.textContent()).toContain('127.0.0.1');
    expect(await mine.locator('time').first().getAttribute('title')).toMatch(/ UTC$/);
    expect(await rowsAfterReload(desktop)).toHaveLength(2);
    await laptop.screenshot({ path: join(shots, 'sessions.png') });

    // The laptop revokes the desktop: the desktop's next request is logged out.
    await laptop.reload();
    await laptop
      .locator('#sessions tr:not([data-current])')
      .getByRole('button', { name: 'Revoke' })
      .click();
    await expect.poll(() => laptop.locator('#sessions tr[data-session]').count()).toBe(1);
    expect(await loggedOut(desktop)).toBe(true);
    expect(await desktop.textContent('main')).not.toContain('Signed in as ada');

    // Two devices again, then "Sign out everywhere else" from the laptop.
    const phone = await device(AGENTS.phone);
    await logIn(phone, 'ada');
    await logIn(desktop, 'ada');
    expect(await rowsAfterReload(laptop)).toHaveLength(3);
    expect((await rowsAfterReload(phone)).join('\n')).toContain('Safari 17 on iOS');
    await laptop.click('#revoke-others');
    await expect.poll(() => laptop.locator('#sessions tr[data-session]').count()).toBe(1);
    expect(await loggedOut(desktop)).toBe(true);
    expect(await loggedOut(phone)).toBe(true);
    expect(await laptop.locator('#revoke-others').count()).toBe(0);

    // Sign out: the laptop's session and cookie are gone.
    await laptop.click('#logout');
    await expect.poll(() => laptop.locator('#login-name').isVisible()).toBe(true);
    const cookies = await laptop.context().cookies();
    expect(cookies.some((cookie) => cookie.name === 'session')).toBe(false);
  });
});
