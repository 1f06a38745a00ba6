/** @module Bun runner: the suite's main.js under node_modules/.bin/bun (the `bun` dev dependency). */
import { join } from 'node:path';
import { MAIN, ROOT, type RuntimeReport, runDirectly, runSuiteProcess } from './runtime-report.js';

/** The suite on Bun. @example await runBun(); */
export function runBun(): Promise<RuntimeReport> {
  return runSuiteProcess('bun', join(ROOT, 'node_modules/.bin/bun'), [MAIN], {
    BUN_DISABLE_TELEMETRY: '1',
  });
}

await runDirectly(import.meta.url, runBun);
