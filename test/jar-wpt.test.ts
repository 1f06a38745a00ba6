/**
 * web-platform-tests cookies/ (2021 snapshot, test/fixtures/wpt/cookies.json) replayed through the
 * jar: Set-Cookie responses and `document.cookie` writes go in with the origin, path and API of the
 * original test, and `document.cookie` (the jar's `http: false` view) or the Cookie header is compared.
 * Cases whose 2021 expectation predates RFC 6265bis / Chromium 156 are listed in `knownDifferent` with
 * the reason, and the jar's answer is asserted (never skipped).
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { CookieJar } from '../src/jar/cookie-jar.js';

interface WptCase {
  method: string;
  name: string;
  cookie?: string | string[];
  expected?: string;
  defaultPath?: boolean;
  location?: string;
  prefix?: string;
  params?: string;
  origin?: string;
  shouldExistInDOM?: boolean;
  shouldExistViaHTTP?: boolean;
  path?: string;
  match?: boolean;
}

const data = JSON.parse(
  readFileSync(new URL('./fixtures/wpt/cookies.json', import.meta.url), 'utf8'),
) as { files: Record<string, { cases: WptCase[] }> };

const HOST = 'web-platform.test';
const NOW = Date.UTC(2026, 10, 25);
/** WPT's alternate host (a different site), as `{{hosts[alt][]}}` names it. */
const ALT_HOST = 'not-web-platform.test';
const subst = (s: string) =>
  s.replaceAll('{{host}}', HOST).replaceAll('{{hosts[alt][]}}', ALT_HOST);

const innerTab = 'Chromium 156 ignores a line with a tab inside a name, value or attribute value';
/** Case key → [the jar's (Chromium 156 / RFC 6265bis) answer, why it differs from the 2021 file]. */
const knownDifferent: Record<string, [answer: string | boolean, why: string]> = {
  'attributes/attributes-ctl.sub.html: Cookie with %x9 in Domain attribute value is handled correctly.':
    ['', innerTab],
  'attributes/attributes-ctl.sub.html: Cookie with %x9 in Path attribute value is handled correctly.':
    ['', innerTab],
  'attributes/attributes-ctl.sub.html: Cookie with %x9 in Max-Age attribute value is handled correctly.':
    ['', innerTab],
  'attributes/attributes-ctl.sub.html: Cookie with %x9 in Expires attribute value is handled correctly.':
    ['', innerTab],
  'attributes/attributes-ctl.sub.html: Cookie with %x9 in SameSite attribute value is handled correctly.':
    ['', innerTab],
  'name/name-ctl.html: Cookie with %x9 in name is accepted.': ['', innerTab],
  'value/value-ctl.html: Cookie with %x9 in value is accepted.': ['', innerTab],
  'attributes/attributes-ctl.sub.html: Cookie with %x9 after Secure attribute is handled correctly.':
    [
      '',
      '§5.6 step 8.4 trims the tab, so "Secure" is recognised, and a non-secure origin cannot set a Secure cookie (§5.7 step 13)',
    ],
  'attributes/attributes-ctl.sub.html: Cookie with %x9 after SameSite attribute value is handled correctly.':
    [
      '',
      'the tab is trimmed (§5.6 step 8.4), leaving SameSite=None without Secure, which RFC 6265bis §5.7 step 19 (and Chromium since 80) refuses',
    ],
  'name/name.html: Set a nameless cookie (that has an = in its value)': [
    '',
    'Chromium ignores a nameless cookie whose value holds "=" (it would read back as a named cookie)',
  ],
  "name/name.html: Set a nameless cookie (that has multiple ='s in its value)": [
    '',
    'Chromium ignores a nameless cookie whose value holds "=" (it would read back as a named cookie)',
  ],
  'value/value.html: Set cookie but ignore value after LF': [
    '',
    'RFC 6265bis §5.6 step 1 ignores the whole line on a control character (httpwg/http-extensions#1576)',
  ],
};

interface Replay {
  key: string;
  run: () => string | boolean;
  expected: string | boolean;
}

function pageUrl(file: string, path = `/${file}`): string {
  const scheme = file.includes('.https.') ? 'https' : 'http';
  const host = file.includes('.www.') ? `www.${HOST}` : HOST;
  return `${scheme}://${host}${path}`;
}

const dom = { http: false, now: NOW } as const;
const http = { now: NOW } as const;

function replay(file: string, c: WptCase): Replay {
  const key = `${file.replace('cookies/', '')}: ${c.name}`;
  const lines = (Array.isArray(c.cookie) ? c.cookie : [c.cookie ?? '']).map(subst);
  switch (c.method) {
    case 'http':
      // cookie.py answers a same-origin fetch with the Set-Cookie lines; the page reads document.cookie.
      return {
        key,
        expected: subst(c.expected ?? ''),
        run: () => {
          const jar = new CookieJar();
          for (const line of lines)
            jar.setCookie(line, pageUrl(file, '/cookies/resources/cookie.py'), http);
          const read = c.defaultPath ? pageUrl(file, '/cookies/resources/') : pageUrl(file);
          return jar.getCookieHeader(read, dom);
        },
      };
    case 'dom':
      return {
        key,
        expected: subst(c.expected ?? ''),
        run: () => {
          const jar = new CookieJar();
          for (const line of lines) jar.setCookie(line, pageUrl(file), dom);
          return jar.getCookieHeader(pageUrl(file), dom);
        },
      };
    case 'http-redirect':
      // The redirect response from cookie.py sets the cookie; the page at `location` reads it.
      return {
        key,
        expected: subst(c.expected ?? ''),
        run: () => {
          const jar = new CookieJar();
          for (const line of lines)
            jar.setCookie(line, pageUrl(file, '/cookies/resources/cookie.py'), http);
          return jar.getCookieHeader(pageUrl(file, c.location ?? '/'), dom);
        },
      };
    case 'prefix-http':
    case 'prefix-dom': {
      const origin = subst(c.origin ?? '');
      const name = `${c.prefix}prefixtestcookie`;
      const line = `${name}=foo; ${subst(c.params ?? '')}`;
      const fromDom = c.method === 'prefix-dom';
      // The DOM variant checks document.cookie on the test page, the header variant the Cookie header
      // sent to /cookies/resources/list.py (where a `Path=/cookies/resources/list.py` cookie also goes).
      const viaHttp = c.shouldExistViaHTTP ?? false;
      const inDom = c.shouldExistInDOM ?? viaHttp;
      return {
        key,
        expected: fromDom ? inDom : viaHttp,
        run: () => {
          const jar = new CookieJar();
          const setter = fromDom
            ? `${origin}/cookies/prefix/page.html`
            : `${origin}/cookies/resources/set.py`;
          jar.setCookie(line, setter, fromDom ? dom : http);
          const read = fromDom
            ? jar.getCookieHeader(`${origin}/cookies/prefix/page.html`, dom)
            : jar.getCookieHeader(`${origin}/cookies/resources/list.py`, http);
          return read.includes(`${name}=foo`);
        },
      };
    }
    case 'path-match':
      return {
        key,
        expected: c.match ?? false,
        run: () => {
          const jar = new CookieJar();
          const page = pageUrl(file, '/cookies/resources/echo-cookie.html');
          jar.setCookie(`path-match=1; path=${c.path}`, page, dom);
          return jar.getCookieHeader(page, dom) === 'path-match=1';
        },
      };
    default:
      throw new Error(`unknown WPT case kind ${c.method}`);
  }
}

const replays: Replay[] = [];
for (const [file, { cases }] of Object.entries(data.files)) {
  for (const c of cases) replays.push(replay(file, c));
}

describe('web-platform-tests cookies/ replayed through the jar', () => {
  it('covers every case of every kind, and each known difference names a real case', () => {
    expect(replays).toHaveLength(760);
    const keys = new Set(replays.map((r) => r.key));
    for (const key of Object.keys(knownDifferent)) expect(keys.has(key), key).toBe(true);
  });

  it('passes at least 98% of the cases as written in 2021', () => {
    const passing = replays.filter((r) => r.run() === r.expected).length;
    expect(passing / replays.length).toBeGreaterThanOrEqual(0.98);
  });

  it.each(replays.filter((r) => !(r.key in knownDifferent)).map((r) => [r.key, r] as const))(
    '%s',
    (_, r) => {
      expect(r.run()).toBe(r.expected);
    },
  );

  it.each(
    replays
      .filter((r) => r.key in knownDifferent)
      .map((r) => [r.key, knownDifferent[r.key]?.[1] ?? '', r] as const),
  )('%s (known different: %s)', (_, __, r) => {
    const [answer] = knownDifferent[r.key] ?? [];
    expect(r.expected).not.toBe(answer);
    expect(r.run()).toBe(answer);
  });
});
