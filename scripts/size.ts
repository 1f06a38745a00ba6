/**
 * @module `npm run size`: the minified and gzipped size of the `shortbread/browser` entry, as a
 * bundler gives it to a page (esbuild, ES2022, every export kept), and of `cookies` alone.
 */
import { gzipSync } from 'node:zlib';
import { build } from 'esbuild';

/** Bytes of `contents` (an ES module importing from src/) bundled, minified, and gzipped at level 9. */
export async function measure(contents: string): Promise<{ minified: number; gzipped: number }> {
  const result = await build({
    stdin: { contents, resolveDir: new URL('..', import.meta.url).pathname, loader: 'ts' },
    bundle: true,
    minify: true,
    format: 'esm',
    platform: 'browser',
    target: 'es2022',
    write: false,
    logLevel: 'silent',
  });
  const code = result.outputFiles[0]?.contents ?? new Uint8Array();
  return { minified: code.length, gzipped: gzipSync(code, { level: 9 }).length };
}

/** What the README states: the whole entry, and the common case of one import. */
export const measured = {
  /** What a page ships: the document.cookie and Cookie Store API sides (the budget: under 1.5 KB). */
  page: "export { cookies, asyncCookies, createCookies, createAsyncCookies } from './src/browser.ts';",
  /** The common case: one import. */
  cookies: "export { cookies } from './src/browser.ts';",
  /** The in-memory twin for SSR and tests, with the API it carries. */
  memory: "export { createMemoryCookies, MemoryDocument } from './src/browser.ts';",
  /** Every export of the entry, as a bundler that keeps everything would ship it. */
  entry: "export * from './src/browser.ts';",
  /** The codec entry `shortbread/codec` (the budget: under 3 KB). */
  codec: "export * from './src/codec.ts';",
} as const;

if (import.meta.url === `file://${process.argv[1]}`) {
  for (const [label, contents] of Object.entries(measured)) {
    const { minified, gzipped } = await measure(contents);
    console.log(`${label}: ${minified} B minified, ${gzipped} B min+gzip`);
  }
}
