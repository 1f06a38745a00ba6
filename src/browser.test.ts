import { describe, expect, it } from 'vitest';
import * as browser from './browser.js';

describe('shortbread/browser entry', () => {
  it('exports the cookies API and its async twin, and nothing else', () => {
    expect(Object.keys(browser).sort()).toEqual([
      'CookieError',
      'asyncCookies',
      'cookies',
      'createAsyncCookies',
      'createCookies',
      'decodeBrowserValue',
      'encodeBrowserValue',
      'parseDocumentCookie',
      'serializeBrowserCookie',
    ]);
  });
});
