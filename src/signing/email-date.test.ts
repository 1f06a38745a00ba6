import { describe, expect, it } from 'vitest';
import { formatHttpDate, parseEmailDate } from './email-date.js';

describe('formatHttpDate', () => {
  it('writes Werkzeug http_date, dropping milliseconds', () => {
    expect(formatHttpDate(new Date(Date.UTC(2024, 0, 2, 3, 4, 5, 678)))).toBe(
      'Tue, 02 Jan 2024 03:04:05 GMT',
    );
    const early = new Date(0);
    early.setUTCFullYear(99, 0, 1);
    // Checked against Python's email.utils.format_datetime.
    expect(formatHttpDate(early)).toBe('Thu, 01 Jan 0099 00:00:00 GMT');
    expect(() => formatHttpDate(new Date(Number.NaN))).toThrow(TypeError);
  });
});

describe('parseEmailDate (Python email.utils.parsedate_to_datetime)', () => {
  const at = (iso: string) => new Date(iso).getTime();
  it.each([
    ['Tue, 02 Jan 2024 03:04:05 GMT', at('2024-01-02T03:04:05Z')],
    ['Tue, 02 Jan 2024 04:04:05 +0100', at('2024-01-02T03:04:05Z')],
    ['2 Jan 24 03:04 GMT', at('2024-01-02T03:04:00Z')],
    ['Tuesday, 02-Jan-2024 03:04:05 EST', at('2024-01-02T08:04:05Z')],
    ['02 Jan 2024 03:04:05', at('2024-01-02T03:04:05Z')],
    ['Tue, 02 January 2024 03.04.05 +0530', at('2024-01-01T21:34:05Z')],
    ['Jan 02 2024 03:04:05 -0000', at('2024-01-02T03:04:05Z')],
    ['02 Jan 99 03:04:05 GMT', at('1999-01-02T03:04:05Z')],
    ['Fri, 13 Dec 1901 20:45:52 GMT', at('1901-12-13T20:45:52Z')],
  ])('%j', (text, expected) => {
    expect(parseEmailDate(text)?.getTime()).toBe(expected);
  });

  it.each([
    ['not a date'],
    [''],
    ['Tue, 31 Feb 2024 03:04:05 GMT'],
    ['Tue, 02 Foo 2024 03:04:05 GMT'],
    ['Tue, 02 Jan 2024 25:04:05 GMT'],
    ['Tue, 02 Jan 2024 03:04:05:06 GMT'],
  ])('%j is None', (text) => {
    expect(parseEmailDate(text)).toBeUndefined();
  });
});
