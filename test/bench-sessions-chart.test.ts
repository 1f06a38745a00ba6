/**
 * bench/sessions-chart.ts: which figure each bar of issue 21's chart takes, which way it points, and
 * that the SVG says whether each target is met (the drawing was checked by eye in Chromium).
 */
import { describe, expect, it } from 'vitest';
import {
  type CodecFile,
  type HttpFile,
  renderSessionsSvg,
  sessionBars,
} from '../bench/sessions-chart.js';

const http: HttpFile = {
  started: '2026-12-08T00:00:00Z',
  node: 'v20.20.2',
  apps: {
    'express bare': { rps: [100, 100, 100] },
    // Twice the peer's requests per second: half its cost.
    'express shortbread cookie': { rps: [200, 400, 300] },
    'express cookie-session': { rps: [100, 100, 100] },
    // Slower than the peer in every round.
    'fastify shortbread cookie': { rps: [90, 80, 100] },
    'fastify secure-session': { rps: [100, 100, 100] },
    'fastify bare': { rps: [500, 500, 500] },
  },
};

const codecs: CodecFile = {
  started: '2026-12-08T00:00:00Z',
  results: [
    { name: 'cookie-session 2.1 (keygrip + base64 JSON)', ratio: 1 },
    { name: 'shortbread FlaskSessionCodec', ratio: 0.4 },
    { name: 'floor of a Flask-compatible round trip (…)', ratio: 0.55 },
    { name: 'shortbread seal/unseal (node:crypto AES-GCM)', ratio: 1.2 },
  ],
};

describe('bench sessions chart', () => {
  it("draws shortbread's cost over the peer's: HTTP ratios inverted, codec ratios as they are", () => {
    const bars = sessionBars(http, codecs);
    const byLabel = new Map(bars.map((b) => [b.label.split(' vs ')[0], b]));
    // Median of the per-round peer/shortbread ratios: 0.5, 0.25, 0.333 -> 0.333.
    expect(byLabel.get('Express 5, signed cookie')?.ratio).toBeCloseTo(1 / 3, 5);
    expect(byLabel.get('Fastify 5, signed cookie')?.ratio).toBeCloseTo(1.111, 3);
    expect(byLabel.get('FlaskSessionCodec')).toMatchObject({ ratio: 0.4, target: 0.5 });
    expect(byLabel.get('floor: 2 HMAC-SHA1 + 1 deflate')).toMatchObject({ target: undefined });
    // Rows the files do not hold (Express memory, the AES floor) get no bar.
    expect(byLabel.has('Express 5, memory')).toBe(false);
    expect(bars).toHaveLength(5);
  });

  it('colours a met target green, a missed one red with the target named, a floor grey', () => {
    const svg = renderSessionsSvg(sessionBars(http, codecs), 'caption <run>');
    expect(svg.match(/fill="#2e8b57"/g)).toHaveLength(2);
    expect(svg.match(/fill="#c0392b"/g)).toHaveLength(2);
    expect(svg.match(/fill="#999"/g)).toHaveLength(1);
    expect(svg).toContain('1.20 (target 1)');
    expect(svg).toContain('caption &#60;run&#62;');
  });
});
