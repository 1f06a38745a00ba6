import { describe, expect, it } from 'vitest';
import { domainKey, isPublicSuffix, registrableDomain, siteOf } from './public-suffix.js';

describe('registrableDomain', () => {
  it.each([
    ['a.b.example.co.uk', 'example.co.uk'],
    ['co.uk', undefined],
    ['a.b.github.io', 'b.github.io'], // private registries count, as Chromium reads them
    ['github.io', undefined],
    ['localhost', undefined],
    ['intranet', undefined],
    ['127.0.0.1', undefined],
    ['[::1]', undefined],
    ['web-platform.test', 'web-platform.test'],
  ])('%s => %s', (host, expected) => {
    expect(registrableDomain(host)).toBe(expected);
  });
});

describe('isPublicSuffix / domainKey / siteOf', () => {
  it('treats names without a registrable domain as suffixes', () => {
    expect(isPublicSuffix('com')).toBe(true);
    expect(isPublicSuffix('localhost')).toBe(true);
    expect(isPublicSuffix('example.com')).toBe(false);
  });
  it('keys cookies by registrable domain, else by the host', () => {
    expect(domainKey('www.example.com')).toBe('example.com');
    expect(domainKey('127.0.0.1')).toBe('127.0.0.1');
  });
  it('gives the schemeful site', () => {
    expect(siteOf(new URL('https://a.example.co.uk/x'))).toBe('https://example.co.uk');
    expect(siteOf(new URL('http://localhost:3000/'))).toBe('http://localhost');
  });
});
