/**
 * @module The checks of `shortbread lint`: what is wrong, risky or ignored in one `Set-Cookie` line,
 * each problem with a severity and a rule id.
 */
import { formatCookieDate, parseCookieDate } from '../codec/cookie-date.js';
import { isRejectedControl } from '../codec/grammar.js';
import {
  ATTRIBUTE_VALUE_MAX_BYTES,
  MAX_AGE_LIMIT_SECONDS,
  NAME_VALUE_MAX_BYTES,
} from '../codec/limits.js';
import { prefixViolation } from '../codec/prefixes.js';
import { parseSetCookie } from '../codec/set-cookie.js';
import { trimWsp } from '../internal/trim-wsp.js';
import { isPublicSuffix } from '../jar/public-suffix.js';

/**
 * `error`: a browser refuses the cookie or it breaks a rule that matters; `warning`: a browser
 * changes or ignores part of it, or it is unsafe; `info`: legal but worth a look.
 *
 * @example
 * ```ts
 * const s: LintSeverity = 'warning';
 * ```
 */
export type LintSeverity = 'error' | 'warning' | 'info';

/**
 * One problem found.
 *
 * @example
 * ```ts
 * const p: LintProblem = { severity: 'error', rule: 'samesite-none-insecure', message: '...' };
 * ```
 */
export interface LintProblem {
  readonly severity: LintSeverity;
  /** Stable id of the rule, e.g. `samesite-none-insecure`. */
  readonly rule: string;
  readonly message: string;
}

/** One attribute as written, before a browser interprets it. */
interface RawAttribute {
  /** Lowercased name. */
  readonly key: string;
  /** As written (trimmed). */
  readonly name: string;
  /** Trimmed value, `undefined` when there is no `=`. */
  readonly value: string | undefined;
}

interface RawLine {
  readonly name: string;
  readonly value: string;
  readonly attributes: readonly RawAttribute[];
}

const encoder = new TextEncoder();
const bytes = (text: string): number => encoder.encode(text).length;

/** `text` without its leading and trailing WSP (SP, HTAB), as §5.6 trims. */
const trim = (text: string): string => trimWsp(text, 0, text.length);

/** Split a line the way RFC 6265bis §5.6 steps 2-3 and §5.6 attribute parsing do, keeping repeats. */
function tokenize(line: string): RawLine {
  const parts = line.split(';');
  const pair = parts[0] ?? '';
  const eq = pair.indexOf('=');
  const name = eq < 0 ? '' : trim(pair.slice(0, eq));
  const value = trim(eq < 0 ? pair : pair.slice(eq + 1));
  const attributes: RawAttribute[] = [];
  for (const part of parts.slice(1)) {
    const at = part.indexOf('=');
    const attrName = trim(at < 0 ? part : part.slice(0, at));
    if (attrName === '' && at < 0) continue;
    attributes.push({
      key: attrName.toLowerCase(),
      name: attrName,
      value: at < 0 ? undefined : trim(part.slice(at + 1)),
    });
  }
  return { name, value, attributes };
}

const KNOWN = new Map([
  ['expires', 'Expires'],
  ['max-age', 'Max-Age'],
  ['domain', 'Domain'],
  ['path', 'Path'],
  ['secure', 'Secure'],
  ['httponly', 'HttpOnly'],
  ['samesite', 'SameSite'],
  ['partitioned', 'Partitioned'],
  ['priority', 'Priority'],
]);
const FLAGS = new Set(['secure', 'httponly', 'partitioned']);

/** Names that usually hold a session or a credential. */
const SESSION_HINTS = ['sess', 'sid', 'token', 'auth', 'jwt', 'login', 'remember', 'csrf', 'xsrf'];

/**
 * Whether a cookie name looks like it holds a session or credential (`session`, `connect.sid`,
 * `PHPSESSID`, `auth_token`, `remember_me`, `csrftoken`...).
 *
 * @example
 * ```ts
 * isSessionLike('JSESSIONID'); // true
 * isSessionLike('theme'); // false
 * ```
 */
export function isSessionLike(name: string): boolean {
  const lower = name.toLowerCase();
  return SESSION_HINTS.some((hint) => lower.includes(hint));
}

/** RFC 6265bis §4.1.1 cookie-octet: %x21 / %x23-2B / %x2D-3A / %x3C-5B / %x5D-7E. */
function isCookieOctet(code: number): boolean {
  return (
    code === 0x21 ||
    (code >= 0x23 && code <= 0x2b) ||
    (code >= 0x2d && code <= 0x3a) ||
    (code >= 0x3c && code <= 0x5b) ||
    (code >= 0x5d && code <= 0x7e)
  );
}

/** RFC 9110 §5.6.2 tchar. */
function isTchar(code: number): boolean {
  if (code <= 0x20 || code >= 0x7f) return false;
  return !'()<>@,;:\\"/[]?={}'.includes(String.fromCharCode(code));
}

const DAY_MS = 86_400_000;

/**
 * Options of {@link lintSetCookie}.
 *
 * @example
 * ```ts
 * lintSetCookie('a=1', { now: Date.UTC(2026, 0, 1) });
 * ```
 */
export interface LintOptions {
  /** The clock for Expires checks, epoch milliseconds. @default Date.now() */
  readonly now?: number;
}

/**
 * Every problem of one `Set-Cookie` line, most severe first. Linear in the line's length.
 *
 * @example
 * ```ts
 * lintSetCookie('sid=1; SameSite=None').map((p) => p.rule);
 * // ['samesite-none-insecure', 'session-missing-secure', 'session-missing-httponly']
 * ```
 */
export function lintSetCookie(line: string, options: LintOptions = {}): LintProblem[] {
  const now = options.now ?? Date.now();
  const problems: LintProblem[] = [];
  const add = (severity: LintSeverity, rule: string, message: string): void => {
    problems.push({ severity, rule, message });
  };

  // RFC 6265bis §5.6 step 1: one control character (HTAB aside) and the whole line is ignored.
  for (let i = 0; i < line.length; i++) {
    const code = line.charCodeAt(i);
    if (isRejectedControl(code)) {
      add(
        'error',
        'control-character',
        `control character \\x${code.toString(16).padStart(2, '0')} at offset ${i}: browsers ignore the whole line (remove it, or percent-encode the value)`,
      );
      return problems;
    }
  }

  const raw = tokenize(line);
  const parsed = parseSetCookie(line, { now, maxAgeLimit: Number.POSITIVE_INFINITY });
  const pairBytes = bytes(raw.name) + bytes(raw.value);

  // §5.6 step 4: name + value over 4096 octets ignores the line.
  if (pairBytes > NAME_VALUE_MAX_BYTES) {
    add(
      'error',
      'name-value-too-large',
      `name and value are ${pairBytes} bytes, over the limit of ${NAME_VALUE_MAX_BYTES}: browsers ignore the cookie (store less, or keep it server-side)`,
    );
  }
  if (raw.name === '' && raw.value === '') {
    add(
      'error',
      'empty-cookie',
      'no name and no value: browsers ignore the line (write name=value first)',
    );
  }
  // Not in RFC 6265bis (Chromium): a tab inside the name, the value or an attribute value.
  if (
    raw.name.includes('\t') ||
    raw.value.includes('\t') ||
    raw.attributes.some((a) => a.value?.includes('\t') === true)
  ) {
    add(
      'error',
      'tab-character',
      'a tab inside the name, value or an attribute value: Chromium ignores the whole line (percent-encode it as %09)',
    );
  }
  if (parsed === undefined) {
    if (problems.length === 0) {
      add('error', 'ignored-line', 'browsers ignore this line (check the name=value part)');
    }
    return sortProblems(problems);
  }

  if (raw.name === '') {
    add(
      'warning',
      'nameless-cookie',
      `no "=" in the name-value part: browsers store a cookie with an empty name and value ${JSON.stringify(raw.value)} (write name=value)`,
    );
  } else if (![...raw.name].every((ch) => isTchar(ch.charCodeAt(0)))) {
    add(
      'info',
      'name-not-token',
      `name ${JSON.stringify(raw.name)} has characters outside an HTTP token: browsers keep it, many servers cannot read it (use letters, digits and !#$%&'*+-.^_\`|~)`,
    );
  }
  const unquoted =
    raw.value.length >= 2 && raw.value.startsWith('"') && raw.value.endsWith('"')
      ? raw.value.slice(1, -1)
      : raw.value;
  if (![...unquoted].every((ch) => isCookieOctet(ch.charCodeAt(0)))) {
    add(
      'info',
      'value-not-cookie-octets',
      'the value has spaces, commas, quotes, backslashes or non-ASCII: browsers keep it, some servers split or reject it (percent-encode the value)',
    );
  }

  // Attributes: repeats, oversized values, and the ones a browser ignores.
  const counts = new Map<string, RawAttribute[]>();
  for (const attribute of raw.attributes) {
    const list = counts.get(attribute.key) ?? [];
    list.push(attribute);
    counts.set(attribute.key, list);
    const size = attribute.value === undefined ? 0 : bytes(attribute.value);
    if (size > ATTRIBUTE_VALUE_MAX_BYTES) {
      add(
        'warning',
        'attribute-too-large',
        `${attribute.name} value is ${size} bytes, over ${ATTRIBUTE_VALUE_MAX_BYTES}: browsers ignore the attribute (shorten it)`,
      );
    }
  }
  for (const [key, list] of counts) {
    const label = KNOWN.get(key);
    if (label === undefined || list.length < 2) continue;
    const last = list[list.length - 1] as RawAttribute;
    if (FLAGS.has(key)) {
      add('info', 'duplicate-attribute', `${label} appears ${list.length} times (write it once)`);
    } else {
      add(
        'warning',
        'duplicate-attribute',
        `${label} appears ${list.length} times: browsers use the last one, ${JSON.stringify(last.value ?? '')} (write it once)`,
      );
    }
  }

  // §5.6.1: Expires.
  // When an attribute repeats only the last one counts (Chromium), so only the last is checked.
  const lastOf = (key: string): RawAttribute[] => counts.get(key)?.slice(-1) ?? [];
  for (const attribute of lastOf('expires')) {
    const text = attribute.value ?? '';
    const date = parseCookieDate(text);
    if (date === undefined) {
      add(
        'warning',
        'invalid-expires',
        `Expires=${JSON.stringify(text)} is not a date a browser reads: it is ignored and the cookie ends with the browser session (write ${formatCookieDate(now + 30 * DAY_MS)} style, or use Max-Age)`,
      );
    } else if (formatCookieDate(date) !== text) {
      add(
        'info',
        'expires-not-imf-fixdate',
        `Expires=${JSON.stringify(text)} is read as ${formatCookieDate(date)}; write the IMF-fixdate form`,
      );
    }
  }
  // §5.6.2: Max-Age must be an optional "-" and digits.
  for (const attribute of lastOf('max-age')) {
    const text = attribute.value ?? '';
    const digits = text.startsWith('-') ? text.slice(1) : text;
    if (digits === '' || ![...digits].every((ch) => ch >= '0' && ch <= '9')) {
      add(
        'warning',
        'invalid-max-age',
        `Max-Age=${JSON.stringify(text)} is not an integer: browsers ignore it (write whole seconds, e.g. Max-Age=3600)`,
      );
    }
  }
  if (parsed.maxAge !== undefined && parsed.maxAge > MAX_AGE_LIMIT_SECONDS) {
    add(
      'warning',
      'max-age-too-long',
      `Max-Age=${parsed.maxAge} is over 400 days: browsers cap it at ${MAX_AGE_LIMIT_SECONDS} (RFC 6265bis §5.6.2; ask for 400 days or less)`,
    );
  }
  if (parsed.expires !== undefined) {
    const at = parsed.expires.getTime();
    if (at > now + MAX_AGE_LIMIT_SECONDS * 1000) {
      add(
        'warning',
        'expires-too-far',
        `Expires ${formatCookieDate(at)} is more than 400 days away: browsers cap it (RFC 6265bis §5.6.1; ask for 400 days or less)`,
      );
    }
    if (at <= now && parsed.maxAge === undefined && parsed.value !== '') {
      add(
        'warning',
        'expires-in-past',
        `Expires ${formatCookieDate(at)} is in the past: browsers delete the cookie instead of storing ${JSON.stringify(parsed.value)} (set a future date; to delete, send an empty value)`,
      );
    }
  }
  if (parsed.maxAge !== undefined && parsed.maxAge <= 0 && parsed.value !== '') {
    add(
      'info',
      'max-age-deletes',
      `Max-Age=${parsed.maxAge} deletes the cookie; the value ${JSON.stringify(parsed.value)} is never stored`,
    );
  }

  // §5.6.4: a Path that does not start with "/" is ignored.
  for (const attribute of lastOf('path')) {
    if (!(attribute.value ?? '').startsWith('/')) {
      add(
        'warning',
        'invalid-path',
        `Path=${JSON.stringify(attribute.value ?? '')} does not start with "/": browsers ignore it and use the request's directory (write Path=/...)`,
      );
    }
  }

  // §5.6.7: SameSite.
  const sameSiteAttribute = counts.get('samesite')?.at(-1);
  if (sameSiteAttribute !== undefined && parsed.sameSite === undefined) {
    add(
      'warning',
      'invalid-samesite',
      `SameSite=${JSON.stringify(sameSiteAttribute.value ?? '')} is not Strict, Lax or None: browsers ignore it (Chromium then treats the cookie as Lax)`,
    );
  }
  // §5.7 step 18 (Chromium): SameSite=None needs Secure.
  if (parsed.sameSite === 'none' && !parsed.secure) {
    add(
      'error',
      'samesite-none-insecure',
      'SameSite=None without Secure: browsers reject the cookie (add Secure)',
    );
  }
  // CHIPS: Partitioned needs Secure.
  if (parsed.partitioned && !parsed.secure) {
    add(
      'error',
      'partitioned-insecure',
      'Partitioned without Secure: browsers reject the cookie (add Secure)',
    );
  }
  // §5.7 step 9: a Domain that is a public suffix is refused (unless the host is that very name,
  // which then gets a host-only cookie). Single labels and IP addresses are left to the host check.
  const domain = parsed.domain;
  if (
    domain?.includes('.') &&
    ![...domain].every((ch) => ch === '.' || (ch >= '0' && ch <= '9')) &&
    !domain.includes(':') &&
    isPublicSuffix(domain)
  ) {
    add(
      'error',
      'domain-public-suffix',
      `Domain=${domain} is a public suffix: browsers reject the cookie from any other host (name your own domain, e.g. Domain=example.${domain})`,
    );
  }
  // §4.1.3: __Secure- / __Host- prefixes.
  const violation = prefixViolation(parsed.name, parsed);
  if (violation !== undefined) {
    add('error', 'prefix-violation', `browsers reject the cookie: ${violation}`);
  }

  if (isSessionLike(parsed.name)) {
    const cleared = parsed.value === '' || (parsed.maxAge !== undefined && parsed.maxAge <= 0);
    if (!cleared) {
      if (!parsed.secure) {
        add(
          'warning',
          'session-missing-secure',
          `${JSON.stringify(parsed.name)} looks like a session or credential cookie but is not Secure: it is sent over plain HTTP (add Secure)`,
        );
      }
      const lower = parsed.name.toLowerCase();
      const readByScript = lower.includes('csrf') || lower.includes('xsrf');
      if (!parsed.httpOnly && !readByScript) {
        add(
          'warning',
          'session-missing-httponly',
          `${JSON.stringify(parsed.name)} looks like a session or credential cookie but is not HttpOnly: any script on the page can read it (add HttpOnly)`,
        );
      }
      if (sameSiteAttribute === undefined) {
        add(
          'warning',
          'session-missing-samesite',
          `${JSON.stringify(parsed.name)} has no SameSite: Chromium treats it as Lax, other browsers may send it cross-site (add SameSite=Lax or Strict)`,
        );
      }
    }
  }
  return sortProblems(problems);
}

const RANK: Record<LintSeverity, number> = { error: 0, warning: 1, info: 2 };

function sortProblems(problems: LintProblem[]): LintProblem[] {
  return problems.sort((a, b) => RANK[a.severity] - RANK[b.severity]);
}
