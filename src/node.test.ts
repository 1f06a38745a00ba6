import { describe, expect, it } from 'vitest';
import * as node from './node.js';

describe('shortbread/node entry', () => {
  it('exports the Node bridge', () => {
    expect(Object.keys(node).sort()).toEqual([
      'createRequestListener',
      'serve',
      'toRequest',
      'writeResponse',
    ]);
  });
});
