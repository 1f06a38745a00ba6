/**
 * @module A short, readable name for a `User-Agent` ("Chrome 131 on Linux") for the demo's device
 * list. Deliberately simple: a few well-known tokens, checked in the order that tells them apart
 * (Edge and Opera also say "Chrome", Chrome also says "Safari", Android also says "Linux").
 */

/** Browser tokens, most specific first: `[token before the version, name shown]`. */
const BROWSERS: readonly (readonly [string, string])[] = [
  ['Edg/', 'Edge'],
  ['OPR/', 'Opera'],
  ['Firefox/', 'Firefox'],
  ['HeadlessChrome/', 'Headless Chrome'],
  ['Chrome/', 'Chrome'],
  ['CriOS/', 'Chrome'],
  ['Version/', 'Safari'],
  ['curl/', 'curl'],
];

/** Operating systems, most specific first: `[token, name shown]`. */
const SYSTEMS: readonly (readonly [string, string])[] = [
  ['Windows', 'Windows'],
  ['Android', 'Android'],
  ['iPhone', 'iOS'],
  ['iPad', 'iPadOS'],
  ['Mac OS X', 'macOS'],
  ['CrOS', 'ChromeOS'],
  ['Linux', 'Linux'],
];

/**
 * "Browser major-version on OS", or `undefined` when no known browser is named. Only the table's
 * names and digits come out, never text from the header.
 *
 * @example
 * ```ts
 * browserName('Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36');
 * // 'Chrome 131 on Linux'
 * ```
 */
export function browserName(userAgent: string): string | undefined {
  let browser: string | undefined;
  for (const [token, name] of BROWSERS) {
    const at = userAgent.indexOf(token);
    if (at === -1) continue;
    const version = /^[0-9]+/.exec(userAgent.slice(at + token.length))?.[0];
    browser = version === undefined ? name : `${name} ${version}`;
    break;
  }
  if (browser === undefined) return undefined;
  const system = SYSTEMS.find(([token]) => userAgent.includes(token))?.[1];
  return system === undefined ? browser : `${browser} on ${system}`;
}
