/**
 * @module The command-line entry of the portable suite for Node, Bun and Deno: runs it, prints one
 * line per failure and a summary, and ends with `RUNTIME_RESULT <json>` for the runner to read.
 * Exit code 1 when a test failed.
 */
import { runPortableSuite } from './suite.js';

const result = await runPortableSuite({
  onResult(name, error) {
    if (error !== undefined)
      console.log(`FAIL ${name}\n     ${error instanceof Error ? error.message : String(error)}`);
  },
});
const { runtime, crypto } = result;
console.log(
  `${runtime.name} ${runtime.version}: ${result.passed} passed, ${result.failed} failed (${result.total} tests, crypto ${crypto.observed}, ${result.ms} ms)`,
);
console.log(`RUNTIME_RESULT ${JSON.stringify(result)}`);
if (result.failed > 0 || result.passed === 0) {
  const g = /** @type {any} */ (globalThis);
  if (g.Deno) g.Deno.exitCode = 1;
  else if (g.process) g.process.exitCode = 1;
}
