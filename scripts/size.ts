/**
 * @module `npm run size` / `npm run size:check`: the minified and gzipped size of the budgeted
 * entries (`shortbread/browser`, `shortbread/codec`) as a bundler gives them to a page (esbuild,
 * ES2022, every export kept), of a few others for the README, and of single imports beside the same
 * import from `cookie`@2 (what a bundler ships for `import { parseCookie } from ...`). `--check`
 * exits 1 over a budget.
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

/** One measured bundle: what it imports and, for a budgeted entry, the min+gzip limit in bytes. */
export interface Measured {
  /** What the README calls it. */
  label: string;
  /** The module esbuild bundles. */
  contents: string;
  /** Min+gzip bytes it must stay under (strictly), or none for a figure the README only shows. */
  budget?: number;
}

/**
 * What the README states. The two budgets are ceilings on each entry as a whole (`export *`, as a
 * bundler that keeps every export ships it), in bytes: 1500 for the browser (issue 11) and 6700 for
 * the codec. Issue 16 retired issue 11's 3000 B goal for the whole codec: what a page pays is the
 * imports it uses, reported below beside `cookie`@2's.
 */
export const measured = {
  browser: {
    label: '`shortbread/browser` (every export)',
    contents: "export * from './src/browser.ts';",
    budget: 1500,
  },
  codec: {
    label: '`shortbread/codec` (every export)',
    contents: "export * from './src/codec.ts';",
    // A ceiling that stops growth (the README's Size section says what the bytes pay for).
    budget: 6700,
  },
  parseCookie: {
    label: '`parseCookie` alone, from `shortbread/codec`',
    contents: "export { parseCookie } from './src/codec.ts';",
  },
  cookie2ParseCookie: {
    label: '`parseCookie` alone, from `cookie`@2',
    contents: "export { parseCookie } from 'cookie';",
  },
  stringifySetCookie: {
    label: '`stringifySetCookie` alone, from `shortbread/codec`',
    contents: "export { stringifySetCookie } from './src/codec.ts';",
  },
  cookie2StringifySetCookie: {
    label: '`stringifySetCookie` alone, from `cookie`@2',
    contents: "export { stringifySetCookie } from 'cookie';",
  },
  cookies: {
    label: '`cookies` alone, from `shortbread/browser`',
    contents: "export { cookies } from './src/browser.ts';",
  },
  memory: {
    label: '`shortbread/browser/memory` (every export; server-side rendering, tests)',
    contents: "export * from './src/browser-memory.ts';",
  },
  jsCookie: {
    label:
      '`shortbread/browser/js-cookie` (every export; js-cookie 3.0.8 `js.cookie.min.mjs`: 765 B)',
    contents: "export * from './src/browser-js-cookie.ts';",
    // Issue 18: its own line and ceiling, so a page that switches from js-cookie gains no weight.
    budget: 900,
  },
  jarTough: {
    label: '`shortbread/jar/tough` (every export; includes the jar and its public suffix list)',
    contents: "export * from './src/jar-tough.ts';",
  },
} satisfies Record<string, Measured>;

/** Each measured bundle with its figures and whether it is within its budget. */
export async function measureAll(): Promise<
  (Measured & { minified: number; gzipped: number; ok: boolean })[]
> {
  const rows = [];
  for (const entry of Object.values(measured) as Measured[]) {
    const sizes = await measure(entry.contents);
    rows.push({
      ...entry,
      ...sizes,
      ok: entry.budget === undefined || sizes.gzipped < entry.budget,
    });
  }
  return rows;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const check = process.argv.includes('--check');
  let over = 0;
  for (const row of await measureAll()) {
    const budget = row.budget === undefined ? '' : `, budget ${row.budget} B`;
    const verdict = row.budget === undefined ? '' : row.ok ? ': ok' : ': OVER BUDGET';
    console.log(
      `${row.label}: ${row.minified} B minified, ${row.gzipped} B min+gzip${budget}${verdict}`,
    );
    if (!row.ok) over++;
  }
  if (check && over > 0) {
    console.error(`${over} entry point(s) over their size budget`);
    process.exit(1);
  }
}
