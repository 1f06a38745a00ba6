/**
 * The size budget of `shortbread/browser` (README, docs/browser-demo.md): what a page ships, bundled
 * and minified by esbuild and gzipped, stays under 1.5 KB. A budget in bytes, not a time.
 */
import { describe, expect, it } from 'vitest';
import { measure, measured } from '../scripts/size.js';

describe('shortbread/browser size budget', () => {
  it('ships cookies and asyncCookies in under 1.5 KB min+gzip', async () => {
    const { minified, gzipped } = await measure(measured.page);
    console.info(`shortbread/browser page bundle: ${minified} B minified, ${gzipped} B min+gzip`);
    expect(gzipped).toBeLessThan(1536);
  });

  it('keeps the whole entry, in-memory twin included, under 2.5 KB min+gzip', async () => {
    const { gzipped } = await measure(measured.entry);
    console.info(`shortbread/browser every export: ${gzipped} B min+gzip`);
    expect(gzipped).toBeLessThan(2560);
  });
});
