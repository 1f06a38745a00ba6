import { describe, expect, it } from 'vitest';
import * as node from './node.js';

describe('shortbread/node entry', () => {
  it('exports the Node bridge and the node:http adapter', () => {
    expect(Object.keys(node).sort()).toEqual([
      'createRequestListener',
      'deleteCookie',
      'getCookies',
      'getSession',
      'isSecureRequest',
      'serve',
      'setCookie',
      'toRequest',
      'writeResponse',
    ]);
  });
});
