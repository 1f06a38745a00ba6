import { describe, expect, it } from 'vitest';
import { createColors } from './color.js';
import { displayValue, formatTable } from './table.js';

describe('formatTable', () => {
  it('pads columns to the widest cell, ignoring colour codes, and leaves the last unpadded', () => {
    const c = createColors(true);
    const out = formatTable(
      ['name', 'value'],
      [
        [c.cyan('a'), '1'],
        ['long-name', '22'],
      ],
    );
    const plain = out.replace(/\u001b\[\d+m/g, '');
    expect(plain).toBe('name       value\na          1\nlong-name  22\n');
  });
});

describe('displayValue', () => {
  it('escapes control characters and cuts long text', () => {
    expect(displayValue('a\tb\nc\u0001')).toBe('a\\tb\\nc\\x01');
    expect(displayValue('abcdef', 3)).toBe('abc…');
    expect(displayValue('😀😀', 1)).toBe('😀…');
  });
});
