import { describe, expect, it } from 'vitest';
import { renderProgress } from './progress-bar.js';

describe('renderProgress', () => {
  it.each([
    [0, 10, '\rwork [          ]   0% 0/10'],
    [5, 10, '\rwork [#####     ]  50% 5/10'],
    [10, 10, '\rwork [##########] 100% 10/10'],
    [12, 10, '\rwork [##########] 100% 12/10'],
    [0, 0, '\rwork [##########] 100% 0/0'],
  ])('%i of %i', (done, total, expected) => {
    expect(renderProgress(done, total, 'work', 10)).toBe(expected);
  });
});
