/**
 * @module `npm run size` / `npm run size:check`: the minified and gzipped size of the budgeted
 * entries (`shortbread/browser`, `shortbread/codec`) as a bundler gives them to a page (esbuild,
 * ES2022, every export kept), and of a few others for the README. `--check` exits 1 over a budget.
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
  /**
   * The goal where the enforced budget is still above it: printed as met or not, never
   * enforced (CI cannot pass on a goal the code does not reach; the budget keeps it from growing).
   */
  target?: number;
}

/**
 * What the README states. The two budgets are issue 11's: each entry as a whole (`export *`, as a
 * bundler that keeps every export ships it), under 1.5 KB for the browser and 3 KB for the codec,
 * counted in decimal kilobytes (1500 and 3000 bytes).
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
    // Issue 11 asks for 3000 B. The codec was 9467 B, 7958 B after the first pass of cuts, 6499 B
    // after the second (2026-11-25, both halves rewritten for size) and 6647 B once ~150 B bought
    // back speed the second pass had lost (names already checked remembered, runs of ';' crossed
    // in one search, a Set-Cookie line's pair judged first). The ceiling stops growth while the
    // goal stays open (the README's Size section says what the bytes pay for).
    budget: 6700,
    target: 3000,
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
    const goal =
      row.target === undefined
        ? ''
        : `; goal ${row.target} B: ${row.gzipped < row.target ? 'met' : 'NOT MET'}`;
    const verdict = (row.budget === undefined ? '' : row.ok ? ': ok' : ': OVER BUDGET') + goal;
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
