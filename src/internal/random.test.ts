import { describe, expect, it } from 'vitest';
import { randomBytes } from './random.js';

describe('randomBytes', () => {
  it('gives new arrays of the length asked, never the same bytes twice', () => {
    const seen = new Set<string>();
    for (let i = 0; i < 2000; i++) {
      const bytes = randomBytes(12);
      expect(bytes.length).toBe(12);
      const hex = Buffer.from(bytes).toString('hex');
      expect(seen.has(hex)).toBe(false);
      seen.add(hex);
    }
    expect(randomBytes(5000).length).toBe(5000);
  });

  it('hands out arrays the caller owns: changing one changes no later one', () => {
    const a = randomBytes(16);
    a.fill(0);
    expect(randomBytes(16).some((b) => b !== 0)).toBe(true);
  });
});
