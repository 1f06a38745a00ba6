/**
 * @module The chart of issue 21's targets, `bench/sessions.svg`, from the JSON files the last
 * `npm run bench:sessions -- --http` left in `bench/results/` (its HTTP table and its codec table,
 * one run). `bench:sessions` redraws it after each run that writes results.
 *
 * Every bar is shortbread's cost over the peer's, so that left of the 1.0 line is always "shortbread
 * is cheaper": for the HTTP rows the peer's requests per second over shortbread's (the median of the
 * per-round ratios, inverted), for the codec rows shortbread's CPU time over cookie-session's. Log
 * scale; a mark shows the target; green when it is met, red when not. The two floor rows of the
 * codec table (the work no implementation of that format can skip) are grey, with no target.
 *
 *   npx tsx bench/sessions-chart.ts [results-dir] [out.svg]
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { median } from './median.js';
import { PEER_NAMES, ROWS } from './sessions-http.js';

/** What the chart reads of `sessions-http-latest.json`. */
export interface HttpFile {
  readonly started: string;
  readonly node: string;
  readonly apps: Record<string, { rps: number[] }>;
}

/** What the chart reads of `session-codecs-latest.json`. */
export interface CodecFile {
  readonly started: string;
  readonly results: readonly { name: string; ratio: number }[];
}

/** One bar: shortbread's cost over the peer's, and the most the issue allows (none for a floor). */
export interface Bar {
  readonly label: string;
  readonly ratio: number;
  readonly target: number | undefined;
}

/** The codec rows drawn, by name prefix, with their targets (`undefined`: a floor, grey). */
const CODEC_BARS: readonly { prefix: string; label: string; target: number | undefined }[] = [
  {
    prefix: 'shortbread FlaskSessionCodec',
    label: 'FlaskSessionCodec vs cookie-session (in process)',
    target: 0.5,
  },
  {
    prefix: 'floor of a Flask-compatible',
    label: 'floor: 2 HMAC-SHA1 + 1 deflate',
    target: undefined,
  },
  {
    prefix: 'shortbread seal/unseal',
    label: 'seal/unseal vs cookie-session (in process)',
    target: 1,
  },
  {
    prefix: 'floor of an AES-256-GCM',
    label: 'floor: 1 decipher + 1 cipher',
    target: undefined,
  },
  {
    prefix: '@fastify/secure-session',
    label: '@fastify/secure-session vs cookie-session',
    target: undefined,
  },
];

/** The bars of both tables, HTTP rows first, in the tables' order. */
export function sessionBars(http: HttpFile, codecs: CodecFile): Bar[] {
  const bars: Bar[] = [];
  for (const { row, ours, peer } of ROWS) {
    const a = http.apps[ours];
    const b = peer === undefined ? undefined : http.apps[peer];
    if (peer === undefined || a === undefined || b === undefined) continue;
    const perRound = a.rps.map((rps, i) => (b.rps[i] as number) / rps);
    bars.push({
      label: `${row} vs ${PEER_NAMES[peer] ?? peer}`,
      ratio: median(perRound),
      target: 1,
    });
  }
  for (const { prefix, label, target } of CODEC_BARS) {
    const found = codecs.results.find((r) => r.name.startsWith(prefix));
    if (found !== undefined) bars.push({ label, ratio: found.ratio, target });
  }
  return bars;
}

function escapeXml(text: string): string {
  return text.replace(/[<>&"]/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** The SVG: one horizontal bar per row from the 1.0 line, on a log scale from 1/8 to 8. */
export function renderSessionsSvg(bars: readonly Bar[], caption: string): string {
  const width = 1060;
  const labelWidth = 500;
  const plot = width - labelWidth - 90;
  const rowHeight = 26;
  const top = 40;
  const height = top + bars.length * rowHeight + 50;
  const span = Math.log(8);
  const x = (ratio: number) =>
    labelWidth + plot / 2 + (Math.max(-span, Math.min(span, Math.log(ratio))) / span) * (plot / 2);
  const out: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" font-family="sans-serif" font-size="13" role="img">`,
    `<title>Issue 21: shortbread's session cost over each peer's, with the targets</title>`,
    `<rect width="${width}" height="${height}" fill="#fff"/>`,
    `<text x="10" y="22" font-size="15">Sessions: shortbread's cost over the peer's (left of 1.0: shortbread is cheaper; log scale)</text>`,
  ];
  for (const tick of [0.125, 0.25, 0.5, 1, 2, 4, 8]) {
    const tx = x(tick).toFixed(1);
    out.push(
      `<line x1="${tx}" y1="${top - 6}" x2="${tx}" y2="${height - 44}" stroke="${tick === 1 ? '#333' : '#ddd'}"/>`,
      `<text x="${tx}" y="${height - 30}" text-anchor="middle" fill="#555">${tick}</text>`,
    );
  }
  bars.forEach((bar, i) => {
    const y = top + i * rowHeight;
    const met = bar.target === undefined ? undefined : bar.ratio <= bar.target;
    const color = met === undefined ? '#999' : met ? '#2e8b57' : '#c0392b';
    const from = x(1);
    const to = x(bar.ratio);
    out.push(
      `<text x="${labelWidth - 8}" y="${y + 16}" text-anchor="end">${escapeXml(bar.label)}</text>`,
      `<rect x="${Math.min(from, to).toFixed(1)}" y="${y + 4}" width="${Math.max(1, Math.abs(to - from)).toFixed(1)}" height="${rowHeight - 8}" fill="${color}"/>`,
      `<text x="${(Math.max(from, to) + 6).toFixed(1)}" y="${y + 16}" fill="#333">${bar.ratio.toFixed(2)}${met === false ? ' (target ' + String(bar.target) + ')' : ''}</text>`,
    );
    if (bar.target !== undefined) {
      const tx = x(bar.target).toFixed(1);
      out.push(
        `<line x1="${tx}" y1="${y + 1}" x2="${tx}" y2="${y + rowHeight - 1}" stroke="#000" stroke-width="2"/>`,
      );
    }
  });
  out.push(`<text x="10" y="${height - 10}" fill="#555">${escapeXml(caption)}</text>`, '</svg>');
  return `${out.join('\n')}\n`;
}

/** Reads the two results files of `dir` and writes the chart to `file`. */
export function writeSessionsChart(dir = 'bench/results', file = 'bench/sessions.svg'): void {
  const http = JSON.parse(readFileSync(join(dir, 'sessions-http-latest.json'), 'utf8')) as HttpFile;
  const codecs = JSON.parse(
    readFileSync(join(dir, 'session-codecs-latest.json'), 'utf8'),
  ) as CodecFile;
  const caption = `npm run bench:sessions -- --http, Node ${http.node}; HTTP ${http.started}, codecs ${codecs.started}; black marks: the targets of issue 21`;
  writeFileSync(file, renderSessionsSvg(sessionBars(http, codecs), caption));
}

// Run as a script only when it is the script: bundled into `bench:sessions`, import.meta.url is the
// bundle's own, so comparing it with argv[1] would run this at every import.
if (process.argv[1]?.endsWith('sessions-chart.ts') === true) {
  writeSessionsChart(process.argv[2], process.argv[3]);
}
