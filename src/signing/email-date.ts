/**
 * @module Dates as Flask's datetime tag writes and reads them: Werkzeug's `http_date` out, and
 * Python's `email.utils.parsedate_to_datetime` (RFC 2822, leniently) in.
 */

const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'] as const;
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const MONTH_NAMES = [
  ...MONTHS.map((m) => m.toLowerCase()),
  'january',
  'february',
  'march',
  'april',
  'may',
  'june',
  'july',
  'august',
  'september',
  'october',
  'november',
  'december',
];
const DAY_NAMES = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'];
/** email._parseaddr._timezones, in ±hhmm. */
const ZONES: Record<string, number> = {
  UT: 0,
  UTC: 0,
  GMT: 0,
  Z: 0,
  AST: -400,
  ADT: -300,
  EST: -500,
  EDT: -400,
  CST: -600,
  CDT: -500,
  MST: -700,
  MDT: -600,
  PST: -800,
  PDT: -700,
};

const pad = (n: number, width: number): string => String(n).padStart(width, '0');

/**
 * Werkzeug's `http_date` of a Date, in UTC with whole seconds: `Tue, 02 Jan 2024 03:04:05 GMT`.
 * Throws `TypeError` for an invalid Date or a year outside Python's 1-9999.
 *
 * @example
 * ```ts
 * formatHttpDate(new Date(Date.UTC(2024, 0, 2, 3, 4, 5))); // 'Tue, 02 Jan 2024 03:04:05 GMT'
 * ```
 */
export function formatHttpDate(date: Date): string {
  const year = date.getUTCFullYear();
  if (Number.isNaN(date.getTime()) || year < 1 || year > 9999) {
    throw new TypeError(
      `date is invalid: ${JSON.stringify(String(date))} (a valid Date between years 1 and 9999, as Python's datetime)`,
    );
  }
  return `${DAYS[date.getUTCDay()]}, ${pad(date.getUTCDate(), 2)} ${MONTHS[date.getUTCMonth()]} ${pad(year, 4)} ${pad(date.getUTCHours(), 2)}:${pad(date.getUTCMinutes(), 2)}:${pad(date.getUTCSeconds(), 2)} GMT`;
}

/** Python's `int(text)` for the ASCII forms: sign, digits, single underscores between digits. */
function pythonInt(text: string): number | undefined {
  let i = 0;
  let sign = 1;
  if (text[0] === '+' || text[0] === '-') {
    sign = text[0] === '-' ? -1 : 1;
    i = 1;
  }
  if (i >= text.length) return undefined;
  let value = 0;
  let previousDigit = false;
  for (; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code >= 0x30 && code <= 0x39) {
      value = value * 10 + (code - 0x30);
      previousDigit = true;
    } else if (code === 0x5f && previousDigit && i + 1 < text.length) {
      previousDigit = false;
    } else return undefined;
  }
  return previousDigit ? sign * value : undefined;
}

function daysInMonth(year: number, month: number): number {
  if (month === 2) return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

/**
 * Python's `email.utils.parsedate_to_datetime` as Werkzeug's `parse_date` uses it: an RFC 2822 date
 * (day name optional, two-digit years, named or numeric zones, `.` as time separator), a missing
 * zone meaning UTC. `undefined` where Python gives `None`. The input is split on whitespace once;
 * no regular expression runs over it.
 *
 * @example
 * ```ts
 * parseEmailDate('Tue, 02 Jan 2024 03:04:05 GMT'); // 2024-01-02T03:04:05.000Z
 * parseEmailDate('2 Jan 24 04:04 +0100'); // 2024-01-02T03:04:00.000Z
 * ```
 */
export function parseEmailDate(text: string): Date | undefined {
  let data = text.split(/\s+/).filter((part) => part !== '');
  if (data.length === 0) return undefined;
  const first = data[0] as string;
  // The folding white space after the day-of-week comma is optional.
  if (first.endsWith(',') || DAY_NAMES.includes(first.toLowerCase())) data.shift();
  else {
    const comma = first.lastIndexOf(',');
    if (comma >= 0) data[0] = first.slice(comma + 1);
  }
  if (data.length === 3) {
    // RFC 850 date: "02-Jan-24 03:04:05 GMT".
    const stuff = (data[0] as string).split('-');
    if (stuff.length === 3) data = [...stuff, ...data.slice(1)];
  }
  if (data.length === 4) {
    const last = data[3] as string;
    let sign = last.indexOf('+');
    if (sign === -1) sign = last.indexOf('-');
    if (sign > 0) data.splice(3, 1, last.slice(0, sign), last.slice(sign));
    else data.push('');
  }
  if (data.length < 5) return undefined;
  let [dd, mm, yy, tm, tz] = data as [string, string, string, string, string];
  if (!dd || !mm || !yy) return undefined;
  mm = mm.toLowerCase();
  if (!MONTH_NAMES.includes(mm)) {
    [dd, mm] = [mm, dd.toLowerCase()];
    if (!MONTH_NAMES.includes(mm)) return undefined;
  }
  let month = MONTH_NAMES.indexOf(mm) + 1;
  if (month > 12) month -= 12;
  if (dd.endsWith(',')) dd = dd.slice(0, -1);
  if (yy.indexOf(':') > 0) [yy, tm] = [tm, yy];
  if (yy.endsWith(',')) {
    yy = yy.slice(0, -1);
    if (!yy) return undefined;
  }
  const y0 = yy.charCodeAt(0);
  if (!(y0 >= 0x30 && y0 <= 0x39)) [yy, tz] = [tz, yy];
  if (tm.endsWith(',')) tm = tm.slice(0, -1);
  let parts = tm.split(':');
  if (parts.length === 1 && tm.includes('.')) parts = tm.split('.');
  if (parts.length === 2) parts.push('0');
  if (parts.length !== 3) return undefined;
  const year0 = pythonInt(yy);
  const day = pythonInt(dd);
  const hour = pythonInt(parts[0] as string);
  const minute = pythonInt(parts[1] as string);
  const second = pythonInt(parts[2] as string);
  if (
    year0 === undefined ||
    day === undefined ||
    hour === undefined ||
    minute === undefined ||
    second === undefined
  ) {
    return undefined;
  }
  let year = year0;
  if (year < 100) year += year > 68 ? 1900 : 2000;
  const zone = tz.toUpperCase();
  let offset: number | undefined = ZONES[zone];
  if (offset === undefined) {
    offset = pythonInt(zone);
    if (offset === 0 && zone.startsWith('-')) offset = undefined;
  }
  let offsetSeconds = 0;
  if (offset) {
    const magnitude = Math.abs(offset);
    offsetSeconds =
      Math.sign(offset) * (Math.floor(magnitude / 100) * 3600 + (magnitude % 100) * 60);
  }
  // datetime() validates every field; timezone() wants |offset| < 24 h. Both raise -> None.
  if (year < 1 || year > 9999 || month < 1 || month > 12) return undefined;
  if (day < 1 || day > daysInMonth(year, month)) return undefined;
  if (hour < 0 || hour > 23 || minute < 0 || minute > 59 || second < 0 || second > 59) {
    return undefined;
  }
  if (Math.abs(offsetSeconds) >= 86400) return undefined;
  const date = new Date(0);
  date.setUTCFullYear(year, month - 1, day);
  date.setUTCHours(hour, minute, second, 0);
  return new Date(date.getTime() - offsetSeconds * 1000);
}
