import { describe, expect, it } from 'vitest';
import * as browser from './browser.js';

describe('shortbread/browser entry', () => {
  it('exports the cookies API, its async and in-memory twins, and nothing else', () => {
    expect(Object.keys(browser).sort()).toEqual([
      'CookieError',
      'MemoryDocument',
      'asyncCookies',
      'cookies',
      'createAsyncCookies',
      'createCookies',
      'createMemoryCookies',
      'decodeBrowserValue',
      'encodeBrowserValue',
      'parseDocumentCookie',
      'serializeBrowserCookie',
    ]);
  });
});
