// Sums every test runner's report into the one closing line CI reads: `N passed, N failed`.
// A skipped or todo test counts as failed under CI=true: nothing may skip there.
import { existsSync, readFileSync } from 'node:fs';

let passed = 0;
let failed = 0;
let skipped = 0;
let runners = 0;

if (existsSync('reports/vitest.json')) {
  runners++;
  const report = JSON.parse(readFileSync('reports/vitest.json', 'utf8'));
  passed += report.numPassedTests;
  failed += report.numFailedTests;
  skipped += report.numPendingTests + report.numTodoTests;
  // A file that failed to load reports no tests; count it as a failure so it cannot pass silently.
  for (const file of report.testResults ?? []) {
    if (file.status === 'failed' && (file.assertionResults ?? []).length === 0) failed++;
  }
}

// The runners `npm test` (scripts/test.sh) runs beside vitest (npm run test:tarball, fuzz, load, fault,
// test:runtimes, and the API reference build) each write reports/<name>.json with { passed, failed }: a
// packaging check, a property, a store, a fault run, a runtime's test or a TypeDoc build that failed
// counts as a failed test (runtimes: the portable suite's counts summed over runtimes).
for (const name of ['packaging', 'fuzz', 'load', 'fault', 'runtimes', 'apidocs']) {
  const path = `reports/${name}.json`;
  if (!existsSync(path)) continue;
  runners++;
  try {
    const report = JSON.parse(readFileSync(path, 'utf8'));
    if (!Number.isInteger(report.passed) || !Number.isInteger(report.failed)) {
      throw new Error('passed and failed must be integers');
    }
    passed += report.passed;
    failed += report.failed;
    console.error(`${name}: ${report.passed} passed, ${report.failed} failed`);
  } catch (error) {
    console.error(`${path} is unreadable (${error.message}); counted as 1 failed`);
    failed++;
  }
}

// EXPECT_REPORTS (set by scripts/test.sh): a runner that crashed before writing its report still fails.
for (const name of (process.env.EXPECT_REPORTS ?? '').split(/\s+/).filter(Boolean)) {
  if (!existsSync(`reports/${name}.json`)) {
    console.error(`reports/${name}.json is missing (${name} did not finish); counted as 1 failed`);
    failed++;
  }
}

if (process.env.CI === 'true' && skipped > 0) {
  console.error(`${skipped} test(s) skipped under CI=true; counted as failed`);
  failed += skipped;
}
if (runners === 0) console.error('no test report found in reports/');
console.log(`${passed} passed, ${failed} failed`);
if (failed > 0 || passed === 0) process.exit(1);
