/** @module The default-path and path-match algorithms of RFC 6265bis §5.1.4. */

/**
 * RFC 6265bis §5.1.4: the default-path of a request URI path (the directory of the resource).
 *
 * @example
 * ```ts
 * defaultPath('/docs/page.html'); // '/docs'
 * defaultPath('/page'); // '/'
 * defaultPath(''); // '/'
 * ```
 */
export function defaultPath(uriPath: string): string {
  // §5.1.4 step 2: empty, or not starting with "/", gives "/".
  if (uriPath.charCodeAt(0) !== 0x2f) return '/';
  // §5.1.4 step 3: a single "/" gives "/".
  const lastSlash = uriPath.lastIndexOf('/');
  if (lastSlash === 0) return '/';
  // §5.1.4 step 4: up to, but not including, the right-most "/".
  return uriPath.slice(0, lastSlash);
}

/**
 * RFC 6265bis §5.1.4: does the request path path-match the cookie path?
 *
 * @example
 * ```ts
 * pathMatch('/docs/page', '/docs'); // true
 * pathMatch('/docs', '/docs/'); // false
 * pathMatch('/docsearch', '/docs'); // false
 * ```
 */
export function pathMatch(requestPath: string, cookiePath: string): boolean {
  // §5.1.4: "The cookie-path and the request-path are identical."
  if (requestPath === cookiePath) return true;
  if (!requestPath.startsWith(cookiePath)) return false;
  // "The cookie-path is a prefix of the request-path, and the last character of the cookie-path is '/'."
  if (cookiePath.charCodeAt(cookiePath.length - 1) === 0x2f) return true;
  // "... and the first character of the request-path that is not included in the cookie-path is '/'."
  return requestPath.charCodeAt(cookiePath.length) === 0x2f;
}
