/** @module The cookie-date of RFC 6265bis §5.1.1: a browser's lenient Expires parser and an IMF-fixdate writer. */
import { CookieError } from './errors.js';

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

/** 1 at the code units that are delimiters (%x09 / %x20-2F / %x3B-40 / %x5B-60 / %x7B-7E). */
const DELIMITER = /* @__PURE__ */ (() => {
  const table = new Uint8Array(128);
  table[0x09] = 1;
  for (let c = 0x20; c <= 0x2f; c++) table[c] = 1;
  for (let c = 0x3b; c <= 0x40; c++) table[c] = 1;
  for (let c = 0x5b; c <= 0x60; c++) table[c] = 1;
  for (let c = 0x7b; c <= 0x7e; c++) table[c] = 1;
  return table;
})();

function isDelimiter(code: number): boolean {
  return code < 128 && DELIMITER[code] === 1;
}

function isDigit(code: number): boolean {
  return code >= 0x30 && code <= 0x39;
}

/** Where the last {@link readTimeField} stopped: module state, so the hot path allocates nothing. */
let fieldEnd = 0;

/**
 * Reads a time-field (1*2DIGIT) at `i`, not past `end`: its value, with {@link fieldEnd} set to the
 * index after it; -1 when there is no digit at `i`. A third digit is left for the caller to judge.
 */
function readTimeField(text: string, i: number, end: number): number {
  if (i >= end || !isDigit(text.charCodeAt(i))) return -1;
  let value = text.charCodeAt(i) - 0x30;
  i++;
  if (i < end && isDigit(text.charCodeAt(i))) {
    value = value * 10 + (text.charCodeAt(i) - 0x30);
    i++;
  }
  fieldEnd = i;
  return value;
}

/** Token in [start, end) matches `time`: `hour * 10000 + minute * 100 + second` (each < 100), else -1. */
function matchTime(text: string, start: number, end: number): number {
  // hms-time = time-field ":" time-field ":" time-field
  const hour = readTimeField(text, start, end);
  if (hour < 0 || fieldEnd >= end || text.charCodeAt(fieldEnd) !== 0x3a) return -1;
  const minute = readTimeField(text, fieldEnd + 1, end);
  if (minute < 0 || fieldEnd >= end || text.charCodeAt(fieldEnd) !== 0x3a) return -1;
  const second = readTimeField(text, fieldEnd + 1, end);
  if (second < 0) return -1;
  // time = hms-time [ non-digit *OCTET ]: a third digit in the last field means no match.
  if (fieldEnd < end && isDigit(text.charCodeAt(fieldEnd))) return -1;
  return hour * 10000 + minute * 100 + second;
}

/** Token in [start, end) matches `min*maxDIGIT [ non-digit *OCTET ]`: the number, else -1. */
function matchDigits(text: string, start: number, end: number, min: number, max: number): number {
  let value = 0;
  let i = start;
  while (i < end && isDigit(text.charCodeAt(i))) {
    if (i - start === max) return -1; // one digit too many: the next octet is not a non-digit
    value = value * 10 + (text.charCodeAt(i) - 0x30);
    i++;
  }
  return i - start >= min ? value : -1;
}

/** Token in [start, end) matches `month` (case-insensitive first three letters): 0-11, else -1. */
function matchMonth(text: string, start: number, end: number): number {
  if (end - start < 3) return -1;
  // `| 0x20` lowercases ASCII letters and never turns a non-letter into one of the month letters.
  const key =
    ((text.charCodeAt(start) | 0x20) << 16) |
    ((text.charCodeAt(start + 1) | 0x20) << 8) |
    (text.charCodeAt(start + 2) | 0x20);
  return monthOfKey(key);
}

/**
 * The month (0-11) whose three lowercase letters, packed as `c1 << 16 | c2 << 8 | c3`, are `key`;
 * -1 for none. A switch: a few compares, no call.
 */
function monthOfKey(key: number): number {
  switch (key) {
    case 0x6a616e: // jan
      return 0;
    case 0x666562: // feb
      return 1;
    case 0x6d6172: // mar
      return 2;
    case 0x617072: // apr
      return 3;
    case 0x6d6179: // may
      return 4;
    case 0x6a756e: // jun
      return 5;
    case 0x6a756c: // jul
      return 6;
    case 0x617567: // aug
      return 7;
    case 0x736570: // sep
      return 8;
    case 0x6f6374: // oct
      return 9;
    case 0x6e6f76: // nov
      return 10;
    case 0x646563: // dec
      return 11;
    default:
      return -1;
  }
}

function daysInMonth(year: number, month: number): number {
  if (month === 1) return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
  return month === 3 || month === 5 || month === 8 || month === 10 ? 30 : 31;
}

/**
 * Date.UTC for a valid date of years 1601-9999 (month 0-11), by H. Hinnant's days_from_civil: the
 * same proleptic Gregorian calendar, in integer arithmetic.
 */
function utcMs(
  year: number,
  month: number,
  day: number,
  hour: number,
  minute: number,
  second: number,
): number {
  const y = month < 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yearOfEra = y - era * 400;
  const dayOfYear = Math.floor((153 * (month < 2 ? month + 10 : month - 2) + 2) / 5) + day - 1;
  const dayOfEra =
    yearOfEra * 365 + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100) + dayOfYear;
  const days = era * 146097 + dayOfEra - 719468;
  return days * 86_400_000 + hour * 3_600_000 + minute * 60_000 + second * 1000;
}

function twoDigits(text: string, at: number): number {
  return (text.charCodeAt(at) - 0x30) * 10 + (text.charCodeAt(at + 1) - 0x30);
}

/**
 * True when the 29 chars of `text` from `at` are exactly an IMF-fixdate (RFC 9110 §5.6.7) whose
 * §5.1.1 reading is plain: three letters that are not a month, ", ", 2 digits, " ", a month, " ",
 * 4 digits, " ", hh:mm:ss, " GMT".
 * (A weekday that spells a month would be taken as the month by step 2.3: not plain.)
 */
function isImfFixdate(text: string, at: number): boolean {
  return (
    text.charCodeAt(at + 3) === 0x2c &&
    text.charCodeAt(at + 4) === 0x20 &&
    text.charCodeAt(at + 7) === 0x20 &&
    text.charCodeAt(at + 11) === 0x20 &&
    text.charCodeAt(at + 16) === 0x20 &&
    text.charCodeAt(at + 19) === 0x3a &&
    text.charCodeAt(at + 22) === 0x3a &&
    text.charCodeAt(at + 25) === 0x20 &&
    text.charCodeAt(at + 26) === 0x47 &&
    text.charCodeAt(at + 27) === 0x4d &&
    text.charCodeAt(at + 28) === 0x54 &&
    isLetter(text.charCodeAt(at)) &&
    isLetter(text.charCodeAt(at + 1)) &&
    isLetter(text.charCodeAt(at + 2)) &&
    matchMonth(text, at, at + 3) === -1 &&
    isDigit(text.charCodeAt(at + 5)) &&
    isDigit(text.charCodeAt(at + 6)) &&
    matchMonth(text, at + 8, at + 11) !== -1 &&
    isDigit(text.charCodeAt(at + 12)) &&
    isDigit(text.charCodeAt(at + 13)) &&
    isDigit(text.charCodeAt(at + 14)) &&
    isDigit(text.charCodeAt(at + 15)) &&
    isDigit(text.charCodeAt(at + 17)) &&
    isDigit(text.charCodeAt(at + 18)) &&
    isDigit(text.charCodeAt(at + 20)) &&
    isDigit(text.charCodeAt(at + 21)) &&
    isDigit(text.charCodeAt(at + 23)) &&
    isDigit(text.charCodeAt(at + 24))
  );
}

function isLetter(code: number): boolean {
  const lower = code | 0x20;
  return lower >= 0x61 && lower <= 0x7a;
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
  let dayOfMonth = -1;
  let month = -1;
  let year = -1;

  if (to - from === 29 && isImfFixdate(text, from)) {
    // The IMF-fixdate every server writes (`Wed, 21 Oct 2015 07:28:00 GMT`): the tokens of step 1
    // are at fixed places, and step 2 gives them these roles (isImfFixdate makes sure of it).
    dayOfMonth = twoDigits(text, from + 5);
    month = matchMonth(text, from + 8, from + 11);
    year = twoDigits(text, from + 12) * 100 + twoDigits(text, from + 14);
    time =
      twoDigits(text, from + 17) * 10000 +
      twoDigits(text, from + 20) * 100 +
      twoDigits(text, from + 23);
  } else {
    const length = to;
    let i = from;
    while (i < length) {
      // RFC 6265bis §5.1.1 step 1: divide the cookie-date into date-tokens (maximal runs of
      // non-delimiters); the delimiters between them are dropped.
      while (i < length && isDelimiter(text.charCodeAt(i))) i++;
      if (i === length) break;
      const start = i;
      while (i < length && !isDelimiter(text.charCodeAt(i))) i++;
      const end = i;

      // RFC 6265bis §5.1.1 step 2: process each date-token in order; the first sub-step that matches
      // takes the token, and a flag once set is never set again (later look-alikes are ignored).

      // Step 2.1: if found-time is not set and the token matches `time`, set found-time and take
      // hour, minute and second from its digits.
      if (time < 0) {
        time = matchTime(text, start, end);
        if (time >= 0) continue;
      }
      // Step 2.2: if found-day-of-month is not set and the token matches `day-of-month`, take it.
      if (dayOfMonth < 0) {
        dayOfMonth = matchDigits(text, start, end, 1, 2);
        if (dayOfMonth >= 0) continue;
      }
      // Step 2.3: if found-month is not set and the token matches `month`, take it.
      if (month < 0) {
        month = matchMonth(text, start, end);
        if (month >= 0) continue;
      }
      // Step 2.4: if found-year is not set and the token matches `year`, take it.
      if (year < 0) {
        year = matchDigits(text, start, end, 2, 4);
      }
    }
  }

  // RFC 6265bis §5.1.1 step 5 (first condition, checked early because the steps below need the
  // values): abort if any of found-time, found-day-of-month, found-month or found-year is not set.
  if (time < 0 || dayOfMonth < 0 || month < 0 || year < 0) return Number.NaN;

  // RFC 6265bis §5.1.1 step 3: a year-value from 70 to 99 is in the 1900s.
  if (year >= 70 && year <= 99) year += 1900;
  // RFC 6265bis §5.1.1 step 4: a year-value from 0 to 69 is in the 2000s.
  else if (year >= 0 && year <= 69) year += 2000;

  const hour = Math.floor(time / 10000);
  const minute = Math.floor(time / 100) % 100;
  const second = time % 100;

  // RFC 6265bis §5.1.1 step 5: abort if day-of-month < 1 or > 31, year < 1601, hour > 23,
  // minute > 59 or second > 59 (a leap second cannot be written).
  if (dayOfMonth < 1 || dayOfMonth > 31) return Number.NaN;
  if (year < 1601) return Number.NaN;
  if (hour > 23 || minute > 59 || second > 59) return Number.NaN;

  // RFC 6265bis §5.1.1 step 6: the date with these UTC fields; if no such date exists (31 April,
  // 29 February of a common year), fail. Date.UTC would roll 30 Feb over into March instead.
  if (dayOfMonth > daysInMonth(year, month)) return Number.NaN;

  // RFC 6265bis §5.1.1 step 7: return the parsed-cookie-date. Years here are >= 1601, so Date.UTC's
  // two-digit-year mapping (0-99 -> 1900s) would never apply; utcMs is the same proleptic Gregorian
  // arithmetic without the call.
  return utcMs(year, month, dayOfMonth, hour, minute, second);
}

const WEEKDAYS = ['Thu', 'Fri', 'Sat', 'Sun', 'Mon', 'Tue', 'Wed']; // day 0 of the epoch was a Thursday
const MONTH_NAMES = [
  'Jan',
  'Feb',
  'Mar',
  'Apr',
  'May',
  'Jun',
  'Jul',
  'Aug',
  'Sep',
  'Oct',
  'Nov',
  'Dec',
];
const TWO_DIGITS = Array.from({ length: 60 }, (_, n) => (n < 10 ? `0${n}` : `${n}`));

/** The earliest and latest instants whose IMF-fixdate a cookie-date parser reads back (years 1601-9999). */
const MIN_MS = Date.UTC(1601, 0, 1);
const MAX_MS = Date.UTC(9999, 11, 31, 23, 59, 59, 999);

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
  const ms = typeof date === 'number' ? date : timeOf(date);
  if (!Number.isFinite(ms)) {
    throw new CookieError(
      'ERR_COOKIE_ATTRIBUTE_INVALID',
      `expires is invalid: ${JSON.stringify(describe(date))} (must be a valid Date or finite epoch milliseconds; pass a real instant)`,
    );
  }
  const epochSecond = Math.floor(ms / 1000);
  if (epochSecond === lastSecond) return lastFormatted;
  if (ms < MIN_MS || ms > MAX_MS) {
    throw new CookieError(
      'ERR_COOKIE_ATTRIBUTE_INVALID',
      `expires is invalid: ${Math.abs(ms) <= 8.64e15 ? JSON.stringify(new Date(ms).toISOString()) : String(ms)} (a cookie-date year is 1601-9999; to delete a cookie use new Date(0) or maxAge 0)`,
    );
  }

  // Civil date from days since the epoch (proleptic Gregorian, as Date uses), by H. Hinnant's
  // days_from_civil inverse: pure integer arithmetic, no Date object.
  const days = Math.floor(epochSecond / 86400);
  const secondOfDay = epochSecond - days * 86400;
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
  const mp = Math.floor((5 * dayOfYear + 2) / 153);
  const day = dayOfYear - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9; // 1-12
  const year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0);

  const hour = Math.floor(secondOfDay / 3600);
  const minute = Math.floor(secondOfDay / 60) % 60;
  const second = secondOfDay % 60;

  // `((days % 7) + 7) % 7` keeps the weekday right for instants before 1970.
  const formatted = `${WEEKDAYS[((days % 7) + 7) % 7]}, ${TWO_DIGITS[day]} ${MONTH_NAMES[month - 1]} ${year} ${TWO_DIGITS[hour]}:${TWO_DIGITS[minute]}:${TWO_DIGITS[second]} GMT`;
  lastSecond = epochSecond;
  lastFormatted = formatted;
  return formatted;
}

/** The epoch milliseconds of a Date, also from another realm (where `instanceof Date` fails); NaN otherwise. */
function timeOf(date: unknown): number {
  if (typeof date !== 'object' || date === null) return Number.NaN;
  try {
    return Date.prototype.getTime.call(date);
  } catch {
    return Number.NaN; // not a Date at all
  }
}

/** The value as the error message quotes it; never throws (String() of a fake Date would). */
function describe(date: unknown): string {
  if (typeof date === 'number') return String(date);
  try {
    Date.prototype.getTime.call(date);
    return 'Invalid Date';
  } catch {
    return Object.prototype.toString.call(date);
  }
}
