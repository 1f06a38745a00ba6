/** @module The cookie-date of RFC 6265bis §5.1.1: a browser's lenient Expires parser and an IMF-fixdate writer. */
import { CookieError, type CookieErrorCode } from './errors.js';

/*
 * RFC 6265bis §5.1.1 grammar, as the scanner below implements it:
 *
 *   cookie-date     = *delimiter date-token-list *delimiter
 *   date-token-list = date-token *( 1*delimiter date-token )
 *   date-token      = 1*non-delimiter
 *
 *   delimiter       = %x09 / %x20-2F / %x3B-40 / %x5B-60 / %x7B-7E
 *   non-delimiter   = %x00-08 / %x0A-1F / DIGIT / ":" / ALPHA / %x7F-FF
 *   non-digit       = %x00-2F / %x3A-FF
 *
 *   day-of-month    = 1*2DIGIT [ non-digit *OCTET ]
 *   month           = ( "jan" / "feb" / "mar" / "apr" / "may" / "jun" /
 *                       "jul" / "aug" / "sep" / "oct" / "nov" / "dec" ) *OCTET
 *   year            = 2*4DIGIT [ non-digit *OCTET ]
 *   time            = hms-time [ non-digit *OCTET ]
 *   hms-time        = time-field ":" time-field ":" time-field
 *   time-field      = 1*2DIGIT
 *
 * The grammar is written over octets; a JavaScript string holds UTF-16 code units. Every code unit
 * above 0x7E is taken as a non-delimiter (and a non-digit), which is what the octets of its UTF-8
 * encoding (all >= 0x80) would be, so a string and its UTF-8 bytes parse alike.
 */

/**
 * The one template of every builder error about an attribute (the codec's errors table in the
 * README): `cookie <what> is invalid: <the value, quoted> (<the rule>; <the fix>)`. Internal to the
 * codec: the date writer here and the Set-Cookie builder share it.
 *
 * @example
 * ```ts
 * attributeError('path', 'app', 'it must start with "/"; write "/" + path').message;
 * // 'cookie path is invalid: "app" (it must start with "/"; write "/" + path)'
 * ```
 */
export function attributeError(
  what: string,
  value: unknown,
  rule: string,
  code: CookieErrorCode = 'ERR_COOKIE_ATTRIBUTE_INVALID',
): CookieError {
  return new CookieError(code, `cookie ${what} is invalid: ${quote(value)} (${rule})`);
}

/**
 * A value as an error message shows it, never throwing: a number, NaN, a boolean, null or undefined
 * as `String` writes it; quoted, a string (its first 40 chars), a Date as its ISO instant, and any
 * other object by its tag (its own toString could throw).
 */
function quote(value: unknown): string {
  // typeof: bigint, boolean, number and undefined print as they are.
  if (value === null || /^[bnu]/.test(typeof value)) return String(value);
  const ms = timeOf(value);
  return JSON.stringify(
    typeof value === 'string'
      ? value.length > 40
        ? `${value.slice(0, 40)}…`
        : value
      : ms === undefined
        ? Object.prototype.toString.call(value)
        : Number.isNaN(ms)
          ? 'Invalid Date'
          : new Date(ms).toISOString(),
  );
}

/**
 * The epoch milliseconds of a Date, also from another realm (where `instanceof Date` fails): NaN for
 * an invalid Date, `undefined` for anything that is not a Date.
 */
function timeOf(value: unknown): number | undefined {
  try {
    return Date.prototype.getTime.call(value);
  } catch {
    return undefined;
  }
}

/** True for a date delimiter: %x09 / %x20-2F / %x3B-40 / %x5B-60 / %x7B-7E. */
function isDelimiter(code: number): boolean {
  return (
    code === 0x09 ||
    (code >= 0x20 &&
      code < 0x7f &&
      (code < 0x30 || code > 0x3a) &&
      ((code | 0x20) - 0x61) >>> 0 > 25)
  );
}

/** time = 1*2DIGIT ":" 1*2DIGIT ":" 1*2DIGIT, then a non-digit or the end. Anchored, bounded. */
const TIME = /^(\d\d?):(\d\d?):(\d\d?)(?!\d)/;

const MONTHS = 'janfebmaraprmayjunjulaugsepoctnovdec';

/**
 * The month (0-11) the three chars at `at` name, in any ASCII case; -1 for none. (No month holds a
 * "k", the one ASCII letter a non-ASCII char lowercases to, and no month is found across the joins
 * of MONTHS, so a match at a multiple of 3 is exactly a month.)
 */
function monthAt(text: string, at: number): number {
  const found = MONTHS.indexOf(text.slice(at, at + 3).toLowerCase());
  return found % 3 === 0 ? found / 3 : -1;
}

/**
 * An IMF-fixdate (RFC 9110 §5.6.7) whose §5.1.1 reading is plain: a weekday that does not spell a
 * month (step 2.3 would take it as the month), a two-digit day, a month, a four-digit year, the time
 * and "GMT". One linear match, no backtracking.
 */
const IMF_FIXDATE =
  /(?!jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]{3}, \d\d [a-z]{3} \d{4} \d\d:\d\d:\d\d GMT/iy;

function twoDigits(text: string, at: number): number {
  return text.charCodeAt(at) * 10 + text.charCodeAt(at + 1) - 528; // 528 = 0x30 * 11
}

/**
 * Parses a cookie-date the way a browser reads an `Expires` attribute: the RFC 6265bis §5.1.1
 * algorithm, step by step. It finds a time, a day of month, a month and a year anywhere among the
 * tokens, in any order, and ignores everything else (weekdays, `GMT`, offsets, comments), so every
 * date format seen in the wild parses. Returns the instant in UTC, or `undefined` when the algorithm
 * fails to parse (a missing part, a field out of range, or a date that does not exist such as
 * 30 February). Never throws. Linear in the length of `text`.
 *
 * Follows the RFC where Chromium is looser (Chromium also takes a three-digit hour and the year 10000).
 *
 * @example
 * ```ts
 * import { parseCookieDate } from 'shortbread';
 * parseCookieDate('Wed, 21 Oct 2015 07:28:00 GMT')?.toISOString(); // '2015-10-21T07:28:00.000Z'
 * parseCookieDate('Wednesday, 21-Oct-15 07:28:00 GMT')?.getTime(); // 1445412480000
 * parseCookieDate('Thu Apr 18 22:50:12 2007');                     // Date: 2007-04-18T22:50:12Z
 * parseCookieDate('30 Feb 2020 00:00:00');                         // undefined (no such day)
 * ```
 */
export function parseCookieDate(text: string): Date | undefined {
  if (typeof text !== 'string') return undefined; // received input never throws
  const ms = parseCookieDateMs(text, 0, text.length);
  return Number.isNaN(ms) ? undefined : new Date(ms);
}

/**
 * {@link parseCookieDate} of text[from, to), as epoch milliseconds (NaN where it fails): the
 * Set-Cookie parser reads Expires in place, without a copy, and makes one Date at most.
 *
 * @example
 * ```ts
 * const line = 'Expires=Wed, 21 Oct 2015 07:28:00 GMT';
 * parseCookieDateMs(line, 8, line.length); // 1445412480000
 * ```
 */
export function parseCookieDateMs(text: string, from: number, to: number): number {
  let time = -1;
  let day = -1;
  let month = -1;
  let year = -1;
  IMF_FIXDATE.lastIndex = from;
  if (to - from === 29 && IMF_FIXDATE.test(text)) {
    // The IMF-fixdate every server writes (`Wed, 21 Oct 2015 07:28:00 GMT`): step 1's tokens are at
    // fixed places, and step 2 gives them these roles (the pattern makes sure of it).
    day = twoDigits(text, from + 5);
    month = monthAt(text, from + 8);
    year = twoDigits(text, from + 12) * 100 + twoDigits(text, from + 14);
    time =
      twoDigits(text, from + 17) * 10000 +
      twoDigits(text, from + 20) * 100 +
      twoDigits(text, from + 23);
  } else {
    // RFC 6265bis §5.1.1 step 1: the date-tokens, maximal runs of non-delimiters. Step 2: each
    // token in order goes to the first sub-step it matches whose flag is not set. (A scan, not a
    // global regex: each token is read once.)
    for (let at = from; at < to; ) {
      while (at < to && isDelimiter(text.charCodeAt(at))) at++;
      const start = at;
      while (at < to && !isDelimiter(text.charCodeAt(at))) at++;
      const token = text.slice(start, at);
      // Step 2.1: time.
      const hms = time < 0 ? TIME.exec(token) : null;
      if (hms !== null) {
        time = Number(hms[1]) * 10000 + Number(hms[2]) * 100 + Number(hms[3]);
        continue;
      }
      const digits = (/^\d*/.exec(token) as RegExpExecArray)[0];
      const named = month < 0 && token.length > 2 ? monthAt(token, 0) : -1;
      // Step 2.2: day-of-month = 1*2DIGIT, then a non-digit or the end.
      if (day < 0 && digits.length > 0 && digits.length < 3) day = Number(digits);
      // Step 2.3: month = one of the twelve names, in any case, then anything.
      else if (named >= 0) month = named;
      // Step 2.4: year = 2*4DIGIT, then a non-digit or the end.
      else if (year < 0 && digits.length > 1 && digits.length < 5) year = Number(digits);
    }
  }

  // Step 5 (first part, checked first because the steps below need the values): every part found.
  if (time < 0 || day < 0 || month < 0 || year < 0) return Number.NaN;
  // Steps 3 and 4: a year of 70-99 is in the 1900s, 0-69 in the 2000s.
  if (year < 100) year += year < 70 ? 2000 : 1900;
  const minutes = Math.floor(time / 10000) * 60 + (Math.floor(time / 100) % 100);
  // Step 5: day 1-31, year from 1601, hour <= 23, minute and second <= 59 (no leap second).
  // Step 6: the date must exist: 31 April and 29 February of a common year do not.
  if (
    day < 1 ||
    day >
      (month === 1
        ? year % 4 || (year % 100 === 0 && year % 400)
          ? 28
          : 29
        : 31 - ((month % 7) % 2)) ||
    year < 1601 ||
    time >= 240000 ||
    time % 10000 >= 6000 ||
    time % 100 >= 60
  )
    return Number.NaN;
  // Step 7: the instant. Days since the epoch by H. Hinnant's days_from_civil (a year starting in
  // March, so the leap day comes last): the same proleptic Gregorian calendar as Date.UTC, without
  // the call. Years here are >= 1601, so every quotient is of positive numbers.
  const y = month < 2 ? year - 1 : year;
  const days =
    365 * y +
    Math.floor(y / 4) -
    Math.floor(y / 100) +
    Math.floor(y / 400) +
    Math.floor((153 * ((month + 10) % 12) + 2) / 5) +
    day -
    719469;
  return (days * 1440 + minutes) * 60000 + (time % 100) * 1000;
}

/**
 * Why an Expires is refused, and what to do instead: the rule of both Expires errors.
 *
 * @example
 * ```ts
 * attributeError('expires', new Date(Number.NaN), DATE_RULE).message;
 * // 'cookie expires is invalid: "Invalid Date" (a valid Date or epoch ms of the years 1601-9999; …)'
 * ```
 */
export const DATE_RULE =
  'a valid Date or epoch ms of the years 1601-9999; delete a cookie with maxAge 0';

/** The earliest and latest instants whose IMF-fixdate a cookie-date parser reads back (years 1601-9999). */
const MIN_MS = -11644473600000; // Date.UTC(1601, 0, 1)
const MAX_MS = 253402300799999; // Date.UTC(9999, 11, 31, 23, 59, 59, 999)

const WEEKDAYS = 'SunMonTueWedThuFriSat';
const MONTH_NAMES = 'JanFebMarAprMayJunJulAugSepOctNovDec';

/** The `index`th three-letter name of `names`. */
function name(names: string, index: number): string {
  return names.slice(index * 3, index * 3 + 3);
}

function twoDigit(value: number): string {
  return value < 10 ? `0${value}` : `${value}`;
}

// formatCookieDate runs for every Set-Cookie line with Expires; responses built in the same second
// (the common case on a busy server) share one string.
let lastSecond = Number.NaN;
let lastFormatted = '';

/**
 * Writes an instant as an IMF-fixdate (RFC 9110 §5.6.7), the `sane-cookie-date` of RFC 6265bis
 * §4.1.1 that every browser reads: `Wed, 21 Oct 2015 07:28:00 GMT`. Milliseconds are dropped
 * (rounded down to the second). Accepts a `Date` or epoch milliseconds.
 *
 * Throws `CookieError` (`ERR_COOKIE_ATTRIBUTE_INVALID`) for an invalid Date or a non-finite number,
 * and for an instant outside the years 1601-9999: its Expires would not be a cookie-date (years
 * below 1601 are refused by §5.1.1 step 5, and a five-digit year by the `year` production), so a
 * browser would ignore the attribute and keep the cookie for the session instead.
 *
 * @example
 * ```ts
 * import { formatCookieDate } from 'shortbread';
 * formatCookieDate(new Date('2015-10-21T07:28:00.750Z')); // 'Wed, 21 Oct 2015 07:28:00 GMT'
 * formatCookieDate(0);                                     // 'Thu, 01 Jan 1970 00:00:00 GMT'
 * formatCookieDate(new Date('nope'));                      // throws CookieError
 * ```
 */
export function formatCookieDate(date: Date | number): string {
  const ms = typeof date === 'number' ? date : (timeOf(date) ?? Number.NaN);
  const second = Math.floor(ms / 1000);
  if (second === lastSecond) return lastFormatted;
  if (!(ms >= MIN_MS && ms <= MAX_MS)) {
    throw attributeError(
      'expires',
      Math.abs(ms) <= 8.64e15 ? new Date(ms) : typeof date === 'number' ? String(date) : date,
      DATE_RULE,
    );
  }
  // The IMF-fixdate, as toUTCString writes it for these years, at a third of its cost: the date from
  // Date's UTC getters, the time of day by arithmetic (also right before 1970).
  const utc = new Date(second * 1000);
  const time = second - Math.floor(second / 86400) * 86400;
  lastSecond = second;
  lastFormatted = `${name(WEEKDAYS, utc.getUTCDay())}, ${twoDigit(utc.getUTCDate())} ${name(MONTH_NAMES, utc.getUTCMonth())} ${utc.getUTCFullYear()} ${twoDigit(Math.floor(time / 3600))}:${twoDigit(Math.floor(time / 60) % 60)}:${twoDigit(time % 60)} GMT`;
  return lastFormatted;
}
