import { describe, expect, it } from 'vitest';
import * as jar from './jar.js';

describe('shortbread/jar entry', () => {
  it('exports the jar, its store, formats and fetch wrapper, and no internals', () => {
    expect(Object.keys(jar).sort()).toEqual([
      'CHROMIUM_LIMITS',
      'CookieJar',
      'MemoryJarStore',
      'canonicalizeDomain',
      'defaultPath',
      'domainMatch',
      'fetchWithCookies',
      'fromJarJson',
      'fromNetscape',
      'fromToughCookieJson',
      'isPublicSuffix',
      'isSecureOrigin',
      'pathMatch',
      'registrableDomain',
      'siteOf',
      'toJarJson',
      'toNetscape',
      'toToughCookieJson',
    ]);
  });
});
