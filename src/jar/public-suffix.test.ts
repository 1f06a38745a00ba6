import fc from 'fast-check';
import { getDomain } from 'tldts';
import { describe, expect, it } from 'vitest';
import {
  clearRegistrableDomainMemo,
  domainKey,
  isPublicSuffix,
  registrableDomain,
  siteOf,
} from './public-suffix.js';

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

describe('the registrable-domain memo', () => {
  const label = fc.constantFrom(
    'a',
    'www',
    'example',
    'co',
    'uk',
    'github',
    'io',
    'com',
    '1',
    'x-y',
  );
  const host = fc.array(label, { minLength: 1, maxLength: 4 }).map((labels) => labels.join('.'));

  it('never changes an answer, whatever was asked before (interleaved, across resets)', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(host, fc.boolean()), { maxLength: 60 }), (asks) => {
        for (const [h, reset] of asks) {
          if (reset) clearRegistrableDomainMemo();
          const fresh = getDomain(h, { allowPrivateDomains: true }) ?? undefined;
          expect(registrableDomain(h)).toBe(fresh);
        }
      }),
    );
  });

  it('answers right past its bound (5000 distinct hosts, cleared when full)', () => {
    clearRegistrableDomainMemo();
    for (let i = 0; i < 5000; i++)
      expect(registrableDomain(`h${i}.example.com`)).toBe('example.com');
    expect(registrableDomain('a.b.example.co.uk')).toBe('example.co.uk');
  });
});
