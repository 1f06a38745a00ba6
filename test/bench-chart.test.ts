/**
 * bench/chart.ts: which figures each issue 9 bar takes, and that the SVG it writes says what they
 * are (the drawing itself was checked by eye in Chromium).
 */
import { describe, expect, it } from 'vitest';
import { bars, type ResultsFile, renderSvg, TARGETS } from '../bench/chart.js';

const file = (name: string, date: string, results: ResultsFile['results']): ResultsFile => ({
  file: name,
  date,
  node: 'v20.20.2',
  results,
});

describe('bench chart', () => {
  it('takes each case from the latest file holding it, as shortbread over the named peer', () => {
    const rows = bars([
      file('old.json', '2026-01-01T00:00:00Z', [
        { title: 'parseCookie, typical 20 cookies', ns: { shortbread: 100, 'cookie@2': 100 } },
        { title: 'sign, itsdangerous HMAC-SHA1', ns: { shortbread: 300, 'raw node:crypto': 100 } },
      ]),
      file('new.json', '2026-02-01T00:00:00Z', [
        { title: 'parseCookie, typical 20 cookies', ns: { shortbread: 60, 'cookie@2': 100 } },
      ]),
      file('signing.json', '2026-01-15T00:00:00Z', [
        { title: 'verify, itsdangerous HMAC-SHA1', ns: { shortbread: 90 } },
      ]),
    ]);
    expect(rows).toHaveLength(TARGETS.length);
    const byLabel = new Map(rows.map((r) => [r.target.label, r.measured]));
    expect(byLabel.get('parseCookie, typical 20 cookies')).toMatchObject({
      ratio: 0.6,
      goal: 0.67,
      file: 'new.json',
    });
    expect(byLabel.get('sign, itsdangerous HMAC-SHA1')).toMatchObject({ ratio: 3, goal: 1.2 });
    // No peer figure: no bar.
    expect(byLabel.get('verify, itsdangerous HMAC-SHA1')).toBeUndefined();
  });

  it('draws a stream row from its paired ratios, against the fastest peer that does the job', () => {
    const rows = bars([
      file('codec.json', '2026-03-01T00:00:00Z', [
        {
          title: 'stream: parseSetCookie, 2048 response lines',
          // ns alone would give 1.0 against cookie@1; the paired ratios decide.
          ns: { shortbread: 100, 'cookie@1': 100, 'set-cookie-parser': 300 },
          ratios: { 'cookie@1': 0.9, 'set-cookie-parser': 0.3, 'cookie@2': 1.5, floor: 2 },
        },
      ]),
    ]);
    const row = rows.find((r) => r.target.label === 'stream: parseSetCookie');
    expect(row?.measured).toMatchObject({ ratio: 0.9, goal: 0.8, peer: 'cookie@1' });
    // Stream rows come first.
    expect(TARGETS[0]?.label).toBe('stream: parseCookie');
  });

  it('turns requests/s and bytes into the lower-is-better scale of the chart', () => {
    const rows = bars([
      file('x.json', '2026-01-01T00:00:00Z', [
        { title: 'node:http, 20 cookies', ns: { shortbread: 9000, 'bare node:http': 10000 } },
        { title: 'jar memory at 100k cookies', ns: { shortbread: 200, 'tough-cookie': 400 } },
      ]),
    ]);
    const byLabel = new Map(rows.map((r) => [r.target.label, r.measured]));
    const http = byLabel.get('node:http, 20 cookies read, 3 set');
    expect(http?.ratio).toBeCloseTo(10000 / 9000);
    expect(http?.goal).toBeCloseTo(1 / 0.9);
    expect(byLabel.get('jar memory at 100k cookies')).toMatchObject({ ratio: 0.5, goal: 0.75 });
  });

  it('writes an SVG with one labelled row per case, met and not met told apart', () => {
    const svg = renderSvg(
      bars([
        file('r.json', '2026-01-01T00:00:00Z', [
          { title: 'sign, itsdangerous HMAC-SHA1', ns: { shortbread: 80, 'raw node:crypto': 100 } },
          {
            title: 'verify, itsdangerous HMAC-SHA1',
            ns: { shortbread: 150, 'raw node:crypto': 100 },
          },
        ]),
      ]),
    );
    expect(svg.startsWith('<svg xmlns="http://www.w3.org/2000/svg"')).toBe(true);
    expect(svg.trimEnd().endsWith('</svg>')).toBe(true);
    for (const target of TARGETS) expect(svg).toContain(`>${target.label}</text>`);
    expect(svg).toContain('0.80 × raw node:crypto · met');
    expect(svg).toContain('1.50 × raw node:crypto · not met');
    expect(svg.match(/no results file yet/g)).toHaveLength(TARGETS.length - 2);
    // Every element opened is closed (a cheap well-formedness check).
    const opened = svg.match(/<(text|svg|title|rect)\b([^>]*[^/])?>/g)?.length ?? 0;
    const closed = svg.match(/<\/(text|svg|title|rect)>/g)?.length ?? 0;
    expect(opened).toBe(closed);
    expect(svg).not.toMatch(/&(?!amp;|lt;|gt;)/);
  });
});
