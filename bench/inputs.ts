/**
 * @module The inputs every benchmark shares: a typical browser `Cookie` header, a Set-Cookie line with
 * every attribute, and hostile headers built to a size.
 *
 * Every string is built at run time, never a literal: V8 caches the result of `split` on
 * internalized (literal) strings, which would flatter any peer that splits. And every string is
 * flat (one contiguous buffer), as a header from the HTTP parser is: `repeat` and `+` build rope
 * strings, which cost every char access a detour and would skew the results toward whichever
 * library touches fewer chars.
 */

/** A flat, non-internalized copy of `text` (JSON.parse allocates a fresh sequential string). */
export function flat(text: string): string {
  return JSON.parse(JSON.stringify(text)) as string;
}

/** 20 cookies as a real site carries them: analytics, consent, session, CSRF, one quoted. */
const TYPICAL_PAIRS = [
  '_ga=GA1.2.1234567890.1700000000',
  '_gid=GA1.2.987654321.1700000000',
  '_ga_ABC123XYZ=GS1.1.1700000000.3.1.1700000100.0.0.0',
  'sessionid=8f14e45fceea167a5a36dedd4bea2543',
  'csrftoken=Xy7kPz2QmN4vR8tW1aB3cD5eF6gH9jK0LmNoPqRsTuVwXyZ',
  // Percent-encoded, with `=` and `&` inside the value, as OneTrust writes it.
  'OptanonConsent=isGpcEnabled=0&datestamp=Wed+Nov+25+2026+17%3A27%3A52+GMT%2B0000&version=202310.2.0&hosts=&landingPath=NotLandingPage&groups=C0001%3A1%2CC0002%3A1%2CC0003%3A1%2CC0004%3A0',
  'OptanonAlertBoxClosed=2026-11-25T17:27:52.123Z',
  'euconsent-v2=CP1234AAAAAAAAAAAAENAwEgAAAAAAAAAAAAAAAAAAAA.YAAAAAAAAAAA',
  '_fbp=fb.1.1700000000000.1234567890',
  '_gcl_au=1.1.1234567890.1700000000',
  // Percent-encoded JSON string, as Segment writes it.
  'ajs_anonymous_id=%22a1b2c3d4-e5f6-7890-abcd-ef1234567890%22',
  'theme=dark',
  'lang=en-US',
  // Quoted, as Werkzeug/Flask write a value with a comma.
  'cart="item1,item2"',
  '__Host-session=eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NSJ9.abcDEF123_-',
  '__stripe_mid=2b3c4d5e-6f70-4819-a2b3-c4d5e6f708192a',
  'intercom-id-abc123=7c8d9e0f-1a2b-3c4d-5e6f-7a8b9c0d1e2f',
  'hubspotutk=5f4dcc3b5aa765d61d8327deb882cf99',
  '_hjSessionUser_123456=eyJpZCI6ImFiYyIsImNyZWF0ZWQiOjE3MDAwMDAwMDAwMDB9',
  'remember_me=true',
];

/** The typical header (20 cookies, about 900 bytes). */
export const typicalHeader: string = flat(TYPICAL_PAIRS.join('; '));

/**
 * The typical header's 20 pairs rotated by 0..19 places: parsed in turn, no header begins with the
 * names of the one before, as when clients with different cookie jars alternate. shortbread's
 * parseCookie remembers the names of the last header; this input shows it when that never helps.
 */
export const rotatedHeaders: string[] = TYPICAL_PAIRS.map((_, k) =>
  flat([...TYPICAL_PAIRS.slice(k), ...TYPICAL_PAIRS.slice(0, k)].join('; ')),
);

/** The cookie looked up by the `get` cases: the session, 15th of 20 (a scan cannot stop early). */
export const lookupName = '__Host-session';

/** A name the typical header does not carry (the lookup that must scan everything). */
export const missingName = 'flask_session';

/** One Set-Cookie line with every attribute a browser knows. */
export const setCookieLine: string = flat(
  [
    'sid=8f14e45fceea167a5a36dedd4bea2543',
    'Domain=.example.com',
    'Path=/app',
    'Expires=Wed, 21 Oct 2026 07:28:00 GMT',
    'Max-Age=86400',
    'Secure',
    'HttpOnly',
    'SameSite=Lax',
    'Partitioned',
    'Priority=High',
  ].join('; '),
);

/**
 * The Set-Cookie line above with a different Expires date on each of 20 copies (one per day of
 * Oct 2026), parsed in turn: a parser that remembers the last date it read never finds it again.
 */
export const setCookieLinesNewDates: string[] = Array.from({ length: 20 }, (_, day) =>
  flat(
    setCookieLine.replace(
      'Wed, 21 Oct 2026',
      new Date(Date.UTC(2026, 9, day + 1)).toUTCString().slice(0, 16),
    ),
  ),
);

/** The cookie stringifySetCookie writes: every attribute, the value needs no encoding. */
export const setCookieName = 'sid';
export const setCookieValue = flat(['8f14e45f', 'ceea167a', '5a36dedd', '4bea2543'].join(''));
/** One day ahead: inside every peer's 400-day check (hono throws beyond it). */
export const setCookieExpires = new Date(Date.now() + 86_400_000);

/** `count` semicolons and nothing else. */
export function semicolons(count: number): string {
  return flat(';'.repeat(count));
}

/**
 * A header of about `bytes` bytes made of distinct `kNNNNN=value` pairs: the realistic flood
 * (every pair is a cookie, so every parser builds a record of ~`bytes`/24 names).
 */
export function bigHeader(bytes: number): string {
  const parts: string[] = [];
  let size = 0;
  for (let i = 0; size < bytes; i++) {
    const part = `k${i}=v${(i * 2654435761) % 1_000_000_007}`;
    parts.push(part);
    size += part.length + 2;
  }
  return flat(parts.join('; '));
}

/** A Set-Cookie line of about `bytes` bytes: a cookie-pair and then `; aN=b` attributes. */
export function bigSetCookie(bytes: number): string {
  const parts: string[] = ['sid=abc'];
  let size = 7;
  for (let i = 0; size < bytes; i++) {
    const part = `a${i}=b`;
    parts.push(part);
    size += part.length + 2;
  }
  return flat(parts.join('; '));
}

/** A Set-Cookie line of `count` valueless attributes (`; Secure`): no "=" after the cookie-pair. */
export function flagFlood(count: number): string {
  return flat(`sid=abc${'; Secure'.repeat(count)}`);
}
