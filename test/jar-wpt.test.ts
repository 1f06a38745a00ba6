/**
 * web-platform-tests cookies/ (2021 snapshot, test/fixtures/wpt/cookies.json) replayed through the
 * jar: Set-Cookie responses and `document.cookie` writes go in with the origin, path and API of the
 * original test, and `document.cookie` (the jar's `http: false` view) or the Cookie header is compared.
 * Cases whose 2021 expectation predates RFC 6265bis / Chromium 156 are listed in `knownDifferent` with
 * the reason, and the jar's answer is asserted (never skipped).
 */
import { describe, expect, it } from 'vitest';
import { runInJar, wptScripts } from './helpers/wpt-replay.js';

const NOW = Date.UTC(2026, 10, 25);

const innerTab = 'Chromium 156 ignores a line with a tab inside a name, value or attribute value';
/** Case key → [the jar's (Chromium 156 / RFC 6265bis) answer, why it differs from the 2021 file]. */
const knownDifferent: Record<string, [answer: string | boolean, why: string]> = {
  'attributes/attributes-ctl.sub.html: Cookie with %x9 in Domain attribute value is handled correctly.':
    ['', innerTab],
  'attributes/attributes-ctl.sub.html: Cookie with %x9 in Path attribute value is handled correctly.':
    ['', innerTab],
  'attributes/attributes-ctl.sub.html: Cookie with %x9 in Max-Age attribute value is handled correctly.':
    ['', innerTab],
  'attributes/attributes-ctl.sub.html: Cookie with %x9 in Expires attribute value is handled correctly.':
    ['', innerTab],
  'attributes/attributes-ctl.sub.html: Cookie with %x9 in SameSite attribute value is handled correctly.':
    ['', innerTab],
  'name/name-ctl.html: Cookie with %x9 in name is accepted.': ['', innerTab],
  'attributes/attributes-ctl.sub.html: Cookie with %x9 in Secure attribute is handled correctly.': [
    '',
    innerTab,
  ],
  'attributes/attributes-ctl.sub.html: Cookie with %x9 in HttpOnly attribute is handled correctly.':
    ['', innerTab],
  'value/value-ctl.html: Cookie with %x9 in value is accepted.': ['', innerTab],
  'attributes/attributes-ctl.sub.html: Cookie with %x9 after Secure attribute is handled correctly.':
    [
      '',
      '§5.6 step 8.4 trims the tab, so "Secure" is recognised, and a non-secure origin cannot set a Secure cookie (§5.7 step 13)',
    ],
  'attributes/attributes-ctl.sub.html: Cookie with %x9 after SameSite attribute value is handled correctly.':
    [
      '',
      'the tab is trimmed (§5.6 step 8.4), leaving SameSite=None without Secure, which RFC 6265bis §5.7 step 19 (and Chromium since 80) refuses',
    ],
  'name/name.html: Set a nameless cookie (that has an = in its value)': [
    '',
    'Chromium ignores a nameless cookie whose value holds "=" (it would read back as a named cookie)',
  ],
  "name/name.html: Set a nameless cookie (that has multiple ='s in its value)": [
    '',
    'Chromium ignores a nameless cookie whose value holds "=" (it would read back as a named cookie)',
  ],
  'value/value.html: Set cookie but ignore value after LF': [
    '',
    'RFC 6265bis §5.6 step 1 ignores the whole line on a control character (httpwg/http-extensions#1576)',
  ],
};

interface Replay {
  key: string;
  run: () => string | boolean;
  expected: string | boolean;
}

const replays: Replay[] = wptScripts().map((script) => ({
  key: script.key,
  expected: script.expected,
  run: () => runInJar(script, NOW),
}));

describe('web-platform-tests cookies/ replayed through the jar', () => {
  it('covers every case of every kind, and each known difference names a real case', () => {
    expect(replays).toHaveLength(760);
    const keys = new Set(replays.map((r) => r.key));
    for (const key of Object.keys(knownDifferent)) expect(keys.has(key), key).toBe(true);
  });

  it('passes at least 98% of the cases as written in 2021', () => {
    const passing = replays.filter((r) => r.run() === r.expected).length;
    expect(passing / replays.length).toBeGreaterThanOrEqual(0.98);
  });

  it.each(replays.filter((r) => !(r.key in knownDifferent)).map((r) => [r.key, r] as const))(
    '%s',
    (_, r) => {
      expect(r.run()).toBe(r.expected);
    },
  );

  it.each(
    replays
      .filter((r) => r.key in knownDifferent)
      .map((r) => [r.key, knownDifferent[r.key]?.[1] ?? '', r] as const),
  )('%s (known different: %s)', (_, __, r) => {
    const [answer] = knownDifferent[r.key] ?? [];
    expect(r.expected).not.toBe(answer);
    expect(r.run()).toBe(answer);
  });
});
