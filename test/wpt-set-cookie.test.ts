/**
 * The Set-Cookie parsing cases of web-platform-tests (cookies/, snapshot in test/fixtures/wpt) that
 * need no jar: each line goes through `parseSetCookie`, and a few lines of model stand in for the
 * browser's store (one host, one read path, no eviction), enough to compute `document.cookie`.
 * Cases that test storage itself (prefixes, Domain matching across hosts, redirects) belong to the
 * jar's suite and are listed below with the reason, not skipped.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseSetCookie } from '../src/codec/set-cookie.js';

interface WptCase {
  method: string;
  name: string;
  cookie?: string | string[];
  expected?: string;
  defaultPath?: boolean;
}

const data = JSON.parse(
  readFileSync(new URL('./fixtures/wpt/cookies.json', import.meta.url), 'utf8'),
) as {
  files: Record<string, { cases: WptCase[] }>;
};

/** Files whose cases are about parsing; the rest (prefix, path-match, path-redirect, secure) need a jar. */
const parsingFiles = [
  'cookies/attributes/attributes-ctl.sub.html',
  'cookies/attributes/expires.html',
  'cookies/attributes/invalid.html',
  'cookies/attributes/max-age.html',
  'cookies/attributes/path.html',
  'cookies/encoding/charset.html',
  'cookies/name/name-ctl.html',
  'cookies/name/name.html',
  'cookies/size/attributes.www.sub.html',
  'cookies/size/name-and-value.html',
  'cookies/value/value-ctl.html',
  'cookies/value/value.html',
];

/**
 * Cases whose expectation the 2021 snapshot states before RFC 6265bis settled, each with why our
 * answer differs (see test/fixtures/CONFORMANCE.md, "How RFC 6265bis changes the expected results").
 */
const innerTab = 'Chromium 156 ignores a line with a tab inside a name, value or attribute value';
const bisChanged: Record<string, [expected: string, reason: string]> = {
  'cookies/attributes/attributes-ctl.sub.html: Cookie with %x9 in Domain attribute value is handled correctly.':
    ['', innerTab],
  'cookies/attributes/attributes-ctl.sub.html: Cookie with %x9 in Path attribute value is handled correctly.':
    ['', innerTab],
  'cookies/attributes/attributes-ctl.sub.html: Cookie with %x9 in Max-Age attribute value is handled correctly.':
    ['', innerTab],
  'cookies/attributes/attributes-ctl.sub.html: Cookie with %x9 in Expires attribute value is handled correctly.':
    ['', innerTab],
  'cookies/attributes/attributes-ctl.sub.html: Cookie with %x9 in SameSite attribute value is handled correctly.':
    ['', innerTab],
  'cookies/name/name-ctl.html: Cookie with %x9 in name is accepted.': ['', innerTab],
  'cookies/attributes/attributes-ctl.sub.html: Cookie with %x9 in Secure attribute is handled correctly.':
    ['', innerTab],
  'cookies/attributes/attributes-ctl.sub.html: Cookie with %x9 in HttpOnly attribute is handled correctly.':
    ['', innerTab],
  'cookies/value/value-ctl.html: Cookie with %x9 in value is accepted.': ['', innerTab],
  'cookies/attributes/attributes-ctl.sub.html: Cookie with %x9 after Secure attribute is handled correctly.':
    [
      '',
      '§5.6 step 8.4 trims the tab, so "Secure" is recognised, and a non-secure origin cannot set a Secure cookie (§5.7)',
    ],
  'cookies/name/name.html: Set a nameless cookie (that has an = in its value)': [
    '',
    'Chromium ignores a nameless cookie whose value holds "=" (it would read back as a named cookie)',
  ],
  "cookies/name/name.html: Set a nameless cookie (that has multiple ='s in its value)": [
    '',
    'Chromium ignores a nameless cookie whose value holds "=" (it would read back as a named cookie)',
  ],
  'cookies/value/value.html: Set cookie but ignore value after LF': [
    '',
    'RFC 6265bis §5.6 step 1 ignores the whole line on a control character (httpwg/http-extensions#1576)',
  ],
};

const NOW = Date.UTC(2026, 10, 25);

/** RFC 6265bis §5.1.4 path-match. */
function pathMatch(requestPath: string, cookiePath: string): boolean {
  if (requestPath === cookiePath) return true;
  if (!requestPath.startsWith(cookiePath)) return false;
  return cookiePath.endsWith('/') || requestPath[cookiePath.length] === '/';
}

interface Stored {
  name: string;
  value: string;
  path: string;
  httpOnly: boolean;
  order: number;
}

/** Applies the lines the way a browser on `host` would, and returns what `document.cookie` reads at `readPath`. */
function documentCookie(
  lines: string[],
  host: string,
  setterPath: string,
  readPath: string,
  fromDom: boolean,
): string {
  const store = new Map<string, Stored>();
  let order = 0;
  const defaultPath = setterPath.slice(0, setterPath.lastIndexOf('/')) || '/';
  for (const line of lines) {
    const parsed = parseSetCookie(line, { now: NOW });
    if (parsed === undefined) continue;
    // §5.7 step 5-6 (simplified to one host): a Domain must domain-match the host.
    if (parsed.domain !== undefined) {
      if (parsed.domain === '') continue;
      if (host !== parsed.domain && !host.endsWith(`.${parsed.domain}`)) continue;
    }
    // §5.7: the document.cookie setter cannot set HttpOnly cookies; non-secure origins cannot set Secure ones.
    if (fromDom && parsed.httpOnly) continue;
    if (parsed.secure) continue;
    const path = parsed.path ?? defaultPath;
    const key = `${parsed.name}\u0000${path}`;
    const expired =
      (parsed.maxAge !== undefined && parsed.maxAge <= 0) ||
      (parsed.maxAge === undefined &&
        parsed.expires !== undefined &&
        parsed.expires.getTime() <= NOW);
    const previous = store.get(key);
    store.delete(key);
    if (expired) continue;
    store.set(key, {
      name: parsed.name,
      value: rawValue(line),
      path,
      httpOnly: parsed.httpOnly,
      order: previous?.order ?? order++,
    });
  }
  return [...store.values()]
    .filter((c) => !c.httpOnly && pathMatch(readPath, c.path))
    .sort((a, b) => b.path.length - a.path.length || a.order - b.order)
    .map((c) => (c.name === '' ? c.value : `${c.name}=${c.value}`))
    .join('; ');
}

/** document.cookie shows the value as stored, undecoded: re-read it with an identity decoder. */
function rawValue(line: string): string {
  return parseSetCookie(line, { now: NOW, decode: (v) => v })?.value ?? '';
}

const cases: Array<[string, WptCase]> = [];
for (const file of parsingFiles) {
  for (const c of data.files[file]?.cases ?? []) cases.push([file, c]);
}

describe('web-platform-tests cookies/: Set-Cookie parsing', () => {
  it('has the cases, and every changed expectation names a real case', () => {
    expect(cases.length).toBe(660);
    const names = new Set(cases.map(([file, c]) => `${file}: ${c.name}`));
    for (const key of Object.keys(bisChanged)) expect(names.has(key), key).toBe(true);
  });

  it.each(
    cases.map(([file, c]) => [`${file.replace('cookies/', '')}: ${c.name}`, file, c] as const),
  )('%s', (_, file, c) => {
    const host = file.includes('.www.') ? 'www.web-platform.test' : 'web-platform.test';
    const subst = (s: string) => s.replaceAll('{{host}}', 'web-platform.test');
    const lines = (Array.isArray(c.cookie) ? c.cookie : [c.cookie ?? '']).map(subst);
    const pagePath = `/${file}`;
    const fromDom = c.method === 'dom';
    const setterPath = fromDom ? pagePath : '/cookies/resources/cookie.py';
    const readPath = fromDom || !c.defaultPath ? pagePath : '/cookies/resources/';
    const expected = bisChanged[`${file}: ${c.name}`]?.[0] ?? subst(c.expected ?? '');
    expect(documentCookie(lines, host, setterPath, readPath, fromDom)).toBe(expected);
  });
});
