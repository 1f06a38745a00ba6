/**
 * @module Counts the characters string and regular-expression built-ins touch while a function runs,
 * so that linear growth can be asserted on a deterministic count instead of on time.
 *
 * Every parser in shortbread is a scan built from `indexOf`, `charCodeAt`, `slice` and friends; a
 * quadratic rescan (searching the rest of the header again for each segment) shows up as a count
 * that grows with the square of the input. The built-ins are wrapped only while `run` executes and
 * restored afterwards, even when it throws.
 */

type AnyFn = (this: unknown, ...args: unknown[]) => unknown;

/** How many characters a call scans or produces, given `this`, its arguments and its result. */
type Cost = (self: string, args: unknown[], result: unknown) => number;

const toIndex = (value: unknown, fallback: number): number =>
  typeof value === 'number' && Number.isFinite(value) ? Math.trunc(value) : fallback;

const stringCosts: Record<string, Cost> = {
  indexOf: (s, [, from], r) => {
    const start = Math.max(0, toIndex(from, 0));
    return ((r as number) === -1 ? s.length - start : (r as number) - start) + 1;
  },
  lastIndexOf: (s, [, from], r) => {
    const start = Math.min(s.length, toIndex(from, s.length));
    return ((r as number) === -1 ? start : start - (r as number)) + 1;
  },
  includes: (s) => s.length + 1,
  startsWith: (_s, [search]) => String(search).length + 1,
  endsWith: (_s, [search]) => String(search).length + 1,
  slice: (_s, _a, r) => (r as string).length + 1,
  substring: (_s, _a, r) => (r as string).length + 1,
  toLowerCase: (s) => s.length + 1,
  toUpperCase: (s) => s.length + 1,
  split: (s) => s.length + 1,
  replace: (s) => s.length + 1,
  charCodeAt: () => 1,
  codePointAt: () => 1,
};

/** Runs `run` and returns the characters the wrapped built-ins touched meanwhile. */
export function countOperations(run: () => unknown): number {
  let ops = 0;
  const stringProto = String.prototype as unknown as Record<string, AnyFn>;
  const regexpProto = RegExp.prototype as unknown as Record<string, AnyFn>;
  const saved: Array<[Record<string, AnyFn>, string, AnyFn]> = [];
  for (const [name, cost] of Object.entries(stringCosts)) {
    const original = stringProto[name] as AnyFn;
    saved.push([stringProto, name, original]);
    stringProto[name] = function (this: unknown, ...args: unknown[]) {
      const result = original.apply(this, args);
      ops += cost(String(this), args, result);
      return result;
    };
  }
  for (const name of ['test', 'exec']) {
    const original = regexpProto[name] as AnyFn;
    saved.push([regexpProto, name, original]);
    regexpProto[name] = function (this: unknown, ...args: unknown[]) {
      ops += String(args[0]).length + 1;
      return original.apply(this, args);
    };
  }
  try {
    run();
  } finally {
    for (const [target, name, original] of saved) target[name] = original;
  }
  return ops;
}
