/**
 * @module Domain matching of RFC 6265bis §5.1.3, host canonicalization (§5.1.2), and what counts as a
 * secure origin for cookies (Chromium: https, wss, and the loopback names).
 */

/**
 * True when `host` is an IP address literal (IPv4 dotted quad, or a bracketed/bare IPv6 address).
 * Linear: one pass over the string.
 *
 * @example
 * ```ts
 * isIpAddress('127.0.0.1'); // true
 * isIpAddress('[::1]'); // true
 * isIpAddress('example.com'); // false
 * ```
 */
export function isIpAddress(host: string): boolean {
  if (host.length === 0) return false;
  if (host.charCodeAt(0) === 0x5b || host.indexOf(':') !== -1) return true;
  let dots = 0;
  let digits = 0;
  for (let i = 0; i < host.length; i++) {
    const c = host.charCodeAt(i);
    if (c === 0x2e) {
      if (digits === 0) return false;
      dots++;
      digits = 0;
    } else if (c >= 0x30 && c <= 0x39) {
      digits++;
      if (digits > 3) return false;
    } else return false;
  }
  return dots === 3 && digits > 0;
}

/**
 * RFC 6265bis §5.1.3: does `host` (canonical) domain-match `domain` (canonical)?
 *
 * @example
 * ```ts
 * domainMatch('www.example.com', 'example.com'); // true
 * domainMatch('example.com', 'example.com'); // true
 * domainMatch('badexample.com', 'example.com'); // false
 * domainMatch('1.2.3.4', '2.3.4'); // false (IP addresses match only themselves)
 * ```
 */
export function domainMatch(host: string, domain: string): boolean {
  // §5.1.3: "The domain string and the string are identical."
  if (host === domain) return true;
  // §5.1.3: "The domain string is a suffix of the string,"
  const index = host.length - domain.length;
  if (index <= 0 || !host.endsWith(domain)) return false;
  // "the last character of the string that is not included in the domain string is '.',"
  if (host.charCodeAt(index - 1) !== 0x2e) return false;
  // "and the string is a host name (i.e., not an IP address)."
  return !isIpAddress(host);
}

/**
 * RFC 6265bis §5.1.2: the canonical form of a Domain attribute value: lowercase, and a non-ASCII name
 * converted to its IDNA A-label form. `undefined` when it is not a valid host name.
 *
 * @example
 * ```ts
 * canonicalizeDomain('Example.COM'); // 'example.com'
 * canonicalizeDomain('bücher.example'); // 'xn--bcher-kva.example'
 * ```
 */
export function canonicalizeDomain(domain: string): string | undefined {
  let ascii = true;
  for (let i = 0; i < domain.length; i++) {
    const c = domain.charCodeAt(i);
    if (c > 0x7f) {
      ascii = false;
      break;
    }
    // Characters a URL host may not hold make the attribute unusable (Chromium rejects the cookie).
    if (c <= 0x20 || c === 0x2f || c === 0x3f || c === 0x23 || c === 0x40 || c === 0x5c)
      return undefined;
  }
  if (ascii && domain.indexOf('%') === -1) return domain.toLowerCase();
  try {
    return new URL(`http://${domain}/`).hostname;
  } catch {
    return undefined;
  }
}

/**
 * Whether cookies set or read at `url` count as coming from a secure origin: `https:`/`wss:`, or a
 * loopback host (`localhost`, `*.localhost`, `127.0.0.0/8`, `[::1]`), as Chromium treats potentially
 * trustworthy origins.
 *
 * @example
 * ```ts
 * isSecureOrigin(new URL('https://example.com/')); // true
 * isSecureOrigin(new URL('http://localhost:3000/')); // true
 * isSecureOrigin(new URL('http://example.com/')); // false
 * ```
 */
export function isSecureOrigin(url: URL): boolean {
  if (url.protocol === 'https:' || url.protocol === 'wss:') return true;
  const host = url.hostname;
  if (host === 'localhost' || host.endsWith('.localhost') || host === '[::1]') return true;
  return host.startsWith('127.') && isIpAddress(host);
}
