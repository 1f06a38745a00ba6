import { describe, expect, it } from 'vitest';
import { toMillis } from './to-millis.js';

describe('toMillis', () => {
  it('reads a Date or epoch milliseconds, and the clock when none is given', () => {
    expect(toMillis(new Date(1234))).toBe(1234);
    expect(toMillis(1234)).toBe(1234);
    const before = Date.now();
    const now = toMillis(undefined);
    expect(now).toBeGreaterThanOrEqual(before);
    expect(now).toBeLessThanOrEqual(Date.now());
  });
});
