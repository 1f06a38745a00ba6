/**
 * @module `npm run bench:chart`: the stream rows (issue 16) and the issue 9 ratios as a hand-written
 * SVG bar chart, `bench/ratios.svg`, from the JSON files the benchmarks leave in `bench/results/`.
 *
 * One bar per stream row, then per issue 9 case: shortbread's figure over its target peer's (for a
 * stream row, the median of the paired ratios against the fastest peer that does the job), measured in the same run,
 * on a log scale, drawn from the 1.0 line (left: shortbread is faster). A mark shows the case's
 * target; the bar is green when the target is met, red when not, and a case no results file holds
 * yet gets a grey row that says which bench measures it.
 *
 * Input: every `bench/results/*.json` shaped `{ date, node, results: [{ title, ns: { row: value } }] }`
 * (what `BENCH_JSON=<file> npm run bench` and `npm run bench:signing` write). When several files
 * hold a case, the one with the latest `date` wins, so a filtered run updates only its own cases.
 * A bench that writes a case title below into such a file gets its bar with no change here.
 *
 *   npx tsx bench/chart.ts [results-dir] [out.svg]
 */

import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

export interface ResultsFile {
  file: string;
  date: string;
  node: string;
  results: Array<{
    title: string;
    ns: Record<string, number | undefined>;
    /** Stream rows: the median over paired rounds of shortbread's time over each library's. */
    ratios?: Record<string, number | undefined>;
  }>;
}

interface Target {
  /** What the bar is called in the chart. */
  label: string;
  /** The case title(s) in the results files. */
  matches: (title: string) => boolean;
  /** The peer the issue names, a key of `ns`. */
  peer: string;
  /**
   * Stream rows: the peers that do the job; the bar is shortbread against the fastest of them (the
   * largest of the result's paired `ratios`), and `peer` is only the fallback for the text.
   */
  peers?: readonly string[];
  /** shortbread over the peer, in the chart's orientation (lower is better), from the figures. */
  ratio: (own: number, peer: number) => number;
  /** The target on the same scale as `ratio` (the bar must end at or left of it). */
  target: (peer: number) => number;
  /** The issue's wording of the target. */
  targetText: string;
  /** Which command measures the case, for a case no results file holds. */
  source: string;
}

const time = (own: number, peer: number) => own / peer;

/** Issue 16's stream rows first (bench/stream-rows.ts), then the targets of issue 9, in its order. */
export const TARGETS: readonly Target[] = [
  {
    label: 'stream: parseCookie',
    matches: (t) => t.startsWith('stream: parseCookie'),
    peer: 'cookie@2',
    peers: ['cookie@2', 'cookie@1', 'cookie-es', 'hono'],
    ratio: time,
    target: () => 0.8,
    targetText: '≤ 0.8 × fastest peer',
    source: 'npm run bench',
  },
  {
    label: 'stream: one name (RequestCookies.get)',
    matches: (t) => t.startsWith('stream: one name'),
    peer: 'cookie-es',
    peers: ['cookie-es'],
    ratio: time,
    target: () => 0.25,
    targetText: '≤ 0.25 × cookie-es filter',
    source: 'npm run bench',
  },
  {
    label: 'stream: parseSetCookie',
    matches: (t) => t.startsWith('stream: parseSetCookie'),
    peer: 'cookie@1',
    peers: ['cookie@1', 'set-cookie-parser'],
    ratio: time,
    target: () => 0.8,
    targetText: '≤ 0.8 × faster of cookie@1, set-cookie-parser',
    source: 'npm run bench',
  },
  {
    label: 'stream: stringifySetCookie, new Date',
    matches: (t) => t.startsWith('stream: stringifySetCookie'),
    peer: 'cookie@2',
    peers: ['cookie@2'],
    ratio: time,
    target: () => 0.8,
    targetText: '≤ 0.8 × cookie@2',
    source: 'npm run bench',
  },
  {
    label: 'parseCookie, typical 20 cookies',
    matches: (t) => t === 'parseCookie, typical 20 cookies',
    peer: 'cookie@2',
    ratio: time,
    target: () => 0.67,
    targetText: '≤ 0.67 × cookie@2',
    source: 'npm run bench',
  },
  {
    label: 'RequestCookies.get one name',
    matches: (t) => t.startsWith('get one name'),
    peer: 'cookie-es',
    ratio: time,
    target: () => 0.25,
    targetText: '≤ 0.25 × cookie-es filter',
    source: 'npm run bench',
  },
  {
    label: 'stringifySetCookie, every attribute',
    matches: (t) => t === 'stringifySetCookie, every attribute',
    peer: 'cookie@2',
    ratio: time,
    target: () => 0.5,
    targetText: '≤ 0.5 × cookie@2',
    source: 'npm run bench',
  },
  {
    label: 'parseSetCookie, every attribute',
    matches: (t) => t === 'parseSetCookie, every attribute',
    peer: 'cookie@1',
    ratio: time,
    target: () => 0.7,
    targetText: '≤ 0.7 × cookie@1',
    source: 'npm run bench',
  },
  {
    label: 'jar Cookie header, 50 cookies',
    matches: (t) => t.startsWith('jar Cookie header'),
    peer: 'tough-cookie',
    ratio: time,
    target: () => 0.33,
    targetText: '≤ 0.33 × tough-cookie',
    source: 'npm run bench:jar',
  },
  {
    label: 'jar memory at 100k cookies',
    matches: (t) => t.startsWith('jar memory'),
    peer: 'tough-cookie',
    // Bytes a cookie; the target is absolute, drawn as a ratio to tough-cookie's bytes.
    ratio: time,
    target: (peer) => 300 / peer,
    targetText: '≤ 300 bytes a cookie',
    source: 'npm run bench:jar',
  },
  {
    label: 'sign, itsdangerous HMAC-SHA1',
    matches: (t) => t === 'sign, itsdangerous HMAC-SHA1',
    peer: 'raw node:crypto',
    ratio: time,
    target: () => 1.2,
    targetText: '≤ 1.2 × raw node:crypto',
    source: 'npm run bench:signing',
  },
  {
    label: 'verify, itsdangerous HMAC-SHA1',
    matches: (t) => t === 'verify, itsdangerous HMAC-SHA1',
    peer: 'raw node:crypto',
    ratio: time,
    target: () => 1.2,
    targetText: '≤ 1.2 × raw node:crypto',
    source: 'npm run bench:signing',
  },
  {
    label: 'node:http, 20 cookies read, 3 set',
    matches: (t) => t.startsWith('node:http'),
    peer: 'bare node:http',
    // Requests a second, higher is better: drawn as time a request, bare / shortbread.
    ratio: (own, peer) => peer / own,
    target: () => 1 / 0.9,
    targetText: '≥ 0.9 × bare requests/s',
    source: 'npm run bench:adapters',
  },
];

/** Every results file in `dir` with the shape above; other JSON is skipped. */
export function readResults(dir: string): ResultsFile[] {
  const files: ResultsFile[] = [];
  for (const name of readdirSync(dir).sort()) {
    if (!name.endsWith('.json')) continue;
    const data = JSON.parse(readFileSync(join(dir, name), 'utf8')) as Partial<ResultsFile>;
    if (typeof data.date !== 'string' || !Array.isArray(data.results)) continue;
    files.push({ file: name, date: data.date, node: data.node ?? '?', results: data.results });
  }
  return files;
}

export interface Bar {
  target: Target;
  /** Undefined when no results file holds the case with both figures. */
  measured?: {
    ratio: number;
    goal: number;
    file: string;
    date: string;
    node: string;
    /** The peer the ratio is against. */
    peer: string;
  };
}

/** A stream row's ratio against the fastest of `peers`: the largest paired median ratio. */
function fastestOf(
  peers: readonly string[],
  ratios: Record<string, number | undefined>,
): [string, number] | undefined {
  let best: [string, number] | undefined;
  for (const peer of peers) {
    const ratio = ratios[peer];
    if (ratio !== undefined && (best === undefined || ratio > best[1])) best = [peer, ratio];
  }
  return best;
}

/** Each target with the latest figures for it. */
export function bars(files: readonly ResultsFile[]): Bar[] {
  return TARGETS.map((target) => {
    let best: Bar['measured'];
    for (const file of files) {
      for (const result of file.results) {
        if (!target.matches(result.title)) continue;
        if (best !== undefined && best.date >= file.date) continue;
        const at = { file: file.file, date: file.date, node: file.node };
        if (target.peers !== undefined && result.ratios !== undefined) {
          const fastest = fastestOf(target.peers, result.ratios);
          if (fastest === undefined) continue;
          best = { ratio: fastest[1], goal: target.target(0), peer: fastest[0], ...at };
          continue;
        }
        const own = result.ns.shortbread;
        const peer = result.ns[target.peer];
        if (own === undefined || peer === undefined) continue;
        best = {
          ratio: target.ratio(own, peer),
          goal: target.target(peer),
          peer: target.peer,
          ...at,
        };
      }
    }
    return best === undefined ? { target } : { target, measured: best };
  });
}

const escapeXml = (text: string) =>
  text.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;');

const fmt = (ratio: number) => (ratio >= 10 ? ratio.toFixed(0) : ratio.toFixed(2));

const COLORS = { met: '#2e7d32', missed: '#c62828', none: '#9e9e9e', ink: '#212121' };

/** The chart as SVG text; the same figures always give the same bytes. */
export function renderSvg(rows: readonly Bar[]): string {
  const width = 1060;
  const labelRight = 290;
  const plotLeft = 305;
  const plotRight = 735;
  const textLeft = 750;
  const top = 78;
  const rowHeight = 34;
  const plotBottom = top + rows.length * rowHeight;
  const height = plotBottom + 122;

  // Whole decades around every ratio and target, and always 1.0.
  const values = [1];
  for (const row of rows) if (row.measured) values.push(row.measured.ratio, row.measured.goal);
  const lo = 10 ** Math.floor(Math.log10(Math.min(...values) / 1.15));
  const hi = 10 ** Math.ceil(Math.log10(Math.max(...values) * 1.15));
  const x = (ratio: number) =>
    plotLeft +
    ((Math.log10(ratio) - Math.log10(lo)) / Math.log10(hi / lo)) * (plotRight - plotLeft);

  const out: string[] = [];
  out.push(
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="system-ui, -apple-system, 'Segoe UI', Roboto, Helvetica, Arial, sans-serif" font-size="13">`,
    `<title>shortbread / target peer, per issue 16 stream row and issue 9 case (log scale)</title>`,
    `<rect width="${width}" height="${height}" fill="#ffffff"/>`,
    `<text x="16" y="28" font-size="17" font-weight="600" fill="${COLORS.ink}">shortbread time / target peer time: streams (issue 16) first, then issue 9's cases</text>`,
    `<text x="16" y="48" fill="#555">Log scale, one run per case (same process; streams: median of paired ratios). Left of 1.0: shortbread is faster. The black mark is the target.</text>`,
  );

  // Grid: 1, 2 and 5 of every decade; 1.0 drawn heavier.
  for (let decade = lo; decade < hi * 1.001; decade *= 10) {
    for (const step of [1, 2, 5]) {
      const tick = decade * step;
      if (tick > hi * 1.001) break;
      const tx = x(tick).toFixed(1);
      const one = Math.abs(tick - 1) < 1e-9;
      out.push(
        `<line x1="${tx}" y1="${top - 8}" x2="${tx}" y2="${plotBottom}" stroke="${one ? COLORS.ink : '#e0e0e0'}" stroke-width="${one ? 1.5 : 1}"/>`,
        `<text x="${tx}" y="${plotBottom + 18}" text-anchor="middle" fill="#555">${Number(tick.toPrecision(2))}</text>`,
      );
    }
  }
  out.push(
    `<text x="${x(1).toFixed(1)}" y="${top - 14}" text-anchor="middle" fill="${COLORS.ink}" font-weight="600">1.0 = as fast as the peer</text>`,
  );

  rows.forEach((row, i) => {
    const cy = top + i * rowHeight + rowHeight / 2;
    out.push(
      `<text x="${labelRight}" y="${cy + 4}" text-anchor="end" fill="${COLORS.ink}">${escapeXml(row.target.label)}</text>`,
    );
    const m = row.measured;
    if (m === undefined) {
      out.push(
        `<text x="${plotLeft + 8}" y="${cy + 4}" fill="${COLORS.none}" font-style="italic" paint-order="stroke" stroke="#ffffff" stroke-width="5">no results file yet (${escapeXml(row.target.source)} prints it)</text>`,
        `<text x="${textLeft}" y="${cy + 4}" fill="${COLORS.none}">target ${escapeXml(row.target.targetText)}</text>`,
      );
      return;
    }
    const met = m.ratio <= m.goal;
    const color = met ? COLORS.met : COLORS.missed;
    const x0 = x(1);
    const x1 = x(Math.min(Math.max(m.ratio, lo), hi));
    out.push(
      `<rect x="${Math.min(x0, x1).toFixed(1)}" y="${cy - 8}" width="${Math.max(Math.abs(x1 - x0), 1.5).toFixed(1)}" height="16" fill="${color}" fill-opacity="0.85"><title>${escapeXml(`${row.target.label}: ${fmt(m.ratio)} × ${m.peer} (${m.file}, ${m.date}, Node ${m.node})`)}</title></rect>`,
    );
    // The target: a vertical mark across the row with a small triangle above it.
    const gx = x(m.goal).toFixed(1);
    out.push(
      `<line x1="${gx}" y1="${cy - 13}" x2="${gx}" y2="${cy + 13}" stroke="${COLORS.ink}" stroke-width="2.5"/>`,
      `<path d="M ${Number(gx) - 5} ${cy - 17} L ${Number(gx) + 5} ${cy - 17} L ${gx} ${cy - 11} Z" fill="${COLORS.ink}"/>`,
      `<text x="${textLeft}" y="${cy}" fill="${color}" font-weight="600">${fmt(m.ratio)} × ${escapeXml(m.peer)} · ${met ? 'met' : 'not met'}</text>`,
      `<text x="${textLeft}" y="${cy + 13}" fill="#666" font-size="11">target ${escapeXml(row.target.targetText)}</text>`,
    );
  });

  // Legend and sources.
  const ly = plotBottom + 42;
  out.push(
    `<rect x="${plotLeft}" y="${ly - 10}" width="14" height="12" fill="${COLORS.met}"/>`,
    `<text x="${plotLeft + 20}" y="${ly}" fill="${COLORS.ink}">target met</text>`,
    `<rect x="${plotLeft + 110}" y="${ly - 10}" width="14" height="12" fill="${COLORS.missed}"/>`,
    `<text x="${plotLeft + 130}" y="${ly}" fill="${COLORS.ink}">not met</text>`,
    `<line x1="${plotLeft + 215}" y1="${ly - 12}" x2="${plotLeft + 215}" y2="${ly + 2}" stroke="${COLORS.ink}" stroke-width="2.5"/>`,
    `<text x="${plotLeft + 224}" y="${ly}" fill="${COLORS.ink}">target</text>`,
  );
  const sources = [
    ...new Set(
      rows.flatMap((r) =>
        r.measured ? [`${r.measured.file} (${r.measured.date}, Node ${r.measured.node})`] : [],
      ),
    ),
  ];
  const notes = [
    `Figures from bench/results/: ${sources.join('; ') || 'none'}.`,
    'jar memory is bytes a cookie, its target drawn relative to tough-cookie; node:http is requests/s, drawn as bare / shortbread.',
    'Drawn by npm run bench:chart (bench/chart.ts), which npm run bench and npm run bench:signing call at their end.',
  ];
  notes.forEach((note, i) => {
    out.push(
      `<text x="16" y="${ly + 26 + i * 15}" fill="#666" font-size="11">${escapeXml(note)}</text>`,
    );
  });
  out.push('</svg>');
  return `${out.join('\n')}\n`;
}

/**
 * Read `resultsDir`, write the chart to `out`, and return what was drawn.
 *
 * @example
 * ```ts
 * await writeRatioChart(); // bench/results/*.json -> bench/ratios.svg
 * ```
 */
export function writeRatioChart(
  resultsDir = resolve(import.meta.dirname, 'results'),
  out = resolve(import.meta.dirname, 'ratios.svg'),
): Bar[] {
  const rows = bars(readResults(resultsDir));
  writeFileSync(out, renderSvg(rows));
  const drawn = rows.filter((r) => r.measured).length;
  console.log(`wrote ${basename(out)}: ${drawn} of ${rows.length} cases measured`);
  for (const row of rows) {
    const m = row.measured;
    console.log(
      `  ${row.target.label.padEnd(36)} ${m ? `${fmt(m.ratio).padStart(6)} (target ${fmt(m.goal)}, ${m.ratio <= m.goal ? 'met' : 'NOT met'}, ${m.file})` : `– (${row.target.source})`}`,
    );
  }
  return rows;
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const [dir, out] = process.argv.slice(2);
  writeRatioChart(
    dir === undefined ? undefined : resolve(dir),
    out === undefined ? undefined : resolve(out),
  );
}
