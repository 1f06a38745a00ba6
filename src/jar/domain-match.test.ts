import { describe, expect, it } from 'vitest';
import { canonicalizeDomain, domainMatch, isIpAddress, isSecureOrigin } from './domain-match.js';

describe('domainMatch (RFC 6265bis §5.1.3)', () => {
  describe('identical strings', () => {
    it.each([
      ['example.com', 'example.com', true],
      ['com', 'net', false],
      ['127.0.0.1', '127.0.0.1', true],
    ])('domainMatch(%s, %s) => %s', (host, domain, expected) => {
      expect(domainMatch(host, domain)).toBe(expected);
    });
  });
  describe('suffix aligned on "." of a host name', () => {
    it.each([
      ['www.example.com', 'example.com', true],
      ['a.b.example.com', 'example.com', true],
      ['badexample.com', 'example.com', false],
      ['example.com', 'www.example.com', false],
      ['1.2.3.4', '2.3.4', false], // an IP address matches only itself
      ['example.com', '', false],
    ])('domainMatch(%s, %s) => %s', (host, domain, expected) => {
      expect(domainMatch(host, domain)).toBe(expected);
    });
  });
});

describe('isIpAddress', () => {
  it.each([
    ['127.0.0.1', true],
    ['[::1]', true],
    ['::1', true],
    ['1.2.3', false],
    ['1.2.3.4.example', false],
    ['1234.1.1.1', false],
    ['example.com', false],
    ['', false],
  ])('%s => %s', (host, expected) => {
    expect(isIpAddress(host)).toBe(expected);
  });
});

describe('canonicalizeDomain (§5.1.2)', () => {
  it.each([
    ['Example.COM', 'example.com'],
    ['bücher.example', 'xn--bcher-kva.example'],
    ['a b.com', undefined],
    ['a/b', undefined],
  ])('%s => %s', (input, expected) => {
    expect(canonicalizeDomain(input)).toBe(expected);
  });
});

describe('isSecureOrigin (Chromium: https, wss and loopback)', () => {
  it.each([
    ['https://example.com/', true],
    ['wss://example.com/', true],
    ['http://example.com/', false],
    ['http://localhost:3000/', true],
    ['http://app.localhost/', true],
    ['http://127.0.0.1/', true],
    ['http://127.1.2.3/', true],
    ['http://[::1]/', true],
    ['http://127.example.com/', false],
  ])('%s => %s', (url, expected) => {
    expect(isSecureOrigin(new URL(url))).toBe(expected);
  });
});
