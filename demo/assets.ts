/**
 * @module The demo's scripts, bundled with esbuild in memory on first request: `shortbread/browser`
 * itself (`/shortbread-browser.js`, minified, the bundle the README measures) and the pages' client
 * code (`/lab.js`), which imports that bundle by URL.
 */
import { build, type Plugin } from 'esbuild';

const here = new URL('.', import.meta.url).pathname;

/** The client imports `src/browser.ts`; in the page it is the served `/shortbread-browser.js`. */
const browserByUrl: Plugin = {
  name: 'shortbread-browser-by-url',
  setup(builder) {
    builder.onResolve({ filter: /\/src\/browser\.js$/ }, () => ({
      path: '/shortbread-browser.js',
      external: true,
    }));
  },
};

async function bundle(entry: string, plugins: Plugin[]): Promise<string> {
  const result = await build({
    entryPoints: [new URL(entry, `file://${here}`).pathname],
    bundle: true,
    minify: true,
    format: 'esm',
    platform: 'browser',
    target: 'es2022',
    write: false,
    logLevel: 'silent',
    plugins,
  });
  return result.outputFiles[0]?.text ?? '';
}

const cache = new Map<string, Promise<string>>();

/** Each script's entry point, relative to demo/. */
const SCRIPTS: Record<string, readonly [entry: string, plugins: Plugin[]]> = {
  '/shortbread-browser.js': ['../src/browser.ts', []],
  '/lab.js': ['./client/lab.ts', [browserByUrl]],
};

/**
 * The response for a script path, or `undefined` when `pathname` is not one. Built once, then kept.
 *
 * @example
 * ```ts
 * const response = await script('/shortbread-browser.js');
 * ```
 */
export async function script(pathname: string): Promise<Response | undefined> {
  const spec = SCRIPTS[pathname];
  if (spec === undefined) return undefined;
  let text = cache.get(pathname);
  if (text === undefined) {
    text = bundle(...spec);
    cache.set(pathname, text);
    // A failed build is retried on the next request rather than kept.
    text.catch(() => cache.delete(pathname));
  }
  return new Response(await text, {
    headers: { 'content-type': 'text/javascript; charset=utf-8', 'cache-control': 'no-cache' },
  });
}
