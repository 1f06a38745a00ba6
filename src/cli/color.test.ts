import { describe, expect, it } from 'vitest';
import { createColors, shouldColor, stripColors } from './color.js';

describe('colours', () => {
  it.each([
    [true, {}, true],
    [false, {}, false],
    [undefined, {}, false],
    [true, { NO_COLOR: '1' }, false],
    [true, { NO_COLOR: '' }, true],
    [true, { TERM: 'dumb' }, false],
    [false, { FORCE_COLOR: '1' }, true],
    [false, { FORCE_COLOR: '0' }, false],
    [true, { FORCE_COLOR: '1', NO_COLOR: 'yes' }, false],
  ])('isTTY %s with %j: %s', (isTTY, env, expected) => {
    expect(shouldColor(isTTY, env)).toBe(expected);
  });

  it('wraps text in ANSI codes only when enabled, and strips them back', () => {
    expect(createColors(false).red('x')).toBe('x');
    const red = createColors(true).red('x');
    expect(red).toBe('\u001b[31mx\u001b[39m');
    expect(stripColors(`a${red}b`)).toBe('axb');
  });
});
