/**
 * The web-platform-tests cookies/ cases (test/fixtures/wpt/cookies.json) as replay scripts: which
 * lines are set from which URL through which API, and where and how the result is read. The jar
 * suite runs them through the jar; the Chromium differential runs the http-origin ones in Chromium.
 */
import { readFileSync } from 'node:fs';
import { CookieJar } from '../../src/jar/cookie-jar.js';

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

/** One case as steps: set `lines` at `setUrl` via Set-Cookie or document.cookie, then read. */
export interface WptScript {
  key: string;
  lines: string[];
  setUrl: string;
  setVia: 'http' | 'dom';
  readUrl: string;
  readVia: 'http' | 'dom';
  /** How the read string answers the case: as is, or whether it holds / equals `text`. */
  check: { kind: 'exact' } | { kind: 'contains'; text: string } | { kind: 'equals'; text: string };
  expected: string | boolean;
}

export const WPT_HOST = 'web-platform.test';
/** WPT's alternate host (a different site), as `{{hosts[alt][]}}` names it. */
export const WPT_ALT_HOST = 'not-web-platform.test';
const subst = (s: string) =>
  s.replaceAll('{{host}}', WPT_HOST).replaceAll('{{hosts[alt][]}}', WPT_ALT_HOST);

function pageUrl(file: string, path = `/${file}`): string {
  const scheme = file.includes('.https.') ? 'https' : 'http';
  const host = file.includes('.www.') ? `www.${WPT_HOST}` : WPT_HOST;
  return `${scheme}://${host}${path}`;
}

function script(file: string, c: WptCase): WptScript {
  const key = `${file.replace('cookies/', '')}: ${c.name}`;
  const lines = (Array.isArray(c.cookie) ? c.cookie : [c.cookie ?? '']).map(subst);
  const exact = { kind: 'exact' } as const;
  switch (c.method) {
    case 'http':
      // cookie.py answers a same-origin fetch with the Set-Cookie lines; a page reads document.cookie.
      return {
        key,
        lines,
        setUrl: pageUrl(file, '/cookies/resources/cookie.py'),
        setVia: 'http',
        readUrl: c.defaultPath ? pageUrl(file, '/cookies/resources/') : pageUrl(file),
        readVia: 'dom',
        check: exact,
        expected: subst(c.expected ?? ''),
      };
    case 'dom':
      return {
        key,
        lines,
        setUrl: pageUrl(file),
        setVia: 'dom',
        readUrl: pageUrl(file),
        readVia: 'dom',
        check: exact,
        expected: subst(c.expected ?? ''),
      };
    case 'http-redirect':
      // The redirect response from cookie.py sets the cookie; the page at `location` reads it.
      return {
        key,
        lines,
        setUrl: pageUrl(file, '/cookies/resources/cookie.py'),
        setVia: 'http',
        readUrl: pageUrl(file, c.location ?? '/'),
        readVia: 'dom',
        check: exact,
        expected: subst(c.expected ?? ''),
      };
    case 'prefix-http':
    case 'prefix-dom': {
      const origin = subst(c.origin ?? '');
      const name = `${c.prefix}prefixtestcookie`;
      const fromDom = c.method === 'prefix-dom';
      // The DOM variant checks document.cookie on the test page, the header variant the Cookie header
      // sent to /cookies/resources/list.py (where a `Path=/cookies/resources/list.py` cookie also goes).
      const viaHttp = c.shouldExistViaHTTP ?? false;
      const inDom = c.shouldExistInDOM ?? viaHttp;
      return {
        key,
        lines: [`${name}=foo; ${subst(c.params ?? '')}`],
        setUrl: fromDom
          ? `${origin}/cookies/prefix/page.html`
          : `${origin}/cookies/resources/set.py`,
        setVia: fromDom ? 'dom' : 'http',
        readUrl: fromDom
          ? `${origin}/cookies/prefix/page.html`
          : `${origin}/cookies/resources/list.py`,
        readVia: fromDom ? 'dom' : 'http',
        check: { kind: 'contains', text: `${name}=foo` },
        expected: fromDom ? inDom : viaHttp,
      };
    }
    case 'path-match': {
      const page = pageUrl(file, '/cookies/resources/echo-cookie.html');
      return {
        key,
        lines: [`path-match=1; path=${c.path}`],
        setUrl: page,
        setVia: 'dom',
        readUrl: page,
        readVia: 'dom',
        check: { kind: 'equals', text: 'path-match=1' },
        expected: c.match ?? false,
      };
    }
    default:
      throw new Error(`unknown WPT case kind ${c.method}`);
  }
}

/**
 * Every case of the fixture as a script, in file order.
 *
 * @example
 * ```ts
 * const scripts = wptScripts(); // 760
 * ```
 */
export function wptScripts(): WptScript[] {
  const data = JSON.parse(
    readFileSync(new URL('../fixtures/wpt/cookies.json', import.meta.url), 'utf8'),
  ) as { files: Record<string, { cases: WptCase[] }> };
  const out: WptScript[] = [];
  for (const [file, { cases }] of Object.entries(data.files)) {
    for (const c of cases) out.push(script(file, c));
  }
  return out;
}

/**
 * The case's answer from what was read (`document.cookie` or the Cookie header).
 *
 * @example
 * ```ts
 * judge(script, 'a=1'); // 'a=1', or true/false for prefix and path cases
 * ```
 */
export function judge(s: WptScript, read: string): string | boolean {
  if (s.check.kind === 'exact') return read;
  if (s.check.kind === 'contains') return read.includes(s.check.text);
  return read === s.check.text;
}

/**
 * The case run through a fresh jar at `now`.
 *
 * @example
 * ```ts
 * runInJar(script, Date.now());
 * ```
 */
export function runInJar(s: WptScript, now: number): string | boolean {
  const jar = new CookieJar();
  const set = { now, http: s.setVia === 'http' };
  for (const line of s.lines) jar.setCookie(line, s.setUrl, set);
  return judge(s, jar.getCookieHeader(s.readUrl, { now, http: s.readVia === 'http' }));
}
