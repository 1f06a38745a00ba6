/**
 * @module Chromium runner: the suite and `shortbread/browser`'s document.cookie tests bundled by
 * esbuild into one module, loaded by a page that a small Node server serves from 127.0.0.1 on a
 * free port; Debian's /usr/bin/chromium runs it through playwright-core. The server sets one
 * readable and one HttpOnly cookie on the page, and answers /echo with the cookies it receives,
 * parsed by the built package's RequestCookies.
 */
import { existsSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { CHROMIUM_ARGS as ARGS, CHROMIUM } from '../../helpers/chromium.js';
import {
  brokenReport,
  bundleSuite,
  RUNNER_TIMEOUT_MS,
  type RuntimeReport,
  runDirectly,
  toReport,
} from './runtime-report.js';

export { CHROMIUM };

const PAGE = `<!doctype html>
<meta charset="utf-8">
<title>shortbread runtime matrix</title>
<script type="module" src="/suite.js"></script>
`;

/** The part of the built package the server uses (imported by name at run time: dist/ may not exist at typecheck). */
interface ServerSide {
  RequestCookies: new (source: string) => { toObject(): Record<string, string> };
}

function serve(bundle: string, pkg: ServerSide): Promise<Server> {
  const server = createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://127.0.0.1').pathname;
    if (path === '/') {
      res.writeHead(200, {
        'content-type': 'text/html; charset=utf-8',
        'cache-control': 'no-store',
        'set-cookie': ['server_note=dark%20mode; Path=/', 'server_secret=s3cret; Path=/; HttpOnly'],
      });
      res.end(PAGE);
    } else if (path === '/suite.js') {
      res.writeHead(200, { 'content-type': 'text/javascript; charset=utf-8' });
      res.end(bundle);
    } else if (path === '/echo') {
      const cookies = new pkg.RequestCookies(req.headers.cookie ?? '').toObject();
      res.writeHead(200, { 'content-type': 'application/json', 'cache-control': 'no-store' });
      res.end(JSON.stringify({ ...cookies }));
    } else {
      res.writeHead(404).end();
    }
  });
  return new Promise((resolveServer, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolveServer(server));
  });
}

/** The suite in a Chromium page. @example await runChromium(); */
export async function runChromium(): Promise<RuntimeReport> {
  const started = performance.now();
  if (!existsSync(CHROMIUM)) {
    return brokenReport(
      'chromium',
      `${CHROMIUM} is not installed (apt-get install chromium)`,
      0,
      true,
    );
  }
  const specifier = 'shortbread';
  const pkg = (await import(specifier)) as ServerSide;
  const { chromium } = await import('playwright-core');
  const bundle = await bundleSuite('test/runtimes/browser-entry.js');
  const server = await serve(bundle, pkg);
  const browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: ARGS });
  const pageErrors: string[] = [];
  try {
    const page = await browser.newPage();
    page.on('pageerror', (error) => pageErrors.push(error.stack ?? error.message));
    page.on('console', (message) => {
      if (message.type() === 'error') pageErrors.push(message.text());
    });
    const { port } = server.address() as AddressInfo;
    await page.goto(`http://127.0.0.1:${port}/`);
    await page.waitForFunction(() => '__runtimeResult' in globalThis, undefined, {
      timeout: RUNNER_TIMEOUT_MS,
    });
    const result = await page.evaluate(
      () => (globalThis as { __runtimeResult?: unknown }).__runtimeResult,
    );
    if (result === null || typeof result !== 'object' || 'error' in result) {
      throw new Error(`the page failed: ${JSON.stringify(result)}`);
    }
    return toReport(
      'chromium',
      result as Parameters<typeof toReport>[1],
      performance.now() - started,
      browser.version(),
    );
  } catch (error) {
    const text = error instanceof Error ? (error.stack ?? error.message) : String(error);
    const errors = pageErrors.length > 0 ? `\npage errors:\n${pageErrors.join('\n')}` : '';
    return brokenReport('chromium', `${text}${errors}`, performance.now() - started);
  } finally {
    await browser.close();
    await new Promise((done) => server.close(done));
  }
}

await runDirectly(import.meta.url, runChromium);
