/**
 * @module Writes a script's result to `reports/<name>.json` (`{ passed, failed, ... }`), which
 * `scripts/test-summary.mjs` adds to the closing `N passed, N failed` line of CI.
 */
import { mkdirSync, writeFileSync } from 'node:fs';

/**
 * Writes `reports/<name>.json`: `passed` and `failed` are counts of checks, `figures` what was measured.
 *
 * @example
 * ```ts
 * writeReport('load', { passed: 4, failed: 0, figures: { requests: 1000 } });
 * ```
 */
export function writeReport(
  name: string,
  report: { passed: number; failed: number; figures?: unknown },
): void {
  mkdirSync('reports', { recursive: true });
  writeFileSync(`reports/${name}.json`, `${JSON.stringify({ name, ...report }, null, 2)}\n`);
}
