import { describe, expect, it } from 'vitest';
import { defaultPath, pathMatch } from './path-match.js';

describe('defaultPath (RFC 6265bis §5.1.4)', () => {
  it.each([
    ['', '/'],
    ['x', '/'],
    ['/', '/'],
    ['/page', '/'],
    ['/docs/page.html', '/docs'],
    ['/docs/', '/docs'],
    ['/a/b/c', '/a/b'],
  ])('defaultPath(%j) => %j', (path, expected) => {
    expect(defaultPath(path)).toBe(expected);
  });
});

describe('pathMatch (RFC 6265bis §5.1.4)', () => {
  it.each([
    ['/docs', '/docs', true],
    ['/docs/page', '/docs', true],
    ['/docs/page', '/docs/', true],
    ['/docs', '/docs/', false],
    ['/docsearch', '/docs', false],
    ['/', '/', true],
    ['/anything', '/', true],
    ['/f%6Fo', '/foo', false],
  ])('pathMatch(%s, %s) => %s', (request, cookie, expected) => {
    expect(pathMatch(request, cookie)).toBe(expected);
  });
});
