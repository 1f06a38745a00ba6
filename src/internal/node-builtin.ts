/**
 * @module Reach a Node built-in (node:crypto, node:zlib) at call time, never at import time, so the
 * pure layers load unchanged on Deno, Bun, Workers and browsers.
 */

type BuiltinLoader = (id: string) => unknown;

let portableOnly = false;
const cache = new Map<string, unknown>();

/**
 * A Node built-in module through `process.getBuiltinModule` (Node ≥ 20.16), or `undefined` on
 * runtimes without it, or while {@link setPortableOnly} is on. The result is cached per id.
 *
 * @example
 * ```ts
 * const zlib = getNodeBuiltin<{ deflateSync(b: Uint8Array): Uint8Array }>('node:zlib');
 * ```
 */
export function getNodeBuiltin<T>(id: string): T | undefined {
  if (portableOnly) return undefined;
  if (cache.has(id)) return cache.get(id) as T | undefined;
  const processLike = (globalThis as { process?: { getBuiltinModule?: BuiltinLoader } }).process;
  let loaded: unknown;
  try {
    loaded = processLike?.getBuiltinModule?.(id);
  } catch {
    loaded = undefined;
  }
  cache.set(id, loaded);
  return loaded as T | undefined;
}

/**
 * Force the portable code paths (WebCrypto, CompressionStream) even on Node, so tests can cover
 * both. Internal: not exported from the package.
 *
 * @example
 * ```ts
 * setPortableOnly(true); // from now on getNodeBuiltin() returns undefined
 * ```
 */
export function setPortableOnly(on: boolean): void {
  portableOnly = on;
}

/**
 * Whether {@link setPortableOnly} is on.
 *
 * @example
 * ```ts
 * isPortableOnly(); // false
 * ```
 */
export function isPortableOnly(): boolean {
  return portableOnly;
}
