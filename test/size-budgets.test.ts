/**
 * The size budgets of issue 11, as CI checks them (also `npm run size:check`): each entry point as a
 * whole, bundled and minified by esbuild and gzipped at level 9, stays under its budget in bytes.
 * A budget in bytes, not a time.
 */
import { describe, expect, it } from 'vitest';
import { measure, measured } from '../scripts/size.js';

describe('size budgets (min+gzip)', () => {
  it.each([
    ['shortbread/browser', measured.browser],
    ['shortbread/codec', measured.codec],
    ['shortbread/browser/js-cookie', measured.jsCookie],
  ] as const)('%s is under its budget', async (name, { contents, budget }) => {
    const { minified, gzipped } = await measure(contents);
    console.info(`${name}: ${minified} B minified, ${gzipped} B min+gzip (budget ${budget} B)`);
    expect(gzipped).toBeLessThan(budget);
  });

  it('measures what the entry exports, so a bigger bundle shows in the figure', async () => {
    const alone = await measure("export { cookies } from './src/browser.ts';");
    const entry = await measure(measured.browser.contents);
    expect(entry.gzipped).toBeGreaterThan(alone.gzipped);
  });
});
