import { describe, expect, it } from 'vitest';
import { parseDocumentCookie } from './browser.js';
import * as memory from './browser-memory.js';

describe('shortbread/browser/memory entry', () => {
  it('exports the in-memory twin, and nothing else', () => {
    expect(Object.keys(memory).sort()).toEqual(['MemoryDocument', 'createMemoryCookies']);
  });

  it('gives the shortbread/browser API over a MemoryDocument', () => {
    const jar = memory.createMemoryCookies('https://example.com/', { cookie: 'theme=dark' });
    jar.set('flavor', 'chocolate chip');
    expect(jar.get('theme')).toBe('dark');
    expect(jar.document.cookie).toBe('theme=dark; flavor=chocolate%20chip');
    expect(parseDocumentCookie(jar.document.cookie).flavor).toBe('chocolate chip');
  });
});
