/**
 * @module The CLI's I/O for unit tests of its commands: no TTYs, empty stdin, a fixed clock and
 * version, each field replaceable.
 */
import type { CliIo } from '../../src/cli/main.js';

/**
 * A `CliIo` for `execute` in tests; `over` replaces any field.
 *
 * @example
 * ```ts
 * await execute(['parse', 'a=1'], io({ stdoutIsTTY: true }));
 * ```
 */
export const io = (over: Partial<CliIo> = {}): CliIo => ({
  env: {},
  stdoutIsTTY: false,
  stderrIsTTY: false,
  stdinIsTTY: true,
  readStdin: async () => '',
  version: '0.0.0',
  now: Date.UTC(2026, 0, 1),
  ...over,
});
