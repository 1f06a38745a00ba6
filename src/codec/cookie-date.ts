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
 * README): `cookie <what> is invalid: <the value, quoted> (<the rule>; <the fix>)`.
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

/** True for the date delimiters: %x09 / %x20-2F / %x3B-40 / %x5B-60 / %x7B-7E. */
function isDelimiter(code: number): boolean {
  return code === 0x09 || (code >= 0x20 && code < 0x7f && !isDigitOrColon(code) && !isLetter(code));
}

function isDigitOrColon(code: number): boolean {
  return code >= 0x30 && code <= 0x3a;
}

function isLetter(code: number): boolean {
  return ((code | 0x20) - 0x61) >>> 0 < 26;
}

/** The digit at `at` (0-9) if there is one before `end`, else -1. */
function digitAt(text: string, at: number, end: number): number {
  const digit = text.charCodeAt(at) - 0x30;
  return at < end && digit >= 0 && digit <= 9 ? digit : -1;
}

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
 * The time token at [start, end) as `hour * 10000 + minute * 100 + second`, or -1 when it does not
 * match `time` (each field 1*2DIGIT, fields joined by ":", then a non-digit or the end).
 */
function timeAt(text: string, start: number, end: number): number {
  let time = 0;
  let at = start;
  for (let field = 0; field < 3; field++) {
    if (field > 0 && (at >= end || text.charCodeAt(at++) !== 0x3a)) return -1;
    let value = digitAt(text, at++, end);
    if (value < 0) return -1;
    const second = digitAt(text, at, end);
    if (second >= 0) {
      value = value * 10 + second;
      at++;
    }
    time = time * 100 + value;
  }
  return digitAt(text, at, end) < 0 ? time : -1;
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
    for (let at = from; at < to; ) {
      // RFC 6265bis §5.1.1 step 1: the date-tokens are the maximal runs of non-delimiters.
      while (at < to && isDelimiter(text.charCodeAt(at))) at++;
      const start = at;
      while (at < to && !isDelimiter(text.charCodeAt(at))) at++;
      // Step 2: each token in order goes to the first sub-step it matches whose flag is not set.
      // `digits` leading digits, worth `value` (the first four of them).
      let digits = 0;
      let value = 0;
      while (digitAt(text, start + digits, at) >= 0) {
        if (digits < 4) value = value * 10 + digitAt(text, start + digits, at);
        digits++;
      }
      // Step 2.1: time.
      if (time < 0) {
        time = timeAt(text, start, at);
        if (time >= 0) continue;
      }
      const named = month < 0 && at - start > 2 ? monthAt(text, start) : -1;
      // Step 2.2: day-of-month = 1*2DIGIT, then a non-digit or the end.
      if (day < 0 && digits > 0 && digits < 3) day = value;
      // Step 2.3: month = one of the twelve names, in any case, then anything.
      else if (named >= 0) month = named;
      // Step 2.4: year = 2*4DIGIT, then a non-digit or the end.
      else if (year < 0 && digits > 1 && digits < 5) year = value;
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

/** The earliest and latest instants whose IMF-fixdate a cookie-date parser reads back (years 1601-9999). */
const MIN_MS = -11644473600000; // Date.UTC(1601, 0, 1)
const MAX_MS = 253402300799999; // Date.UTC(9999, 11, 31, 23, 59, 59, 999)

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
      'a valid Date or epoch milliseconds in the years 1601-9999, which a cookie-date can hold; to delete a cookie use maxAge 0',
    );
  }
  // toUTCString writes exactly the IMF-fixdate for these years (ECMA-262 §21.4.4.43).
  lastSecond = second;
  lastFormatted = new Date(second * 1000).toUTCString();
  return lastFormatted;
}
