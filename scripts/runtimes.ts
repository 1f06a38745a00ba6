/**
 * @module `npm run test:runtimes`: the portable suite (test/runtimes/) on every runtime of the
 * matrix, one after the other, on the BUILT package (run `npm run build` first; this builds
 * nothing). Prints a table and writes reports/runtimes.json ({ passed, failed, runtimes }) for
 * scripts/test-summary.mjs, and reports/runtimes/<id>.json per runtime.
 *
 * Every runtime must run the whole portable suite: a test that ran elsewhere but not here counts
 * as failed, and so does a signing backend other than the one pinned below. Under CI=true a
 * runtime that is not installed is a failure; elsewhere it is reported and left out.
 *
 *   npm run test:runtimes              # all of them
 *   npm run test:runtimes -- bun deno  # some
 */
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { runBun } from '../test/runtimes/runners/bun.js';
import { runChromium } from '../test/runtimes/runners/chromium.js';
import { runDeno } from '../test/runtimes/runners/deno.js';
import { runNode, runNodeWebCrypto } from '../test/runtimes/runners/node.js';
import {
  printReport,
  REPORT_DIR,
  ROOT,
  type RuntimeReport,
  writeRuntimeReport,
} from '../test/runtimes/runners/runtime-report.js';
import { runWorkerd, runWorkerdNodeCompat } from '../test/runtimes/runners/workerd.js';

interface Runtime {
  id: string;
  run: () => Promise<RuntimeReport>;
  /** The HMAC backend signing must take there, so both paths are covered by the matrix. */
  crypto: 'node:crypto' | 'webcrypto';
}

const RUNTIMES: Runtime[] = [
  { id: 'node', run: runNode, crypto: 'node:crypto' },
  { id: 'node-webcrypto', run: runNodeWebCrypto, crypto: 'webcrypto' },
  { id: 'bun', run: runBun, crypto: 'node:crypto' },
  { id: 'deno', run: runDeno, crypto: 'node:crypto' },
  { id: 'workerd', run: runWorkerd, crypto: 'webcrypto' },
  { id: 'workerd-nodejs-compat', run: runWorkerdNodeCompat, crypto: 'node:crypto' },
  { id: 'chromium', run: runChromium, crypto: 'webcrypto' },
];

/** Tests only a page can run (document.cookie); every other name must run everywhere. */
const BROWSER_ONLY = 'browser > ';

const ci = process.env.CI === 'true';
const wanted = process.argv.slice(2);
const unknown = wanted.filter((id) => !RUNTIMES.some((r) => r.id === id));
if (unknown.length > 0) {
  console.error(
    `unknown runtime(s): ${unknown.join(', ')} (known: ${RUNTIMES.map((r) => r.id).join(', ')})`,
  );
  process.exit(2);
}
if (!existsSync(join(ROOT, 'dist/index.js'))) {
  console.error('dist/ is missing: run `npm run build` first (the matrix tests the built package)');
}

const reports: RuntimeReport[] = [];
for (const runtime of RUNTIMES.filter((r) => wanted.length === 0 || wanted.includes(r.id))) {
  const report = await runtime.run();
  // The backend is pinned per runtime, so a runtime that quietly changed path fails here.
  if (report.crypto !== undefined && report.crypto.observed !== runtime.crypto) {
    report.failed++;
    report.failures.push({
      name: 'matrix > signing backend',
      error: `expected ${runtime.crypto} on ${runtime.id}, the suite saw ${report.crypto.observed}`,
    });
  }
  reports.push(report);
}

// The whole suite everywhere: the portable names any runtime ran, each runtime must have run too.
const portable = new Set(
  reports.flatMap((r) => r.names.filter((name) => !name.startsWith(BROWSER_ONLY))),
);
for (const report of reports) {
  if (report.error !== undefined) continue;
  const ran = new Set(report.names);
  const skipped = [...portable].filter((name) => !ran.has(name));
  for (const name of skipped) {
    report.failed++;
    report.failures.push({ name, error: `did not run on ${report.id} (it ran elsewhere)` });
  }
}

let passed = 0;
let failed = 0;
const rows: string[][] = [['runtime', 'version', 'passed', 'failed', 'tests', 'crypto', 'time']];
for (const report of reports) {
  writeRuntimeReport(report);
  printReport(report);
  const leftOut = report.missing === true && !ci;
  if (!leftOut) {
    passed += report.passed;
    failed += report.failed;
  }
  rows.push([
    report.id,
    leftOut ? 'not installed (left out; CI fails on this)' : report.version,
    String(report.passed),
    String(report.failed),
    report.adapted.length > 0
      ? `${report.total} (${report.adapted.length} in browser form)`
      : String(report.total),
    report.crypto?.observed ?? '-',
    `${(report.wallMs / 1000).toFixed(1)} s`,
  ]);
}

const widths = rows[0]?.map((_, i) => Math.max(...rows.map((row) => (row[i] ?? '').length))) ?? [];
console.log('');
for (const [index, row] of rows.entries()) {
  console.log(
    row
      .map((cell, i) => cell.padEnd(widths[i] ?? 0))
      .join('  ')
      .trimEnd(),
  );
  if (index === 0) console.log(widths.map((w) => '-'.repeat(w)).join('  '));
}
console.log(`\nruntimes: ${passed} passed, ${failed} failed (${portable.size} portable tests)`);

const summary = {
  passed,
  failed,
  portableTests: portable.size,
  runtimes: reports.map((r) => ({
    id: r.id,
    runtime: r.runtime,
    version: r.version,
    passed: r.passed,
    failed: r.failed,
    total: r.total,
    adapted: r.adapted.length,
    crypto: r.crypto?.observed ?? null,
    seconds: Math.round(r.wallMs / 100) / 10,
    ...(r.missing ? { missing: true } : {}),
  })),
};
writeFileSync(join(REPORT_DIR, '..', 'runtimes.json'), `${JSON.stringify(summary, null, 2)}\n`);
if (failed > 0 || passed === 0) process.exitCode = 1;
