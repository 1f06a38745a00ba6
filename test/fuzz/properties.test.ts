/** @module The fuzz properties at test-suite size: `FUZZ_RUNS` inputs each (default 2000). */
import { describe, expect, it } from 'vitest';
import { properties } from './properties.js';

const runs = Number(process.env.FUZZ_RUNS ?? 2000);

describe(`fuzz properties (${runs} runs each)`, () => {
  it('has a property for every parser and builder', () => {
    expect(properties.length).toBeGreaterThanOrEqual(25);
  });
  it.each(properties.map((p) => [p.name, p] as const))('%s', async (_name, property) => {
    const tried = await property.run(runs);
    expect(tried).toBe(runs);
  });
});
