/**
 * @module Before/after table of two `BENCH_JSON` files from `bench/run.ts`: shortbread's ns/op in
 * each run and its ratio to the fastest peer measured in that same run.
 *
 *   npx tsx bench/compare.ts before.json after.json
 */

import { readFileSync } from 'node:fs';

interface Result {
  title: string;
  ns: Record<string, number | undefined>;
}

interface Run {
  node: string;
  date: string;
  results: Result[];
}

function load(file: string): Run {
  return JSON.parse(readFileSync(file, 'utf8')) as Run;
}

function formatNs(ns: number): string {
  if (ns >= 1e6) return `${(ns / 1e6).toFixed(2)} ms`;
  if (ns >= 1e4) return `${(ns / 1e3).toFixed(1)} µs`;
  if (ns >= 1e3) return `${(ns / 1e3).toFixed(2)} µs`;
  return `${ns.toFixed(0)} ns`;
}

/** shortbread's time over the fastest peer's, in the same run, and that peer. */
function versusFastest(r: Result): string {
  let best: [string, number] | undefined;
  for (const [lib, ns] of Object.entries(r.ns)) {
    if (lib === 'shortbread' || lib === 'floor' || ns === undefined) continue;
    if (best === undefined || ns < best[1]) best = [lib, ns];
  }
  const own = r.ns.shortbread;
  if (best === undefined || own === undefined) return '–';
  return `${(own / best[1]).toFixed(2)} × ${best[0]}`;
}

const [beforeFile, afterFile] = process.argv.slice(2);
if (beforeFile === undefined || afterFile === undefined) {
  console.error('usage: tsx bench/compare.ts before.json after.json');
  process.exit(2);
}
const before = load(beforeFile);
const after = load(afterFile);
console.log(
  '| case | before | after | after/before | before vs fastest peer | after vs fastest peer |',
);
console.log('|---|---:|---:|---:|---:|---:|');
for (const a of after.results) {
  const b = before.results.find((r) => r.title === a.title);
  const bNs = b?.ns.shortbread;
  const aNs = a.ns.shortbread;
  if (aNs === undefined) continue;
  const change = bNs === undefined ? '–' : `${(aNs / bNs).toFixed(2)}`;
  console.log(
    `| ${a.title} | ${bNs === undefined ? '–' : formatNs(bNs)} | ${formatNs(aNs)} | ${change} | ${b === undefined ? '–' : versusFastest(b)} | ${versusFastest(a)} |`,
  );
}
