/**
 * @module `npm run fuzz`: every property of test/fuzz/properties.ts with at least 100 000 inputs
 * each (`FUZZ_RUNS` to change it, `FUZZ_SEED` to replay), printing the inputs tried per property.
 * `FUZZ_ONLY=<text>` runs only the properties whose name contains it.
 * `--skip-known` discards the inputs of the bugs listed in SECURITY.md so the rest still gets covered.
 * Exits 1 when any property fails, after running all of them; writes reports/fuzz.json for CI.
 */
import { properties } from '../test/fuzz/properties.js';
import { writeReport } from './harness/write-report.js';

const runs = Math.max(Number(process.env.FUZZ_RUNS ?? 100_000), 1);
const seed = process.env.FUZZ_SEED === undefined ? undefined : Number(process.env.FUZZ_SEED);
const skipKnownBugs = process.argv.includes('--skip-known');
// FUZZ_ONLY=<text>: run only the properties whose name contains it.
const only = process.env.FUZZ_ONLY;
const selected = only === undefined ? properties : properties.filter((p) => p.name.includes(only));
let failed = 0;
let total = 0;
const started = performance.now();
console.log(
  `fuzz: ${selected.length} properties, ${runs} inputs each${seed === undefined ? '' : `, seed ${seed}`}${skipKnownBugs ? ', inputs of known bugs skipped' : ''}`,
);
for (const property of selected) {
  const t = performance.now();
  try {
    const tried = await property.run(runs, seed, { skipKnownBugs });
    total += tried;
    console.log(
      `ok    ${String(tried).padStart(8)} inputs  ${((performance.now() - t) / 1000).toFixed(1).padStart(6)} s  ${property.name}`,
    );
  } catch (error) {
    failed++;
    console.log(
      `FAIL  ${' '.repeat(15)} ${((performance.now() - t) / 1000).toFixed(1).padStart(6)} s  ${property.name}`,
    );
    console.log(String(error instanceof Error ? error.message : error).replace(/^/gm, '      '));
  }
}
console.log(
  `fuzz: ${selected.length - failed} passed, ${failed} failed, ${total} inputs tried in ${((performance.now() - started) / 1000).toFixed(0)} s`,
);
writeReport('fuzz', {
  passed: selected.length - failed,
  failed,
  figures: { properties: selected.length, inputsEach: runs, inputsTried: total },
});
process.exitCode = failed === 0 ? 0 : 1;
