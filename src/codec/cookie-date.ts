/**
 * @module The cookie-date of RFC 6265bis §5.1.1: a browser's lenient Expires parser and an IMF-fixdate writer.
 *
 * Section numbers (§) of RFC 6265bis are those of draft-ietf-httpbis-rfc6265bis-22.
 */
import { cookieError } from './errors.js';

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

/** The month names as an IMF-fixdate writes them, three letters each. */
const MONTH_NAMES = 'JanFebMarAprMayJunJulAugSepOctNovDec';
const MONTHS = /* @__PURE__ */ MONTH_NAMES.toLowerCase();

/**
 * The month (0-11) the three chars at `at` name, in any ASCII case; -1 for none. (No month holds a
 * "k", the one ASCII letter a non-ASCII char lowercases to, and no month is found across the joins
 * of MONTHS, so a match at a multiple of 3 is exactly a month.)
 */
function monthAt(text: string, at: number): number {
  const found = MONTHS.indexOf(text.slice(at, at + 3).toLowerCase());
  return found % 3 ? -1 : found / 3;
}

/**
 * An IMF-fixdate (RFC 9110 §5.6.7) whose §5.1.1 reading is plain: a weekday that does not spell a
 * month (step 2.3 would take it as the month), a two-digit day, a month, a four-digit year, the time
 * and "GMT". One linear match, no backtracking.
 */
const IMF_FIXDATE =
  /(?!jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]{3}, \d\d [a-z]{3} \d{4} \d\d:\d\d:\d\d GMT/iy;

/** The two-digit number at `at`: 528 = 0x30 * 11. */
function twoDigits(text: string, at: number): number {
  return text.charCodeAt(at) * 10 + text.charCodeAt(at + 1) - 528;
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
  IMF_FIXDATE.lastIndex = from;
  if (to - from !== 29 || !IMF_FIXDATE.test(text)) return scanCookieDate(text, from, to);
  // The IMF-fixdate every server writes (`Wed, 21 Oct 2015 07:28:00 GMT`): step 1's tokens are at
  // fixed places, and step 2 gives them these roles (the pattern makes sure of it). Read in place:
  // a tenth of the cost of the general scan.
  return instantOf(
    twoDigits(text, from + 12) * 100 + twoDigits(text, from + 14),
    monthAt(text, from + 8),
    twoDigits(text, from + 5),
    twoDigits(text, from + 17),
    twoDigits(text, from + 20),
    twoDigits(text, from + 23),
  );
}

/** RFC 6265bis §5.1.1 steps 1-2 on text[from, to), any date format; then {@link instantOf}. */
function scanCookieDate(text: string, from: number, to: number): number {
  let hour = -1;
  let minute = 0;
  let second = 0;
  let day = -1;
  let month = -1;
  let year = -1;
  // Step 1: the date-tokens, maximal runs of non-delimiters. Step 2: each token in order goes to
  // the first sub-step it matches whose flag is not set. (A scan, not a global regex: each token
  // is read once.)
  for (let at = from; at < to; ) {
    while (at < to && isDelimiter(text.charCodeAt(at))) at++;
    const start = at;
    while (at < to && !isDelimiter(text.charCodeAt(at))) at++;
    const token = text.slice(start, at);
    // Step 2.1: time.
    const time = hour < 0 ? TIME.exec(token) : null;
    if (time !== null) {
      hour = +(time[1] as string);
      minute = +(time[2] as string);
      second = +(time[3] as string);
      continue;
    }
    const digits = (/^\d*/.exec(token) as RegExpExecArray)[0];
    const named = month < 0 && token.length > 2 ? monthAt(token, 0) : -1;
    // Step 2.2: day-of-month = 1*2DIGIT, then a non-digit or the end.
    if (day < 0 && digits.length > 0 && digits.length < 3) day = +digits;
    // Step 2.3: month = one of the twelve names, in any case, then anything.
    else if (named >= 0) month = named;
    // Step 2.4: year = 2*4DIGIT, then a non-digit or the end.
    else if (year < 0 && digits.length > 1 && digits.length < 5) year = +digits;
  }
  return instantOf(year, month, day, hour, minute, second);
}

/**
 * RFC 6265bis §5.1.1 steps 3-7 on the parts steps 1-2 found (-1 for one not found, month 0-11):
 * the instant in epoch milliseconds, or NaN where the date fails.
 */
function instantOf(
  year: number,
  month: number,
  day: number,
  hour: number,
  minute: number,
  second: number,
): number {
  // Steps 3 and 4: a year of 70-99 is in the 1900s, 0-69 in the 2000s.
  if (year >= 0 && year < 100) year += year < 70 ? 2000 : 1900;
  // Step 5: every part found, day 1-31, year from 1601, hour <= 23, minute and second <= 59 (no
  // leap second). Step 6: the date must exist: 31 April and 29 February of a common year do not.
  if (
    hour < 0 ||
    month < 0 ||
    day < 1 ||
    day >
      (month === 1
        ? year % 4 || (year % 100 === 0 && year % 400)
          ? 28
          : 29
        : 31 - ((month % 7) % 2)) ||
    year < 1601 ||
    hour > 23 ||
    minute > 59 ||
    second > 59
  )
    return NaN;
  // Step 7: the instant. Days since the epoch by H. Hinnant's days_from_civil (a year starting in
  // March, so the leap day comes last): the calendar of Date.UTC at a fraction of its cost. Years
  // here are >= 1601, so every quotient is of positive numbers.
  const y = month < 2 ? year - 1 : year;
  const days =
    365 * y +
    Math.floor(y / 4) -
    Math.floor(y / 100) +
    Math.floor(y / 400) +
    Math.floor((153 * ((month + 10) % 12) + 2) / 5) +
    day -
    719469;
  return ((days * 24 + hour) * 60 + minute) * 60000 + second * 1000;
}

/**
 * Why an Expires is refused, and what to do instead: the rule of both Expires errors.
 *
 * @example
 * ```ts
 * cookieError('ERR_COOKIE_ATTRIBUTE_INVALID', 'cookie expires', new Date(NaN), DATE_RULE).message;
 * // 'cookie expires is invalid: "Invalid Date" (a valid Date or epoch ms of the years 1601-9999; …)'
 * ```
 */
export const DATE_RULE = 'a valid Date or epoch ms of the years 1601-9999; use maxAge 0 to delete';

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
  let ms = NaN;
  try {
    // Also a Date of another realm; anything else that is no Date throws and stays NaN.
    ms = typeof date === 'number' ? date : Date.prototype.getTime.call(date);
  } catch {}
  // Date.UTC(1601, 0, 1) to Date.UTC(9999, 11, 31, 23, 59, 59, 999).
  if (!(ms >= -11644473600000 && ms <= 253402300799999)) {
    throw cookieError(
      'ERR_COOKIE_ATTRIBUTE_INVALID',
      'cookie expires',
      Math.abs(ms) <= 8.64e15 ? new Date(ms) : typeof date === 'number' ? String(date) : date,
      DATE_RULE,
    );
  }
  return imfFixdate(Math.floor(ms / 1000));
}

/** The weekdays, three letters each, from the epoch's: 1 January 1970 was a Thursday. */
const WEEKDAYS = 'ThuFriSatSunMonTueWed';

/** A field of 0-99 in two digits. */
function twoDigit(n: number): string {
  return n < 10 ? `0${n}` : `${n}`;
}

/**
 * The IMF-fixdate (RFC 9110 §5.6.7) of `seconds` since the epoch, for the years 1601-9999 (four
 * digits). What `toUTCString` writes for these years (ECMA-262 §21.4.4.43), written here by
 * arithmetic: the date from H. Hinnant's civil_from_days (a year starting in March, so the leap day
 * comes last), at a fraction of the cost of a Date and its formatter.
 */
function imfFixdate(seconds: number): string {
  const days = Math.floor(seconds / 86400);
  let rest = seconds - days * 86400;
  const hour = Math.floor(rest / 3600);
  rest -= hour * 3600;
  const minute = Math.floor(rest / 60);
  const z = days + 719468;
  const era = Math.floor(z / 146097);
  const dayOfEra = z - era * 146097;
  const yearOfEra = Math.floor(
    (dayOfEra -
      Math.floor(dayOfEra / 1460) +
      Math.floor(dayOfEra / 36524) -
      Math.floor(dayOfEra / 146096)) /
      365,
  );
  const dayOfYear =
    dayOfEra - (365 * yearOfEra + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100));
  const marchMonth = Math.floor((5 * dayOfYear + 2) / 153);
  const day = dayOfYear - Math.floor((153 * marchMonth + 2) / 5) + 1;
  const month = marchMonth < 10 ? marchMonth + 2 : marchMonth - 10;
  const year = yearOfEra + era * 400 + (month < 2 ? 1 : 0);
  const weekday = (((days % 7) + 7) % 7) * 3;
  return `${WEEKDAYS.slice(weekday, weekday + 3)}, ${twoDigit(day)} ${MONTH_NAMES.slice(month * 3, month * 3 + 3)} ${year} ${twoDigit(hour)}:${twoDigit(minute)}:${twoDigit(rest - minute * 60)} GMT`;
}
